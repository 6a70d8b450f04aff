package org.lazuli.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.TaskFuture;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;

/**
 * A real standalone cluster on loopback: a master and a worker JVM started from the Maven-resolved
 * Spark jars, and executor JVMs the worker starts. Lazuli's classes reach the executors only as jars
 * the driver ships.
 */
@Timeout(300)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SparkStandaloneTest {
    private static SparkStandalone standalone;
    private static SparkCluster spark;
    /** Every process the cluster ran: none may outlive it. */
    private static final java.util.Set<ProcessHandle> started = new java.util.HashSet<>();

    @BeforeAll
    static void start() {
        standalone = SparkStandalone.start(Path.of(System.getProperty("lazuli.spark.home")), 2, "2g");
        spark = SparkCluster.builder().master(standalone.masterUrl()).appName("lazuli-standalone-test")
                .workerCores(1).workerMemory("512m").dashboardAddress("none").start();
        awaitTrue(() -> spark.workers().size() == 2, 60, "two executors");
        started.addAll(standalone.processes());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (standalone != null) {
            started.addAll(standalone.processes());
            standalone.close();
            assertTrue(started.size() >= 4, "master, worker and executors: " + started);
            assertTrue(started.stream().noneMatch(ProcessHandle::isAlive), "no process outlives the cluster");
        }
    }

    @Test
    void executorsAreSeparateJvmsOnLoopback() {
        awaitTwoExecutors();
        List<ProcessHandle> executors = standalone.executorProcesses();
        assertEquals(2, executors.size());
        assertFalse(executors.stream().anyMatch(p -> p.pid() == ProcessHandle.current().pid()));
        assertTrue(spark.workers().stream().allMatch(w -> w.threads() == 1 && w.memoryLimit() > 0), spark.workers().toString());
        assertTrue(spark.master().startsWith("spark://127.0.0.1:"));
        List<String> listeners = listeners();
        assertTrue(listeners.size() >= 4, "master, worker, executors and driver listen: " + listeners);
        assertTrue(listeners.stream().allMatch(l -> l.endsWith(" loopback")), "loopback only: " + listeners);
    }

    /** Listening TCP sockets of this JVM and the cluster's processes, each "address loopback|public" (from /proc/net). */
    private static List<String> listeners() {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        List<ProcessHandle> ours = new java.util.ArrayList<>(standalone.processes());
        ours.add(ProcessHandle.current());
        for (ProcessHandle p : ours) {
            java.io.File[] fds = new java.io.File("/proc/" + p.pid() + "/fd").listFiles();
            for (java.io.File fd : fds == null ? new java.io.File[0] : fds) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd.toPath()).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the descriptor closed while we looked
                }
            }
        }
        List<String> open = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = java.nio.file.Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    boolean listening = f[3].equals("0A");
                    String address = f[1].split(":")[0];
                    boolean loopback = address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                            || address.equals("0000000000000000FFFF00000100007F");
                    if (listening && inodes.contains(f[9])) {
                        open.add(f[1] + (loopback ? " loopback" : " public"));
                    }
                }
            } catch (java.io.IOException e) {
                // no IPv6 table on this machine
            }
        }
        return open;
    }

    @Test
    void randomArrayReductionMatchesTheLocalScheduler() {
        ChunkedArray x = ChunkedArray.random(new long[] {2000, 1000}, new long[] {250, 250}, 42L);
        for (ChunkedArray reduced : List.of(x.mean(), x.std(0), x.add(1).max(1))) {
            assertArrayEquals(reduced.compute(SynchronousScheduler.instance()).toDoubleArray(),
                    reduced.compute(spark.scheduler()).toDoubleArray(), 0.0);
        }
    }

    @Test
    void netcdfClimatologyIsReadOnTheExecutorsAndMatchesTheLocalScheduler() {
        Path winds = Path.of(System.getProperty("lazuli.testdata")).resolve("monthly_navy_winds.cdf").toAbsolutePath();
        try (Dataset local = Lazuli.openDataset(winds, Map.of("TIME", 12))) {
            DataArray u = local.get("UWND").sel("TIME", Slice.of("1984-10", "1990-04"));
            DataArray anomaly = u.groupBy("TIME.month").subtract(u.groupBy("TIME.month").mean("TIME"));
            double[] expected = anomaly.std("TIME").values().toDoubleArray();
            double[] climatology = u.groupBy("TIME.month").mean("TIME").values().toDoubleArray();
            try (Client client = Client.connect(spark)) {
                assertTrue(client.toString().startsWith("Client(spark app-"), client.toString());
                assertArrayEquals(climatology, u.groupBy("TIME.month").mean("TIME").values().toDoubleArray(), 0.0);
                assertArrayEquals(expected, anomaly.std("TIME").values().toDoubleArray(), 0.0);
            }
        }
    }

    @Test
    void aZarrStoreIsWrittenAndReadOnTheExecutors(@org.junit.jupiter.api.io.TempDir Path temp) {
        Path winds = Path.of(System.getProperty("lazuli.testdata")).resolve("monthly_navy_winds.cdf").toAbsolutePath();
        Path store = temp.resolve("winds.zarr");
        double[] expected;
        try (Dataset local = Lazuli.openDataset(winds, Map.of("TIME", 12))) {
            expected = local.get("UWND").groupBy("TIME.month").mean("TIME").values().toDoubleArray();
            try (Client client = Client.connect(spark)) {
                local.toZarr(store);   // each block is written by the executor task that reads it
            }
        }
        try (Dataset zarr = Lazuli.openZarr(store); Client client = Client.connect(spark)) {
            assertArrayEquals(expected, zarr.get("UWND").groupBy("TIME.month").mean("TIME").values().toDoubleArray(),
                    1e-6);
        }
    }

    @Test
    void futuresRunOnTheExecutors() {
        try (Client client = Client.connect(spark)) {
            List<TaskFuture<Long>> pids = client.map(i -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6, 7, 8));
            List<Long> ran = client.gather(pids);
            assertFalse(ran.contains(ProcessHandle.current().pid()), "futures ran in executor JVMs: " + ran);
            TaskFuture<Integer> f = client.submit(() -> 20);
            assertEquals(42, client.submit((Integer v) -> 2 * v + 2, f).result());
        }
    }

    @Test
    void killingAnExecutorMidComputationStillGivesTheRightAnswer() throws Exception {
        awaitTwoExecutors();
        ChunkedArray x = ChunkedArray.random(new long[] {4000, 100}, new long[] {100, 100}, 11L);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        ChunkedArray slow = x.mapBlocks(block -> {
            java.util.concurrent.locks.LockSupport.parkNanos(150_000_000L);   // 40 blocks on 2 one-core executors: about 3 s
            return block;
        });
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(1200);
                standalone.executorProcesses().get(0).destroyForcibly();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        double sum = slow.sum().compute(spark.scheduler()).getDouble();
        killer.join();
        assertEquals(expected, sum, 0.0);
        assertTrue(spark.recentErrors().stream().anyMatch(e -> e.contains("removed") || e.contains("lost")),
                spark.recentErrors().toString());
        awaitTrue(() -> spark.workers().size() == 2, 60, "the worker replaces the killed executor");
    }

    @Test
    void persistedBlocksAreReplicatedAndSurviveLosingAnExecutor() {
        awaitTwoExecutors();
        ChunkedArray x = ChunkedArray.random(new long[] {1000, 800}, new long[] {250, 200}, 21L).add(2.0);
        double expected = x.sum().compute(SynchronousScheduler.instance()).getDouble();
        ChunkedArray kept = x.persist(spark.scheduler());
        assertEquals(expected, kept.sum().compute(spark.scheduler()).getDouble(), 0.0);
        standalone.executorProcesses().get(0).destroyForcibly();
        awaitTrue(() -> spark.workers().size() < 2, 60, "the driver notices the lost executor");
        assertEquals(expected, kept.sum().compute(spark.scheduler()).getDouble(), 0.0, "read from the surviving replicas");
        assertArrayEquals(x.compute(SynchronousScheduler.instance()).toDoubleArray(),
                kept.compute(spark.scheduler()).toDoubleArray(), 0.0);
        awaitTrue(() -> spark.workers().size() == 2, 60, "the worker replaces the killed executor");
    }

    /** Last: Spark allows one context per JVM, so this closes the shared application first. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void executorsNoWorkerCanHoldFailTheComputationWithTheReason() {
        IllegalStateException second = assertThrows(IllegalStateException.class, () -> SparkCluster.builder()
                .master(standalone.masterUrl()).dashboardAddress("none").start());
        assertTrue(second.getMessage().startsWith("Spark runs one application per JVM"), second.getMessage());
        spark.close();
        try (SparkCluster tooBig = SparkCluster.builder().master(standalone.masterUrl()).appName("lazuli-too-big")
                .workerMemory("8g").executorWaitLimit(java.time.Duration.ofSeconds(5)).dashboardAddress("none").start()) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> ChunkedArray.ones(new long[] {4}, new long[] {2}).sum().compute(tooBig.scheduler()));
            assertTrue(error.getMessage().startsWith("No executor joined this Spark application in 5 s"), error.getMessage());
            assertTrue(error.getMessage().contains("1 cores and 8g of memory"), error.getMessage());
        }
    }

    @Test
    void scaleReleasesAndRequestsExecutors() {
        awaitTwoExecutors();
        spark.scale(1);
        awaitTrue(() -> spark.workers().size() == 1 && standalone.executorProcesses().size() == 1, 60, "one executor");
        assertEquals(6.0, ChunkedArray.ones(new long[] {6}, new long[] {2}).sum().compute(spark.scheduler()).getDouble());
        spark.scale(2);
        awaitTrue(() -> spark.workers().size() == 2, 60, "two executors again");
    }

    @Test
    void adaptReleasesIdleExecutorsAndAsksForMoreUnderLoad() throws Exception {
        awaitTwoExecutors();
        spark.adapt(1, 2);
        try {
            awaitTrue(() -> spark.workers().size() == 1, 60, "idle: down to the minimum");
            ChunkedArray x = ChunkedArray.ones(new long[] {16}, new long[] {1});
            ChunkedArray slow = x.mapBlocks(block -> {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);     // 16 s of work for one core
                return block;
            });
            java.util.concurrent.CompletableFuture<Double> sum = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> slow.sum().compute(spark.scheduler()).getDouble());
            awaitTrue(() -> spark.workers().size() == 2, 60, "busy: up to the maximum");
            assertEquals(16.0, sum.get(120, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            spark.scale(2);                 // ends adaptive scaling, for the other tests
        }
        awaitTrue(() -> spark.workers().size() == 2, 60, "two executors again");
    }

    /**
     * Waits for the state every test starts from: an executor replaced by another test registers its block manager
     * (and memory) just after itself, and one released or killed by another test may still be exiting.
     */
    private static void awaitTwoExecutors() {
        awaitTrue(() -> spark.workers().size() == 2 && spark.workers().stream().allMatch(w -> w.memoryLimit() > 0)
                && standalone.executorProcesses().size() == 2, 60, "two executor JVMs with their storage memory");
    }

    private static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + seconds + " s for " + what + "; " + spark.dumpState() + standalone.logs());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
