package org.lazuli.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine: one master and one worker, separate JVMs listening on
 * 127.0.0.1 only, started from a Spark installation ({@code SPARK_HOME} with its {@code jars}
 * folder). The worker starts executor JVMs for each application. For trying the distributed path on
 * one machine, for tests, and as the pattern for a cluster inside a batch allocation (a master on one
 * node, a worker per node).
 *
 * <pre>{@code
 * try (SparkStandalone standalone = SparkStandalone.start(sparkHome, 2, "2g");
 *      SparkCluster spark = SparkCluster.builder().master(standalone.masterUrl()).start()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Closing it stops the worker (and the executors it started) and the master.
 */
public final class SparkStandalone implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Process master;
    private final Process worker;
    private final String masterUrl;
    private final URI masterUi;
    private Path ownedHome;

    private SparkStandalone(Path directory, Process master, Process worker, String masterUrl, URI masterUi) {
        this.directory = directory;
        this.master = master;
        this.worker = worker;
        this.masterUrl = masterUrl;
        this.masterUi = masterUi;
    }

    /**
     * Starts a master and a worker with {@code cores} cores and {@code memory} (such as "2g") for
     * executors, and waits until the worker has registered.
     *
     * @param sparkHome a Spark installation: its {@code jars} folder holds Spark and its dependencies
     */
    public static SparkStandalone start(Path sparkHome, int cores, String memory) {
        Path jars = sparkHome.resolve("jars");
        if (!Files.isDirectory(jars)) {
            throw new IllegalArgumentException("No Spark installation at " + sparkHome + ": it needs a jars folder"
                    + " (an unpacked Spark download, or `mvn dependency:copy-dependencies -DoutputDirectory=<home>/jars`)");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("lazuli-standalone-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cluster's directory: " + e.getMessage(), e);
        }
        int masterPort = freePort();
        int masterUiPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        URI masterUi = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
        Process master = launch(sparkHome, directory, "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort));
        Process worker = null;
        try {
            worker = launch(sparkHome, directory, "worker", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory,
                    "--webui-port", Integer.toString(freePort()), "--work-dir", directory.resolve("work").toString(), masterUrl);
            SparkStandalone standalone = new SparkStandalone(directory, master, worker, masterUrl, masterUi);
            standalone.awaitWorker();
            return standalone;
        } catch (RuntimeException e) {
            stop(worker);
            stop(master);
            throw e;
        }
    }

    /**
     * As {@link #start(Path, int, String)}, from the Spark jars on this JVM's class path: a Spark
     * installation of links to them is made in a temporary folder (removed on close).
     */
    public static SparkStandalone start(int cores, String memory) {
        List<ApplicationJars.SparkJar> sparkJars = ApplicationJars.sparkRuntime();
        if (sparkJars.isEmpty()) {
            throw new IllegalStateException("The list of Spark's jars is missing from lazuli-spark; start from a Spark"
                    + " installation with start(sparkHome, cores, memory)");
        }
        Path home;
        try {
            home = Files.createTempDirectory("lazuli-spark-home-");
            Path jars = Files.createDirectory(home.resolve("jars"));
            List<Path> classPath = ApplicationJars.classPath();
            List<String> missing = new ArrayList<>();
            for (ApplicationJars.SparkJar wanted : sparkJars) {
                // the exact jar, else the version this class path settled on
                Path found = classPath.stream().filter(p -> p.getFileName().toString().equals(wanted.fileName())).findFirst()
                        .or(() -> classPath.stream().filter(p -> wanted.matches(p.getFileName().toString())).findFirst())
                        .orElse(null);
                if (found == null) {
                    missing.add(wanted.fileName());
                } else if (Files.isRegularFile(found) && !Files.exists(jars.resolve(found.getFileName()))) {
                    Files.createSymbolicLink(jars.resolve(found.getFileName()), found);
                }
            }
            // a jar the build left out (an exclusion) is one this JVM runs without, and so will the daemons
            if (missing.stream().anyMatch(name -> name.startsWith("spark-core_"))) {
                throw new IllegalStateException("Spark is not on this class path (" + missing + " missing); start from a"
                        + " Spark installation with start(sparkHome, cores, memory)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a Spark installation from the class path: " + e.getMessage(), e);
        }
        SparkStandalone standalone = start(home, cores, memory);
        standalone.ownedHome = home;
        return standalone;
    }

    /** The URL for {@code SparkCluster.builder().master(...)}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The master, the worker and every process the worker runs now (executor JVMs). */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(List.of(master.toHandle(), worker.toHandle()));
        all.addAll(worker.descendants().toList());
        return all;
    }

    /** The executor JVMs the worker runs now. */
    public List<ProcessHandle> executorProcesses() {
        return worker.descendants().filter(p -> p.info().commandLine().orElse("")
                .contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** The master's and worker's logs, for diagnosing a failed start. */
    public String logs() {
        return log(directory, "master") + log(directory, "worker");
    }

    private void awaitWorker() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive() || !worker.isAlive()) {
                throw new IllegalStateException("The Spark " + (master.isAlive() ? "worker" : "master")
                        + " exited while starting:\n" + logs());
            }
            try {
                String json = http.send(HttpRequest.newBuilder(masterUi).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher alive = ALIVE_WORKERS.matcher(json);
                if (alive.find() && Integer.parseInt(alive.group(1)) > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's UI is not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Spark worker", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Spark worker", e);
            }
        }
        throw new IllegalStateException("The Spark worker did not register with the master within "
                + START_TIMEOUT.toSeconds() + " s:\n" + logs());
    }

    private static Process launch(Path sparkHome, Path directory, String name, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-cp", sparkHome.resolve("jars") + "/*", "-Dspark.master.rest.enabled=false",
                mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toAbsolutePath().toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Spark " + name + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback: " + e.getMessage(), e);
        }
    }

    private static String log(Path directory, String name) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(name + ".log"));
            return "--- " + name + " log (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException e) {
            return "--- no " + name + " log ---\n";
        }
    }

    /** Stops a process and everything it started: politely first, then by force. */
    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> child).join();
            }
        }
    }

    @Override
    public void close() {
        stop(worker);
        stop(master);
        delete(directory);
        if (ownedHome != null) {
            delete(ownedHome);
        }
    }

    /** Removes a temporary folder and what it holds; a leftover is harmless, so failures are ignored. */
    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
