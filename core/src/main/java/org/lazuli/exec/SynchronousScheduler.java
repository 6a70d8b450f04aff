package org.lazuli.exec;

import java.util.List;
import java.util.Map;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs every task on the calling thread, in the graph's preferred order. For debugging (stack traces
 * and breakpoints in one thread) and for tasks that compute inside a worker.
 */
public final class SynchronousScheduler implements Scheduler {
    private static final SynchronousScheduler INSTANCE = new SynchronousScheduler();

    private SynchronousScheduler() {
    }

    public static SynchronousScheduler instance() {
        return INSTANCE;
    }

    @Override
    public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        long start = System.nanoTime();
        ExecutionState state = new ExecutionState(graph, outputs);
        try {
            for (int id = state.poll(); id >= 0; id = state.poll()) {
                state.finished(id, TaskRunner.run(state.task(id), state.inputsOf(id), listener));
            }
            return state.outputResults();
        } finally {
            ExecutionStats stats = new ExecutionStats(state.size(), state.finishedCount(), state.peakBytes(),
                    System.nanoTime() - start);
            TaskRunner.notify(() -> listener.computationFinished(stats));
        }
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public String toString() {
        return "SynchronousScheduler";
    }
}
