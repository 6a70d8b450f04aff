package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;

class MemoryTest {

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    @Test
    void intermediatesLargerThanTheLimitSpillAndTheAnswerIsRight() {
        // 6000 x 6000 float64 = 288 MB of column blocks, every one needed by every row block of the rechunk
        ChunkedArray x = ChunkedArray.random(new long[] {6000, 6000}, new long[] {6000, 200}, 11);
        ChunkedArray transposed = x.multiply(2.0).rechunk(200, 6000);   // every column block feeds every row block
        double expected = ChunkedArray.random(new long[] {6000, 6000}, new long[] {1000, 1000}, 11).sum()
                .compute(SynchronousScheduler.instance()).getDouble() * 2;
        AtomicLong spilled = new AtomicLong();
        Path spillDirectory;
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).memoryLimit("256MB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster);
             AutoCloseable watch = cluster.events().subscribe(e -> {
                 if (e instanceof SchedulerEvent.Spilled spill) {
                     spilled.addAndGet(spill.bytes());
                 }
             })) {
            spillDirectory = cluster.spillDirectory();
            double got = transposed.sum().compute().getDouble();
            assertEquals(expected, got, 1e-9 * Math.abs(expected));
            assertTrue(spilled.get() > 0, "results were spilled to stay under the limit");
            assertEquals(0, cluster.workers().get(0).memoryInUse(), "nothing is held after the computation");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertFalse(Files.exists(spillDirectory), "spill files are deleted on close");
    }

    @Test
    void aResultLargerThanTheLimitFailsClearly() {
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).memoryLimit("1MB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            ChunkedArray big = ChunkedArray.ones(new long[] {1000, 1000}, new long[] {1000, 1000}).multiply(2.0);
            TaskFailedException e = assertThrows(TaskFailedException.class, big::compute);
            MemoryLimitExceededException cause = assertInstanceOf(MemoryLimitExceededException.class, e.getCause());
            assertEquals(8_000_000, cause.bytes());
            assertTrue(cause.getMessage().contains("7.63 MiB") && cause.getMessage().contains("976.56 kiB"),
                    cause.getMessage());
            assertEquals(1.0, ChunkedArray.ones(new long[] {10}, new long[] {5}).max().compute().getDouble(),
                    "the cluster stays usable");
        }
    }
}
