package org.lazuli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

class SchedulersTest {

    @Test
    void anInstalledSchedulerIsTheDefaultUntilClosed() {
        Scheduler before = Schedulers.current();
        int[] calls = new int[1];
        Scheduler counting = new Scheduler() {
            @Override
            public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
                calls[0]++;
                return SynchronousScheduler.instance().execute(graph, outputs, listener);
            }

            @Override
            public int parallelism() {
                return 1;
            }
        };
        try (Schedulers.Installation ignored = Schedulers.use(counting)) {
            assertSame(counting, Schedulers.current());
            assertEquals(6.0, org.lazuli.array.ChunkedArray.arange(4, 2).sum().compute().getDouble());
            assertEquals(1, calls[0], "compute() used the installed scheduler");
        }
        assertSame(before, Schedulers.current());
        assertEquals(Runtime.getRuntime().availableProcessors(), Schedulers.shared().parallelism());
    }
}
