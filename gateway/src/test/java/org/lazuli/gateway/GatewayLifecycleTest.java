package org.lazuli.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.TaskFuture;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;

/** Clusters that outlive their clients: a client JVM publishes and exits, another carries on and shuts down. */
class GatewayLifecycleTest {
    private static final Path WINDS = PublishingClient.WINDS;

    @Test
    void aPublishedArrayOutlivesTheJvmThatMadeIt(@TempDir Path tmp) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(tmp.resolve("state"))) {
            Path log = tmp.resolve("jvm-a.log");
            Process jvmA = GatewayFixture.java(log, PublishingClient.class, fixture.server.address().toString(),
                    tmp.resolve("name").toString(), "exit");
            String name = GatewayFixture.readWhenWritten(tmp.resolve("name"), jvmA, log);
            assertEquals(0, jvmA.waitFor(), () -> "JVM A failed:\n" + read(log));

            try (Gateway gw = fixture.alice()) {
                List<ClusterReport> running = gw.listClusters();
                assertEquals(List.of(name), running.stream().map(ClusterReport::name).toList());
                assertEquals("RUNNING", running.get(0).status());
                assertEquals(2, running.get(0).workers());
                assertFalse(running.get(0).shutdownOnClose());

                DenseArray expected = Lazuli.openDataset(WINDS, Map.of("TIME", 12)).get("UWND")
                        .groupBy("TIME.month").mean("TIME").compute().values();   // here, before a client of the cluster
                DenseArray expectedVMean = Lazuli.openDataset(WINDS, Map.of("TIME", 12)).get("VWND").mean("TIME").compute().values();
                GatewayCluster again = gw.connect(name);
                long pid = fixture.pid(name);
                try (Client client = again.getClient()) {
                    assertEquals(List.of("winds", "x"), client.listPublished());
                    ChunkedArray x = client.getPublished("x");
                    assertEquals(2L << 30, x.nbytes(), "2 GiB kept on the cluster");
                    double remote = x.mean().compute().getDouble();
                    double local = ChunkedArray.random(PublishingClient.SHAPE, PublishingClient.CHUNKS, PublishingClient.SEED)
                            .mean().compute(SynchronousScheduler.instance()).getDouble();
                    assertEquals(Double.doubleToLongBits(local), Double.doubleToLongBits(remote), "bit for bit");

                    // a persisted Dataset published by JVM A: its blocks are read where they are kept
                    Dataset published = client.getPublished("winds");
                    DataArray vMean = published.get("VWND").mean("TIME").compute();
                    assertArrayEquals(expectedVMean.toFloatArray(), vMean.values().toFloatArray(), 0f);
                    assertEquals(published.get("VWND").attrs(), Lazuli.openDataset(WINDS).get("VWND").attrs());

                    // a NetCDF climatology, read by the cluster's process from the file's path
                    Dataset winds = Lazuli.openDataset(WINDS, Map.of("TIME", 12));
                    DataArray climatology = winds.get("UWND").groupBy("TIME.month").mean("TIME").compute();

                    // 1,000 futures of a lambda in this test class: its code travels to the cluster
                    List<TaskFuture<Long>> futures = client.map(v -> (long) v * v + 1, IntStream.range(0, 1000).boxed().toList());
                    long sum = client.gather(futures).stream().mapToLong(Long::longValue).sum();
                    assertEquals(IntStream.range(0, 1000).mapToLong(v -> (long) v * v + 1).sum(), sum);
                    try (var shipped = Files.list(fixture.state.resolve("code"))) {
                        assertTrue(shipped.anyMatch(p -> p.toString().endsWith(".jar")), "the test classes were shipped");
                    }
                    TaskFuture<Long> chained = client.submit((Long s) -> s * 2, futures.get(10));
                    assertEquals(202L, chained.result());

                    TaskFuture<Integer> failing = client.submit(() -> Integer.parseInt("not a number"));
                    TaskFailedException failure = assertThrows(TaskFailedException.class, failing::result);
                    assertTrue(failure.getMessage().contains("For input string: \"not a number\""), failure.getMessage());
                    // a failure that cannot cross JVMs comes back as its text
                    TaskFuture<Integer> unsendable = client.submit(() -> {
                        throw new Unsendable("the disk is on fire");
                    });
                    RuntimeException text = assertThrows(RuntimeException.class, unsendable::result);
                    assertTrue(text.getMessage().contains("the disk is on fire"), text.getMessage());

                    assertArrayEquals(expected.shape(), climatology.values().shape());
                    assertArrayEquals(expected.toFloatArray(), climatology.values().toFloatArray(), 0f);
                }
                again.shutdown();
                GatewayFixture.awaitProcessGone(pid, Duration.ofSeconds(30));
                assertEquals(List.of(), gw.listClusters());
                fixture.assertNoClusterFiles();
            }
        }
    }

    @Test
    void aClusterOfAKilledClientStopsWithinTheHeartbeatTimeout(@TempDir Path tmp) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(tmp.resolve("state"))) {
            Path log = tmp.resolve("jvm-a.log");
            Process jvmA = GatewayFixture.java(log, PublishingClient.class, fixture.server.address().toString(),
                    tmp.resolve("name").toString(), "hold");
            String name = GatewayFixture.readWhenWritten(tmp.resolve("name"), jvmA, log);
            long pid = fixture.pid(name);
            jvmA.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            GatewayFixture.awaitProcessGone(pid, GatewayFixture.HEARTBEAT.multipliedBy(2).plusSeconds(10));
            long seconds = Duration.ofNanos(System.nanoTime() - killed).toSeconds();
            assertTrue(seconds <= GatewayFixture.HEARTBEAT.toSeconds() + 10, "stopped after " + seconds + " s");
            try (Gateway gw = fixture.alice()) {
                assertEquals(List.of(), gw.listClusters());
            }
        }
    }

    @Test
    void aRestartedGatewayFindsItsClustersAgain(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("state");
        String name;
        long pid;
        try (GatewayServer first = GatewayFixture.builder(state).start(); Gateway gw = Gateway.connect(first.address(), GatewayFixture.ALICE)) {
            GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(1).workerMemory("256MB"), false);
            name = cluster.name();
            pid = GatewayFixture.pidOf(state, name);
        }
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the cluster outlives the gateway");
        try (GatewayServer second = GatewayFixture.builder(state).start(); Gateway gw = Gateway.connect(second.address(), GatewayFixture.ALICE)) {
            assertEquals(List.of(name), gw.listClusters().stream().map(ClusterReport::name).toList());
            GatewayCluster cluster = gw.connect(name);
            try (Client client = cluster.getClient()) {
                ChunkedArray ones = ChunkedArray.ones(new long[]{300, 200}, new long[]{100, 100});
                assertEquals(60000.0, ones.sum().compute().getDouble());
            }
            cluster.shutdown();
            GatewayFixture.awaitProcessGone(pid, Duration.ofSeconds(30));
        }
    }

    @Test
    void anIdleClusterStopsAfterItsIdleTimeout(@TempDir Path tmp) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(tmp.resolve("state")); Gateway gw = fixture.alice()) {
            GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workerMemory("256MB").idleTimeout(Duration.ofSeconds(1)), false);
            long pid = fixture.pid(cluster.name());
            cluster.close();
            GatewayFixture.awaitProcessGone(pid, Duration.ofSeconds(20));
            assertEquals(List.of(), gw.listClusters());
        }
    }

    @Test
    void adaptAddsWorkersUnderLoadAndRemovesThemWhenIdle(@TempDir Path tmp) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(tmp.resolve("state")); Gateway gw = fixture.alice()) {
            GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(1).workerMemory("128MB"), true);
            cluster.adapt(1, 3);
            try (Client client = cluster.getClient()) {
                List<TaskFuture<Integer>> slow = client.map(v -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return v;
                }, IntStream.range(0, 40).boxed().toList());
                GatewayFixture.await(() -> cluster.workers().size() > 1, Duration.ofSeconds(20), "adapt to add a worker");
                assertEquals(IntStream.range(0, 40).boxed().toList(), client.gather(slow));
                GatewayFixture.await(() -> cluster.workers().size() == 1, Duration.ofSeconds(20), "adapt to go back to 1");
            }
            GatewayException refused = assertThrows(GatewayException.class, () -> cluster.adapt(1, 1000));
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("1 <= maximum <= "), refused.getMessage());
            cluster.shutdown();
        }
    }

    /** An exception holding something that does not serialize. */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        Unsendable(String message) {
            super(message);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
