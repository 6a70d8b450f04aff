package org.lazuli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/** The one runner loop under a placement of its own: holding, releasing, keeping, retrying, failing. */
class GraphRunTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** A worker's handle on a result, counting its releases. */
    static final class Held {
        final Object value;
        final AtomicInteger releases = new AtomicInteger();

        Held(Object value) {
            this.value = value;
        }
    }

    /** Results held in handles; a failing task is retried once when {@code retries}; outputs kept when {@code keep}. */
    final class Recording implements GraphRun.Placement<ExecutorService> {
        final List<Held> handed = new ArrayList<>();
        final List<TaskKey> failedKeys = new ArrayList<>();
        final boolean keep;
        final boolean retries;

        Recording(boolean keep, boolean retries) {
            this.keep = keep;
            this.retries = retries;
        }

        @Override
        public int parallelism() {
            return 2;
        }

        @Override
        public ExecutorService chooseWorker() {
            return threads;
        }

        @Override
        public void execute(ExecutorService worker, Runnable runner) {
            worker.execute(runner);
        }

        @Override
        public synchronized Object hold(ExecutorService worker, Task task, Object result) {
            Held held = new Held(result);
            handed.add(held);
            return held;
        }

        @Override
        public Object value(Object held) {
            return ((Held) held).value;
        }

        @Override
        public void release(Object held) {
            ((Held) held).releases.incrementAndGet();
        }

        @Override
        public boolean retry(ExecutorService worker, Task task, Throwable failure, int attempt) {
            return retries && attempt == 1;
        }

        @Override
        public synchronized void failed(ExecutorService worker, Task task, long start, long stop, RuntimeException e) {
            failedKeys.add(task.key());
        }

        @Override
        public Map<TaskKey, Object> complete(Map<TaskKey, Object> outputs) {
            return keep ? outputs : GraphRun.Placement.super.complete(outputs);
        }
    }

    private static TaskKey k(String name, int i) {
        return TaskKey.of(name, i);
    }

    /** Sum of the squares of 0..7, as leaves, pairwise sums and a root; the leaf 3 fails its first try if asked. */
    private static TaskGraph sumOfSquares(AtomicInteger leafThreeTries, boolean leafThreeFailsOnce) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int v = i;
            tasks.add(Task.of(k("leaf", i), inputs -> {
                if (v == 3 && leafThreeTries.incrementAndGet() == 1 && leafThreeFailsOnce) {
                    throw new IllegalStateException("first try of leaf 3");
                }
                return (long) v * v;
            }));
        }
        for (int i = 0; i < 4; i++) {
            tasks.add(Task.of(k("pair", i), inputs -> (Long) inputs[0] + (Long) inputs[1], k("leaf", 2 * i),
                    k("leaf", 2 * i + 1)));
        }
        tasks.add(Task.of(k("root", 0), inputs -> {
            long total = 0;
            for (Object x : inputs) {
                total += (Long) x;
            }
            return total;
        }, k("pair", 0), k("pair", 1), k("pair", 2), k("pair", 3)));
        return TaskGraph.of(tasks);
    }

    private static final long EXPECTED = 0 + 1 + 4 + 9 + 16 + 25 + 36 + 49;

    @Test
    void everyHeldResultIsReleasedOnceAndTheValuesGathered() throws Exception {
        Recording placement = new Recording(false, false);
        GraphRun<ExecutorService> run = new GraphRun<>(sumOfSquares(new AtomicInteger(), false), List.of(k("root", 0)),
                placement, ExecutionListener.NONE);
        run.start();
        Map<TaskKey, Object> results = run.completion().get(30, TimeUnit.SECONDS);
        assertEquals(EXPECTED, results.get(k("root", 0)));
        assertEquals(13, placement.handed.size());
        for (Held held : placement.handed) {
            assertEquals(1, held.releases.get(), "each handle released exactly once, the output's after gathering");
        }
        assertEquals(0, run.processingCount());
        assertEquals(0, run.waitingCount());
    }

    @Test
    void keptOutputsStayHeldAndTheRestIsReleased() throws Exception {
        Recording placement = new Recording(true, false);
        GraphRun<ExecutorService> run = new GraphRun<>(sumOfSquares(new AtomicInteger(), false),
                List.of(k("root", 0), k("pair", 2)), placement, ExecutionListener.NONE);
        run.start();
        Map<TaskKey, Object> results = run.completion().get(30, TimeUnit.SECONDS);
        Held root = assertInstanceOf(Held.class, results.get(k("root", 0)));
        Held pair = assertInstanceOf(Held.class, results.get(k("pair", 2)));
        assertEquals(EXPECTED, root.value);
        assertEquals(16L + 25, pair.value);   // leaves 4 and 5
        for (Held held : placement.handed) {
            assertEquals(held == root || held == pair ? 0 : 1, held.releases.get());
        }
    }

    @Test
    void aRetriedTaskRunsAgainAndTheResultIsRight() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        Recording placement = new Recording(false, true);
        GraphRun<ExecutorService> run = new GraphRun<>(sumOfSquares(tries, true), List.of(k("root", 0)), placement,
                ExecutionListener.NONE);
        run.start();
        assertEquals(EXPECTED, run.completion().get(30, TimeUnit.SECONDS).get(k("root", 0)));
        assertEquals(2, tries.get());
        assertEquals(List.of(), failedKeys(placement));
    }

    @Test
    void aFailureEndsTheRunNamesTheTaskAndReleasesWhatWasHeld() {
        Recording placement = new Recording(false, false);
        GraphRun<ExecutorService> run = new GraphRun<>(sumOfSquares(new AtomicInteger(), true), List.of(k("root", 0)),
                placement, ExecutionListener.NONE);
        run.start();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.completion().get(30, TimeUnit.SECONDS));
        TaskFailedException failure = assertInstanceOf(TaskFailedException.class, e.getCause());
        assertEquals(k("leaf", 3), failure.key());
        assertEquals("first try of leaf 3", failure.getCause().getMessage());
        // the placement hears of the failure on the runner's thread, after the run completed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (failedKeys(placement).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(k("leaf", 3)), failedKeys(placement));
        assertTrue(run.isStopped());
        synchronized (placement) {
            for (Held held : placement.handed) {
                assertTrue(held.releases.get() <= 1, "no handle released twice");
            }
        }
    }

    private static List<TaskKey> failedKeys(Recording placement) {
        synchronized (placement) {
            return List.copyOf(placement.failedKeys);
        }
    }

    @Test
    void aRejectedRunnerFailsTheRunWithThePlacementsReason() {
        threads.shutdown();
        GraphRun<ExecutorService> run = new GraphRun<>(sumOfSquares(new AtomicInteger(), false), List.of(k("root", 0)),
                new Recording(false, false), ExecutionListener.NONE);
        run.start();
        ExecutionException e = assertThrows(ExecutionException.class, () -> run.completion().get(30, TimeUnit.SECONDS));
        assertSame(IllegalStateException.class, e.getCause().getClass());
        assertTrue(e.getCause().getMessage().contains("The scheduler is closed"), e.getCause().getMessage());
    }
}
