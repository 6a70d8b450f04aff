package org.lazuli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

class ThreadedSchedulerTest {

    /** sum of 0..n-1 as a chain of fan-in-2 adds over n leaves. */
    private static TaskGraph sumGraph(int n, int failingLeaf) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int value = i;
            tasks.add(Task.of(TaskKey.of("leaf", i), inputs -> {
                if (value == failingLeaf) {
                    throw new IllegalStateException("leaf " + value + " is broken");
                }
                return (long) value;
            }));
        }
        List<TaskKey> level = tasks.stream().map(Task::key).toList();
        int depth = 0;
        while (level.size() > 1) {
            List<TaskKey> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                TaskKey key = TaskKey.of("add" + depth, i / 2);
                List<TaskKey> deps = level.subList(i, Math.min(i + 2, level.size()));
                tasks.add(new Task(key, deps, inputs -> {
                    long s = 0;
                    for (Object input : inputs) {
                        s += (Long) input;
                    }
                    return s;
                }));
                next.add(key);
            }
            level = next;
            depth++;
        }
        return TaskGraph.of(tasks);
    }

    private static TaskKey root(TaskGraph graph) {
        return graph.tasks().stream().reduce((a, b) -> b).orElseThrow().key();
    }

    @Test
    void computesTheSameAsTheSynchronousScheduler() {
        TaskGraph graph = sumGraph(1000, -1);
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(3)) {
            Map<TaskKey, Object> threaded = scheduler.execute(graph, List.of(root(graph)));
            Map<TaskKey, Object> sync = SynchronousScheduler.instance().execute(graph, List.of(root(graph)));
            assertEquals(999L * 1000 / 2, threaded.get(root(graph)));
            assertEquals(sync, threaded);
        }
    }

    @Test
    void aFailingTaskNamesItsKeyAndLeavesTheSchedulerUsable() {
        TaskGraph broken = sumGraph(64, 17);
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> scheduler.execute(broken, List.of(root(broken))));
            assertEquals(TaskKey.of("leaf", 17), e.key());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getMessage().contains("('leaf', 17)") && e.getMessage().contains("leaf 17 is broken"),
                    e.getMessage());
            TaskGraph fine = sumGraph(64, -1);
            assertEquals(63L * 64 / 2, scheduler.execute(fine, List.of(root(fine))).get(root(fine)));
        }
    }

    @Test
    void aTaskOutOfHeapSaysSoAndWhatToDoAndTheSchedulerGoesOn() {
        TaskGraph greedy = TaskGraph.builder().add(Task.of(TaskKey.of("greedy", 0),
                inputs -> new double[Integer.MAX_VALUE - 8].length)).build();   // 16 GiB: more than any test heap
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> scheduler.execute(greedy, List.of(TaskKey.of("greedy", 0))));
            assertInstanceOf(OutOfMemoryError.class, e.getCause());
            assertTrue(e.getMessage().contains("('greedy', 0) ran out of Java heap") && e.getMessage().contains("-Xmx")
                    && e.getMessage().contains("smaller chunks") && e.getMessage().contains("memoryLimit"),
                    e.getMessage());
            TaskGraph fine = sumGraph(64, -1);
            assertEquals(63L * 64 / 2, scheduler.execute(fine, List.of(root(fine))).get(root(fine)));
        }
    }

    @Test
    void manyCallersComputeConcurrently() throws Exception {
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Object>> results = new ArrayList<>();
                for (int c = 0; c < 40; c++) {
                    int n = 10 + c;
                    results.add(callers.submit(() -> {
                        TaskGraph graph = sumGraph(n, -1);
                        return scheduler.execute(graph, List.of(root(graph))).get(root(graph));
                    }));
                }
                for (int c = 0; c < 40; c++) {
                    long n = 10 + c;
                    assertEquals(n * (n - 1) / 2, results.get(c).get(30, TimeUnit.SECONDS));
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aComputationInsideATaskDoesNotDeadlockTheOnlyThread() {
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(1)) {
            TaskGraph inner = sumGraph(10, -1);
            TaskGraph outer = TaskGraph.of(List.of(Task.of(TaskKey.of("outer", 0),
                    inputs -> scheduler.execute(inner, List.of(root(inner))).get(root(inner)))));
            assertEquals(45L, scheduler.execute(outer, List.of(TaskKey.of("outer", 0))).get(TaskKey.of("outer", 0)));
        }
    }

    @Test
    void closeStopsEveryThread() throws InterruptedException {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        ThreadedScheduler scheduler = ThreadedScheduler.create(2);
        TaskGraph graph = sumGraph(100, -1);
        scheduler.execute(graph, List.of(root(graph)));
        // this scheduler's workers: the live worker threads that were not there before it
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("lazuli-worker-")).toList();
        assertEquals(2, workers.size(), "the pool ran its 2 threads: " + workers);
        scheduler.close();
        assertTrue(scheduler.isClosed());
        for (Thread worker : workers) {
            worker.join(5_000);
            assertFalse(worker.isAlive(), worker.getName() + " still runs after close");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> scheduler.execute(graph, List.of(root(graph))));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void listenersSeeEveryTaskAndTheirFailuresAreIgnored() {
        TaskGraph graph = sumGraph(32, -1);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void taskFinished(TaskKey key, long start, long stop, long bytes) {
                finished.incrementAndGet();
                throw new IllegalStateException("a broken listener");
            }
        };
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            assertEquals(31L * 32 / 2, scheduler.execute(graph, List.of(root(graph)), listener).get(root(graph)));
        }
        assertEquals(graph.size(), finished.get());
    }

    @Test
    void cyclesAreRejected() {
        TaskGraph cyclic = TaskGraph.of(List.of(
                Task.of(TaskKey.of("a", 0), inputs -> 1, TaskKey.of("b", 0)),
                Task.of(TaskKey.of("b", 0), inputs -> 1, TaskKey.of("a", 0))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SynchronousScheduler.instance().execute(cyclic, List.of(TaskKey.of("a", 0))));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        // the message names a task of the cycle, and the threaded scheduler refuses it too
        assertTrue(e.getMessage().contains("('a', 0)") || e.getMessage().contains("('b', 0)"), e.getMessage());
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            IllegalStateException threaded = assertThrows(IllegalStateException.class,
                    () -> scheduler.execute(cyclic, List.of(TaskKey.of("a", 0))));
            assertTrue(threaded.getMessage().contains("cycle"), threaded.getMessage());
        }
    }
}
