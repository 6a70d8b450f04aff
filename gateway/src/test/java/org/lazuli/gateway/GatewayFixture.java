package org.lazuli.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A gateway on loopback with two users, its state in a temporary folder, and helpers for child JVMs. */
final class GatewayFixture implements AutoCloseable {
    static final String ALICE = "alice-token-4f1c2a9e7b";
    static final String BOB = "bob-token-8d3e6f0a5c21";
    static final Duration HEARTBEAT = Duration.ofSeconds(2);

    final Path state;
    final GatewayServer server;

    GatewayFixture(Path state) {
        this.state = state;
        this.server = builder(state).start();
    }

    static GatewayServer.Builder builder(Path state) {
        return GatewayServer.builder().port(0).backend("local").user("alice", ALICE).user("bob", BOB)
                .stateDirectory(state).heartbeatTimeout(HEARTBEAT).clusterClassPath(clusterClassPath());
    }

    /** This JVM's class path without the test classes: what the clusters lack, clients ship. */
    static List<Path> clusterClassPath() {
        return ClassPathEntries.ofThisJvm().stream().filter(p -> !p.endsWith("test-classes")).toList();
    }

    Gateway alice() {
        return Gateway.connect(server.address(), ALICE);
    }

    /** The pid of a running cluster's process, from its record. */
    long pid(String name) throws IOException {
        return pidOf(state, name);
    }

    static long pidOf(Path state, String name) throws IOException {
        return ClusterRecord.read(ClusterRecord.file(state, name)).pid();
    }

    /** Starts {@code main} in a JVM of its own with this JVM's class path; its output goes to a file. */
    static Process java(Path log, Class<?> main, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void awaitProcessGone(long pid, Duration timeout) {
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), timeout, "process " + pid + " to end");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + timeout + " for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted while waiting for " + what);
            }
        }
    }

    static String readWhenWritten(Path file, Process process, Path log) throws IOException {
        await(() -> Files.exists(file) || !process.isAlive(), Duration.ofSeconds(120), file + " to be written");
        if (!Files.exists(file)) {
            fail("The child JVM ended (" + process.exitValue() + ") without writing " + file + ":\n" + Files.readString(log));
        }
        return Files.readString(file).trim();
    }

    void assertNoClusterFiles() throws IOException {
        try (var files = Files.list(state)) {
            Optional<Path> left = files.filter(p -> p.toString().endsWith(ClusterRecord.SUFFIX)).findFirst();
            assertFalse(left.isPresent(), "a cluster record is left: " + left);
        }
    }

    @Override
    public void close() {
        server.shutdownClusters();
        server.close();
    }
}
