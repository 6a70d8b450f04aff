package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.ResultTooLargeException;
import org.lazuli.exec.SynchronousScheduler;

/**
 * The lesson's spill example in the heap it is run with there: a JVM of 768 MB (surefire's
 * {@code small-heap} execution), a local cluster limited to 256 MB.
 */
@Tag("small-heap")
class SmallHeapTest {

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    @Test
    void runsInTheHeapItIsMeantFor() {
        assertTrue(Runtime.getRuntime().maxMemory() < 800L << 20, "run by the small-heap execution (-Xmx768m)");
    }

    @Test
    void aGigabytePersistedUnderA256MegabyteLimitSpillsAndSumsRight() {
        // 1 GB of float64 in 128 blocks of 8 MB
        ChunkedArray x = ChunkedArray.random(new long[] {16384, 8192}, new long[] {1024, 1024}, 42);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        AtomicLong spilled = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).memoryLimit("256MB")
                    .dashboardAddress("none").start();
                 Client client = Client.connect(cluster);
                 AutoCloseable watch = cluster.events().subscribe(e -> {
                     if (e instanceof SchedulerEvent.Spilled spill) {
                         spilled.addAndGet(spill.bytes());
                     }
                 })) {
                ChunkedArray persisted = client.persist(x);
                Cluster.WorkerInfo worker = cluster.workers().get(0);
                assertTrue(worker.memoryInUse() <= 0.6 * 256_000_000, worker.toString());
                assertEquals(x.nbytes(), worker.memoryInUse() + worker.spilledBytes(), "the worker holds every block");
                assertTrue(spilled.get() >= x.nbytes() - 0.6 * 256_000_000, "spilled " + spilled);
                System.gc();   // what is held, not the garbage of the two retries after running out of heap
                long callerHeap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                assertTrue(callerHeap < 600L << 20, "the JVM does not hold the gigabyte: " + callerHeap);
                assertEquals(expected, persisted.sum().compute().getDouble(), 1e-9 * expected);
                assertEquals(expected / x.size(), persisted.mean().compute().getDouble(), 1e-9);
            }
        });
    }

    @Test
    void withALimitAboveTheHeapTheHeapMonitorSpillsBeforeTheHeapIsExhausted() {
        // the workers' own accounting allows 4 GB, the JVM has 768 MB: only the heap monitor can save this
        ChunkedArray x = ChunkedArray.random(new long[] {16384, 8192}, new long[] {1024, 1024}, 5);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).memoryLimit("4GB")
                    .dashboardAddress("none").start();
                 Client client = Client.connect(cluster)) {
                ChunkedArray persisted = client.persist(x);
                Cluster.WorkerInfo worker = cluster.workers().get(0);
                assertTrue(worker.spilledBytes() > 0, "spilled because the heap filled: " + worker);
                assertEquals(x.nbytes(), worker.memoryInUse() + worker.spilledBytes());
                assertEquals(expected, persisted.sum().compute().getDouble(), 1e-9 * expected);
            }
        });
    }

    @Test
    void aComputeOfThreeGigabytesFailsWithinSecondsAndTheClientStillWorks() {
        ChunkedArray big = ChunkedArray.random(new long[] {20000, 20000}, new long[] {1000, 1000}, 1).add(1.0);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).memoryLimit("256MB")
                    .dashboardAddress("none").start();
                 Client client = Client.connect(cluster)) {
                ResultTooLargeException e = assertThrows(ResultTooLargeException.class, big::compute);
                assertTrue(e.getMessage().contains("2.98 GiB") && e.getMessage().contains(big.name()), e.getMessage());
                double mean = big.mean().compute().getDouble();
                assertEquals(1.5, mean, 1e-3);
            }
        });
    }
}
