package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.TaskFailedException;

/** Bounded stress: the cluster never jams and never leaves threads behind. */
@Tag("stress")
class StressTest {

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    @Test
    void hundredConcurrentComputationsFromEightCallers() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Double>> results = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int seed = i;
                    results.add(callers.submit(() -> ChunkedArray.random(new long[] {200, 200}, new long[] {50, 50}, seed)
                            .add(1.0).mean().compute().getDouble()));
                }
                for (int i = 0; i < 100; i++) {
                    double expected = ChunkedArray.random(new long[] {200, 200}, new long[] {200, 200}, i).add(1.0).mean()
                            .compute(org.lazuli.exec.SynchronousScheduler.instance()).getDouble();
                    assertEquals(expected, results.get(i).get(60, TimeUnit.SECONDS), 1e-12);
                }
            } finally {
                callers.shutdownNow();
                assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aFailureDeepInAGraphFailsOnlyItsComputation() {
        try (LocalCluster cluster = ClientTest.small(); Client client = Client.connect(cluster)) {
            ChunkedArray deep = ChunkedArray.arange(1000, 10).astype(org.lazuli.array.DType.FLOAT64);
            for (int i = 0; i < 20; i++) {
                deep = deep.rechunk(i % 2 == 0 ? 7 : 13).add(1.0);
            }
            ChunkedArray broken = deep.mapBlocks(block -> {
                if (block.getDouble(0) > 500) {
                    throw new IllegalArgumentException("value too large");
                }
                return block;
            }).sum();
            TaskFailedException e = assertThrows(TaskFailedException.class, broken::compute);
            assertTrue(e.getMessage().contains("map_blocks") && e.getCause().getMessage().contains("value too large"),
                    e.getMessage());
            assertEquals(1000 * 999 / 2.0 + 20 * 1000, deep.sum().compute().getDouble(), 1e-6);
            assertTrue(client.dumpState().contains("value too large"), client.dumpState());
        }
    }

    @Test
    void cancellingHalfTheFuturesMidFlight() throws InterruptedException {
        try (LocalCluster cluster = ClientTest.small(); Client client = Client.connect(cluster)) {
            List<TaskFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int v = i;
                futures.add(client.submit(() -> {
                    Thread.sleep(5);
                    return v;
                }));
            }
            for (int i = 0; i < 40; i += 2) {
                futures.get(i).cancel();
            }
            for (int i = 1; i < 40; i += 2) {
                assertEquals(i, futures.get(i).result(30, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 40; i += 2) {
                TaskFuture<Integer> f = futures.get(i);
                assertTrue(f.done());
                assertTrue(f.cancelled() || f.status().equals("finished"), f.status());
            }
        }
    }

    @Test
    void closeWhileWorkIsRunningAlwaysReturns(@TempDir Path tmp) throws Exception {
        LocalCluster cluster = ClientTest.small();
        Client client = Client.connect(cluster);
        CountDownLatch running = new CountDownLatch(2);
        List<TaskFuture<Integer>> blocked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            blocked.add(client.submit(() -> {
                running.countDown();
                Thread.sleep(600_000);
                return 0;
            }));
        }
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<DenseArray> computing = caller.submit(() -> ChunkedArray.random(new long[] {4000, 4000},
                new long[] {100, 100}, 1).sum().compute());
        assertTrue(running.await(10, TimeUnit.SECONDS));
        Path spill = cluster.spillDirectory();
        long start = System.nanoTime();
        client.close();
        cluster.close();
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "close returned");
        try {
            DenseArray finished = computing.get(10, TimeUnit.SECONDS);   // it may have finished before the close
            assertEquals(ChunkedArray.random(new long[] {4000, 4000}, new long[] {4000, 4000}, 1).sum()
                    .compute(org.lazuli.exec.SynchronousScheduler.instance()).getDouble(), finished.getDouble(), 1e-6);
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(String.valueOf(e.getCause()).contains("closed") || String.valueOf(e.getCause()).contains("ancel"),
                    String.valueOf(e.getCause()));
        }
        for (TaskFuture<Integer> f : blocked) {
            assertThrows(RuntimeException.class, () -> f.result(10, TimeUnit.SECONDS));
        }
        caller.shutdownNow();
        assertTrue(!Files.exists(spill));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)   // the failure this guards against is a computation waiting forever
    void aComputationArrivingAfterCloseFailsInsteadOfWaiting() {
        LocalCluster cluster = ClientTest.small();
        org.lazuli.exec.Scheduler scheduler = cluster.scheduler();
        cluster.close();
        ChunkedArray x = ChunkedArray.ones(new long[] {100}, new long[] {10});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.sum().compute(scheduler));
        assertTrue(e.getMessage().contains("The cluster is closed"), e.getMessage());
    }
}
