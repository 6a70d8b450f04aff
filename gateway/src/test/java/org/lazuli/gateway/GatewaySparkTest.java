package org.lazuli.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.TaskFuture;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.spark.SparkStandalone;

/**
 * The Spark backend on a real standalone cluster on loopback (a master and a worker JVM, executor
 * JVMs the worker starts): the gateway's cluster is a Spark application whose driver is the cluster's
 * process, and the test's own code reaches the executors only as the jars the client ships.
 */
@Timeout(420)
class GatewaySparkTest {
    private static SparkStandalone standalone;
    /** Every process the Spark cluster ran: none may outlive it. */
    private static final Set<ProcessHandle> started = new HashSet<>();

    @BeforeAll
    static void startSpark() {
        standalone = SparkStandalone.start(Path.of(System.getProperty("lazuli.spark.home")), 2, "2g");
        started.addAll(standalone.processes());
    }

    @AfterAll
    static void stopSpark() {
        if (standalone != null) {
            started.addAll(standalone.processes());
            standalone.close();
            assertTrue(started.stream().noneMatch(ProcessHandle::isAlive), "no process outlives the Spark cluster");
        }
    }

    @Test
    void aSparkClusterRunsEverythingScalesWithTheLoadAndSurvivesALostExecutor(@TempDir Path state) throws Exception {
        ChunkedArray x = ChunkedArray.random(new long[]{2000, 600}, new long[]{250, 200}, 5L);
        double expectedMean = x.mean().compute(SynchronousScheduler.instance()).getDouble();
        Path winds = PublishingClient.WINDS.toAbsolutePath().normalize();   // executors run in the worker's folder
        DenseArray expectedClimatology = Lazuli.openDataset(winds, Map.of("TIME", 12)).get("UWND")
                .groupBy("TIME.month").mean("TIME").compute().values();   // here, before a client of the cluster

        GatewayServer server = GatewayFixture.builder(state).backend(standalone.masterUrl()).start();
        try (server; Gateway gw = Gateway.connect(server.address(), GatewayFixture.ALICE)) {
            GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(1).workerCores(1).workerMemory("512MB"), false);
            long driver = GatewayFixture.pidOf(state, cluster.name());
            ClusterReport report = gw.listClusters().get(0);
            assertEquals(cluster.name(), report.name());
            assertEquals(standalone.masterUrl(), report.backend());
            GatewayFixture.await(() -> cluster.workers().size() == 1 && standalone.executorProcesses().size() == 1,
                    Duration.ofSeconds(90), "the application's one executor");

            try (Client client = cluster.getClient()) {
                // chunked arrays: the same tasks, so the same sum order, as the synchronous scheduler
                assertEquals(expectedMean, x.mean().compute().getDouble(), 0.0);

                // labelled NetCDF data, read by the executors from the file's path
                DenseArray climatology = Lazuli.openDataset(winds, Map.of("TIME", 12)).get("UWND")
                        .groupBy("TIME.month").mean("TIME").compute().values();
                assertArrayEquals(expectedClimatology.shape(), climatology.shape());
                assertArrayEquals(expectedClimatology.toFloatArray(), climatology.toFloatArray(), 0f);

                // futures of a lambda in this test class: its code travels to the driver, then to the executors
                List<TaskFuture<Long>> squares = client.map(v -> (long) v * v, IntStream.range(0, 200).boxed().toList());
                assertEquals(IntStream.range(0, 200).mapToObj(v -> (long) v * v).toList(), client.gather(squares));
                Set<Long> ranIn = new HashSet<>(client.gather(client.map(v -> ProcessHandle.current().pid(), List.of(1, 2, 3))));
                Set<Long> executors = standalone.executorProcesses().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
                assertTrue(executors.containsAll(ranIn), "futures ran in executor JVMs " + executors + ": " + ranIn);
                assertFalse(ranIn.contains(driver) || ranIn.contains(ProcessHandle.current().pid()), ranIn.toString());
                assertEquals(42, client.submit((Integer v) -> 2 * v + 2, client.submit(() -> 20)).result());

                // adapt: a second executor under load; one killed mid-computation; back to one when idle
                cluster.adapt(1, 2);
                ChunkedArray slow = x.mapBlocks(block -> {
                    LockSupport.parkNanos(700_000_000L);   // 30 blocks: about 20 s on one core
                    return block;
                });
                CompletableFuture<Double> mean = CompletableFuture.supplyAsync(() -> slow.mean().compute(cluster.scheduler()).getDouble());
                GatewayFixture.await(() -> cluster.workers().size() == 2 && standalone.executorProcesses().size() == 2,
                        Duration.ofSeconds(60), "adapt to add an executor under load");
                ProcessHandle victim = standalone.executorProcesses().get(0);
                victim.destroyForcibly();
                assertEquals(expectedMean, mean.get(180, TimeUnit.SECONDS), 0.0, "the lost executor's tasks ran again");
                assertTrue(cluster.recentErrors().stream().anyMatch(e -> e.contains("removed") || e.contains("lost")),
                        cluster.recentErrors().toString());
                GatewayFixture.await(() -> cluster.workers().size() == 1 && standalone.executorProcesses().size() == 1,
                        Duration.ofSeconds(60), "adapt to release the idle executor");

                GatewayException refused = assertThrows(GatewayException.class, () -> cluster.adapt(1, 1000));
                assertEquals(400, refused.status());
            }
            cluster.shutdown();
            GatewayFixture.awaitProcessGone(driver, Duration.ofSeconds(60));
            GatewayFixture.await(() -> standalone.executorProcesses().isEmpty(), Duration.ofSeconds(60),
                    "the application's executors to end with it");
            assertEquals(List.of(), gw.listClusters());
        } finally {
            server.shutdownClusters();   // a failed assertion must not leave a driver process behind
        }
    }

    @Test
    void anUnknownBackendIsRefusedWithTheOnesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayServer.builder().backend("mesos://host:5050"));
        assertTrue(e.getMessage().startsWith("backend(\"mesos://host:5050\") is not one this gateway runs"), e.getMessage());
        assertTrue(e.getMessage().contains("spark://host:7077"), e.getMessage());
    }
}
