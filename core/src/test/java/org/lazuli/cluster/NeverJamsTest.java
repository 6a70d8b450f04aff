package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.ResultTooLargeException;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;

/** Persisted data stays on the workers, and every failure ends its computation (the lesson's "Dask can jam up"). */
class NeverJamsTest {
    private static final Duration HARD_LIMIT = Duration.ofSeconds(60);

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    private static LocalCluster cluster(String memory) {
        return LocalCluster.builder().workers(2).threadsPerWorker(1).memoryLimit(memory).dashboardAddress("none").start();
    }

    private static long heldBytes(LocalCluster cluster) {
        return cluster.workers().stream().mapToLong(w -> w.memoryInUse() + w.spilledBytes()).sum();
    }

    @Test
    void persistKeepsBlocksOnTheWorkersAndLaterComputationsReadThemThere() {
        ChunkedArray x = ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 7);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
                ChunkedArray persisted = client.persist(x);
                assertEquals(400L * 400 * 8, heldBytes(cluster), "every block is held by a worker");
                assertEquals(expected, persisted.sum().compute().getDouble(), 1e-9 * expected);
                assertEquals(expected * 2, persisted.multiply(2.0).sum().compute().getDouble(), 1e-9 * expected);
                assertEquals(400L * 400 * 8, heldBytes(cluster), "reading them leaves them held, once");
                DenseArray back = persisted.compute();
                assertEquals(x.compute(SynchronousScheduler.instance()).getDouble(123, 321), back.getDouble(123, 321));
            }
        });
    }

    @Test
    void persistedBlocksAreReleasedWhenThePersistedArrayIsUnreachable() throws InterruptedException {
        try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
            ChunkedArray persisted = ChunkedArray.ones(new long[] {1000, 100}, new long[] {100, 100}).persist();
            assertEquals(1000L * 100 * 8, heldBytes(cluster));
            assertEquals(100_000, persisted.sum().compute().getDouble());
            persisted = null;
            for (int i = 0; i < 100 && heldBytes(cluster) > 0; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(0, heldBytes(cluster), "the workers let go of blocks nobody can read");
        }
    }

    @Test
    void aRestartDropsPersistedBlocksAndReadingThemSaysPersistAgain() {
        try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
            ChunkedArray persisted = ChunkedArray.ones(new long[] {100}, new long[] {10}).persist();
            client.restart();
            assertEquals(0, heldBytes(cluster));
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> persisted.sum().compute());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("restarted or closed; persist again"), e.getCause().getMessage());
            assertEquals(10.0, ChunkedArray.ones(new long[] {10}, new long[] {5}).sum().compute().getDouble());
        }
    }

    @Test
    void aPersistedArrayLargerThanTheLimitSpillsAndSumsRight() {
        // 64 MB of blocks under a 2 x 16 MB limit: most live in spill files; the sum reads them back one by one
        ChunkedArray x = ChunkedArray.random(new long[] {2048, 4096}, new long[] {256, 512}, 3);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        AtomicLong spilled = new AtomicLong();
        AtomicLong unspilled = new AtomicLong();
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = cluster("16MB"); Client client = Client.connect(cluster);
                 AutoCloseable watch = cluster.events().subscribe(e -> {
                     if (e instanceof SchedulerEvent.Spilled spill) {
                         spilled.addAndGet(spill.bytes());
                     } else if (e instanceof SchedulerEvent.Unspilled readBack) {
                         unspilled.addAndGet(readBack.bytes());
                     }
                 })) {
                ChunkedArray persisted = client.persist(x);
                long onDisk = cluster.workers().stream().mapToLong(Cluster.WorkerInfo::spilledBytes).sum();
                assertTrue(onDisk > 40_000_000, "most blocks are on disk: " + onDisk);
                assertTrue(cluster.workers().stream().allMatch(w -> w.memoryInUse() <= 0.6 * 16_000_000),
                        cluster.workers().toString());
                assertEquals(expected, persisted.sum().compute().getDouble(), 1e-9 * expected);
                assertTrue(spilled.get() >= onDisk && unspilled.get() > 0, spilled + " " + unspilled);
            }
        });
    }

    @Test
    void aResultLargerThanTheFreeHeapFailsBeforeAnythingRuns() {
        long heap = Runtime.getRuntime().maxMemory();
        long side = (long) Math.sqrt(heap / 8.0) + 1000;   // one float64 array larger than the whole heap
        try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
            ChunkedArray huge = ChunkedArray.ones(new long[] {side, side}, new long[] {1000, 1000}).multiply(3.0);
            long started = System.nanoTime();
            ResultTooLargeException e = assertThrows(ResultTooLargeException.class, huge::compute);
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at once, not after computing");
            assertTrue(e.getMessage().startsWith("Computing " + huge.name()) && e.getMessage().contains("-Xmx")
                    && e.getMessage().contains("persist()") && e.getMessage().contains("toNetcdf"), e.getMessage());
            assertEquals(side * side * 8 * 2, e.bytes());
            assertEquals(heap, e.heapMax());
            assertEquals(0, cluster.tasksDone(), "nothing ran");
            assertEquals(side * 3.0, huge.sum(0).sum().divide(side).compute().getDouble(), 1e-6 * side);
        }
    }

    @Test
    void tasksThrowingStackOverflowOrOutOfMemoryFailTheirFutureAndTheClientStaysUsable() {
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
                TaskFuture<Integer> deep = client.submit(() -> recurse(0));
                TaskFailedException overflow = assertThrows(TaskFailedException.class, deep::result);
                assertInstanceOf(StackOverflowError.class, overflow.getCause());
                TaskFuture<long[]> greedy = client.submit(() -> new long[Integer.MAX_VALUE - 8]);
                TaskFailedException oom = assertThrows(TaskFailedException.class, greedy::result);
                assertInstanceOf(OutOfMemoryError.class, oom.getCause());
                ChunkedArray failing = ChunkedArray.ones(new long[] {10}, new long[] {5}).mapBlocks(b -> {
                    throw new OutOfMemoryError("simulated");
                });
                TaskFailedException inArray = assertThrows(TaskFailedException.class, failing::compute);
                assertEquals("simulated", inArray.getCause().getMessage());
                assertEquals(List.of(2, 3, 4), client.gather(client.map(v -> v + 1, List.of(1, 2, 3))));
                assertEquals(2, cluster.workers().size());
            }
        });
    }

    private static final java.util.concurrent.atomic.AtomicInteger HEAP_FAILURES_LEFT = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void aTaskOutOfHeapWhileItsWorkerHoldsResultsRunsAgainAfterTheyAreSpilled() {
        ChunkedArray x = ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 8);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).memoryLimit("256MB")
                    .dashboardAddress("none").start();
                 Client client = Client.connect(cluster)) {
                ChunkedArray persisted = client.persist(x);
                HEAP_FAILURES_LEFT.set(1);
                ChunkedArray doubled = persisted.mapBlocks(b -> {
                    if (HEAP_FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new OutOfMemoryError("Java heap space (simulated)");
                    }
                    double[] values = b.toDoubleArray();
                    for (int i = 0; i < values.length; i++) {
                        values[i] *= 2;
                    }
                    return org.lazuli.array.DenseArray.of(values, b.shape());
                });
                assertEquals(2 * expected, doubled.sum().compute().getDouble(), 1e-9 * expected,
                        "the task that ran out of heap ran again");
                assertTrue(cluster.workers().get(0).spilledBytes() > 0, "what the worker held was spilled first");
                assertEquals(expected, persisted.sum().compute().getDouble(), 1e-9 * expected, "and reads back");
                HEAP_FAILURES_LEFT.set(Integer.MAX_VALUE);   // out of heap every time: fails after a bounded number of tries
                TaskFailedException e = assertThrows(TaskFailedException.class, () -> doubled.sum().compute());
                assertInstanceOf(OutOfMemoryError.class, e.getCause());
            }
        });
    }

    @Test
    void workerThreadsAfterAVirtualMachineErrorAreFreshOnes() {
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).memoryLimit("64MB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            String before = client.submit(() -> Thread.currentThread().getName()).result();
            assertThrows(TaskFailedException.class, () -> client.submit(() -> recurse(0)).result());
            String after = client.submit(() -> Thread.currentThread().getName()).result();
            assertTrue(!before.equals(after) && after.startsWith(cluster.name()), before + " then " + after);
        }
    }

    @Test
    void aSubscriberThrowingAnErrorDoesNotStallTheComputation() {
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster);
                 AutoCloseable broken = cluster.events().subscribe(e -> {
                     throw new LinkageError("a broken subscriber");
                 })) {
                assertEquals(100.0, ChunkedArray.ones(new long[] {100}, new long[] {10}).sum().compute().getDouble());
            }
        });
    }

    @Test
    void computeWithATimeoutCancelsWhatIsLeftAndSaysHowLongItWaited() {
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = cluster("256MB"); Client client = Client.connect(cluster)) {
                ChunkedArray slow = ChunkedArray.ones(new long[] {40}, new long[] {1}).mapBlocks(b -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return b;
                });
                long started = System.nanoTime();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> slow.sum().compute(Duration.ofMillis(300)));
                assertTrue(System.nanoTime() - started < 3_000_000_000L);
                assertTrue(e.getMessage().contains("did not finish within PT0.3S") && e.getMessage().contains("cancelled"),
                        e.getMessage());
                for (int i = 0; i < 100 && cluster.tasksProcessing() > 0; i++) {
                    Thread.sleep(20);
                }
                assertEquals(0, cluster.tasksProcessing(), "the cancelled tasks stopped");
                Delayed<Integer> late = Delayed.of(() -> {
                    Thread.sleep(5_000);
                    return 1;
                });
                assertThrows(IllegalStateException.class, () -> late.compute(Duration.ofMillis(100)));
                assertEquals(40.0, ChunkedArray.ones(new long[] {40}, new long[] {1}).sum().compute(Duration.ofSeconds(30))
                        .getDouble());
                TaskFuture<Integer> quick = client.submit(() -> 1);
                assertEquals(1, quick.result(30, java.util.concurrent.TimeUnit.SECONDS));   // done before the slow one
                TaskFuture<Integer> never = client.submit(() -> {
                    Thread.sleep(10_000);
                    return 0;
                });
                IllegalStateException gathering = assertThrows(IllegalStateException.class,
                        () -> client.gather(List.of(quick, never), Duration.ofMillis(100)));
                assertTrue(gathering.getMessage().contains(never.key().toString()), gathering.getMessage());
                never.cancel();
            }
        });
    }

    @Test
    void aComputationWithoutProgressIsReportedWithAStateDump() {
        java.util.concurrent.CopyOnWriteArrayList<SchedulerEvent.Stalled> stalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(HARD_LIMIT, () -> {
            try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).memoryLimit("64MB")
                    .dashboardAddress("none").stallTimeout(Duration.ofMillis(200)).start();
                 Client client = Client.connect(cluster);
                 AutoCloseable watch = cluster.events().subscribe(e -> {
                     if (e instanceof SchedulerEvent.Stalled stall) {
                         stalls.add(stall);
                     }
                 })) {
                java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                TaskFuture<Integer> stuck = client.submit(() -> {
                    release.await();
                    return 1;
                });
                for (int i = 0; i < 500 && stalls.isEmpty(); i++) {
                    Thread.sleep(10);
                }
                assertEquals(1, stalls.size(), "reported once per stall");
                String report = stalls.get(0).state();
                assertTrue(report.contains("no progress for") && report.contains("processing " + stuck.key()), report);
                Thread.sleep(400);
                assertEquals(1, stalls.size(), "the same stall is not reported again");
                release.countDown();
                assertEquals(1, stuck.result(10, java.util.concurrent.TimeUnit.SECONDS), "the computation was left alone");
            }
        });
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
