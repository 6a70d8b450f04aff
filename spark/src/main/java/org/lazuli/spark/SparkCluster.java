package org.lazuli.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.EventStream;
import org.lazuli.cluster.DashboardProvider;
import org.lazuli.text.ByteSizes;
import org.lazuli.exec.Scheduler;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark application as a Lazuli cluster: {@code Client.connect(spark)} makes it the default for
 * {@code compute()}, futures and delayed values, so code written for a {@code LocalCluster} runs on
 * Spark unchanged. Each executor is a worker.
 *
 * <pre>{@code
 * try (SparkCluster spark = SparkCluster.builder().master("spark://127.0.0.1:7077")
 *          .workerCores(2).workerMemory("4g").start();
 *      Client client = Client.connect(spark)) {
 *     spark.adapt(1, 15);
 *     double mean = ChunkedArray.random(new long[]{20000, 20000}, new long[]{1000, 1000}, 42L).mean().compute().getDouble();
 * }
 * }</pre>
 *
 * <p>Closing it stops the Spark application (its executors end with it), the dashboard and the
 * adaptive scaling. Thread-safe.
 */
public final class SparkCluster implements Cluster {
    private final JavaSparkContext spark;
    private final ClusterListener listener;
    private final SparkScheduler scheduler;
    private final String master;
    private final boolean dynamicAllocation;
    /** The most executors a standalone master gives this application ({@code spark.cores.max}); -1 unbounded. */
    private final int executorCap;
    private final int coresPerExecutor;
    private final Path scratch;
    private final Thread scratchCleanup;
    private final DashboardProvider.Dashboard dashboard;
    private Adaptive adaptive;
    /** The executors last asked for ({@link #resize}); -1 while the cluster manager's own count stands. */
    private volatile int target = -1;
    /** Releases executors that register past the target: a standalone master may start more before it hears of one. */
    private final ExecutorService trimmer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lazuli-spark-trim");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private SparkCluster(Builder b) {
        this.master = b.master;
        this.dynamicAllocation = b.adaptMinimum >= 0;
        this.executorCap = b.executorCap();
        this.coresPerExecutor = b.workerCores;
        try {
            this.scratch = Files.createTempDirectory("lazuli-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch directory: " + e.getMessage(), e);
        }
        // a JVM that exits without closing the cluster (stopped by a signal) removes the folder all the same
        this.scratchCleanup = new Thread(() -> SparkStandalone.delete(scratch), "lazuli-spark-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(scratchCleanup);
        String token = UUID.randomUUID().toString();
        try {
            b.requireReachableMaster();
            this.spark = startContext(b.conf(token, scratch));
        } catch (RuntimeException e) {
            removeScratch();
            throw e;
        }
        this.listener = ClusterListener.created(token);
        listener.onExecutorAdded(() -> trimmer.execute(this::trimToTarget));
        this.scheduler = new SparkScheduler(spark, listener, isLocal(), b.executorWaitLimit);
        DashboardProvider.Dashboard started;
        try {
            started = DashboardProvider.startFirst(this, b.dashboardAddress, b.dashboardToken).orElse(null);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.dashboard = started;
        if (b.maxWorkers > 0 && b.workers > 0 && !dynamicAllocation && !isLocal()) {
            resize(b.workers);   // the cap leaves room to grow; start with the executors asked for
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the Spark context, saying plainly when this JVM already has one (Spark allows one). */
    private static JavaSparkContext startContext(SparkConf conf) {
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) {       // Spark throws its checked SparkException undeclared
            if (String.valueOf(e.getMessage()).contains("Only one SparkContext")) {
                throw new IllegalStateException("Spark runs one application per JVM and this JVM already has one:"
                        + " close the other SparkCluster first, or share it", e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Spark could not start: " + e.getMessage(), e);
        }
    }

    /** The Spark context, for work outside Lazuli on the same application. */
    public JavaSparkContext sparkContext() {
        return spark;
    }

    /** "spark app-…": the application's id. */
    @Override
    public String name() {
        return "spark " + applicationId();
    }

    /** The application's id on its cluster manager. */
    public String applicationId() {
        return spark.sc().applicationId();
    }

    /** The master URL this application runs on. */
    public String master() {
        return master;
    }

    /** The Spark UI of this application (jobs, stages, executors), if it runs. */
    public Optional<URI> sparkUiLink() {
        scala.Option<String> url = spark.sc().uiWebUrl();
        return url.isDefined() ? Optional.of(URI.create(url.get())) : Optional.empty();
    }

    // ---- Cluster ----------------------------------------------------------------------------

    /** Spark's UI, for the dashboard to link to. */
    @Override
    public Map<String, URI> links() {
        return sparkUiLink().map(uri -> Map.of("Spark UI", uri)).orElse(Map.of());
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The executors (the driver's own in local mode), with their cores, storage memory and tasks. */
    @Override
    public List<WorkerInfo> workers() {
        Map<String, SparkExecutorInfo> byAddress = new HashMap<>();
        if (!spark.sc().isStopped()) {
            for (SparkExecutorInfo info : spark.statusTracker().getExecutorInfos()) {
                byAddress.put(info.host() + ":" + info.port(), info);
            }
        }
        boolean local = isLocal();
        List<WorkerInfo> workers = new ArrayList<>();
        for (ClusterListener.Executor e : listener.executors()) {
            if (e.id.equals("driver") && !local) {
                continue;
            }
            SparkExecutorInfo info = byAddress.get(e.host + ":" + e.blockManagerPort);
            long used = info == null ? 0 : info.usedOnHeapStorageMemory() + info.usedOffHeapStorageMemory();
            int threads = local ? spark.sc().defaultParallelism() : e.cores;
            workers.add(new WorkerInfo(e.workerName(), threads, e.storageMemory, used, 0, e.running.get(), e.done.get(),
                    e.cpuNanos.get()));
        }
        return workers;
    }

    /**
     * Asks the cluster manager for {@code executors} executors: more are requested, surplus ones
     * (the least busy) are released. Stops adaptive scaling, as in dask.
     */
    @Override
    public synchronized void scale(int executors) {
        if (executors < 0) {
            throw new IllegalArgumentException("Cannot scale to " + executors + " executors");
        }
        requireScalable("scale");
        requireWithinCap("scale(" + executors + ")", executors);
        if (adaptive != null) {
            adaptive.close();
            adaptive = null;
        }
        resize(executors);
    }

    /**
     * Scales between {@code minimum} and {@code maximum} executors with the work: up while Spark has
     * more tasks waiting than cores, down when executors idle. When the application was started with
     * {@link Builder#adapt(int, int)}, Spark's dynamic allocation already does this, within the
     * bounds it was started with.
     */
    public synchronized void adapt(int minimum, int maximum) {
        requireAdaptBounds(minimum, maximum);
        if (isLocal()) {
            throw new UnsupportedOperationException(localMessage("adapt"));
        }
        if (dynamicAllocation) {
            String started = spark.getConf().get("spark.dynamicAllocation.minExecutors") + ".."
                    + spark.getConf().get("spark.dynamicAllocation.maxExecutors");
            if (!started.equals(minimum + ".." + maximum)) {
                throw new IllegalStateException("Spark's dynamic allocation scales this application between " + started
                        + " executors, fixed when it started; start a new SparkCluster with builder().adapt(" + minimum
                        + ", " + maximum + ") to change them");
            }
            return;
        }
        requireWithinCap("adapt(" + minimum + ", " + maximum + ")", maximum);
        if (adaptive != null) {
            adaptive.close();
        }
        adaptive = new Adaptive(this, minimum, maximum);
    }

    /**
     * Waits until at least {@code executors} executors have registered (dask's {@code
     * wait_for_workers}); in local mode the driver's executor counts.
     *
     * @throws IllegalStateException if they are not there within {@code timeout}, with the cluster's state
     */
    public void waitForWorkers(int executors, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (workers().stream().filter(w -> w.memoryLimit() > 0).count() < executors) {   // registered, storage included
            if (System.nanoTime() > deadline || closed) {
                throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + executors
                        + " executors; the cluster manager gave " + workers().size() + ". " + dumpState());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for executors", e);
            }
        }
    }

    /** Spark tasks waiting or running in the active stages. */
    int tasksOutstanding() {
        int outstanding = 0;
        for (int stage : spark.statusTracker().getActiveStageIds()) {
            SparkStageInfo info = spark.statusTracker().getStageInfo(stage);
            if (info != null) {
                outstanding += info.numTasks() - info.numCompletedTasks() - info.numFailedTasks();
            }
        }
        return outstanding;
    }

    int coresPerExecutor() {
        return coresPerExecutor;
    }

    /** Sets the executor target; releases the least busy executors past it. */
    synchronized void resize(int executors) {
        target = executors;
        List<ClusterListener.Executor> current = listener.remoteExecutors();
        if (current.size() > executors) {
            current.sort(Comparator.comparingInt((ClusterListener.Executor e) -> e.running.get()));
            List<String> surplus = current.subList(0, current.size() - executors).stream().map(e -> e.id).toList();
            spark.sc().killExecutors(CollectionConverters.asScala(surplus).toSeq());
        }
        // after the kills, which lower Spark's own target by one each
        spark.sc().requestTotalExecutors(executors, 0, scala.collection.immutable.Map$.MODULE$.empty());
    }

    private synchronized void trimToTarget() {
        if (!closed && target >= 0 && listener.remoteExecutors().size() > target) {
            resize(target);
        }
    }

    private static void requireAdaptBounds(int minimum, int maximum) {
        if (minimum < 0 || maximum < minimum || maximum == 0) {
            throw new IllegalArgumentException("Need 0 <= minimum <= maximum and maximum > 0, got " + minimum + ", " + maximum);
        }
    }

    private void requireScalable(String what) {
        if (isLocal()) {
            throw new UnsupportedOperationException(localMessage(what));
        }
        if (dynamicAllocation) {
            throw new IllegalStateException("Spark's dynamic allocation manages the executors of this application"
                    + " (started with builder().adapt(min, max)); " + what + " would fight it");
        }
    }

    private void requireWithinCap(String what, int executors) {
        if (executorCap >= 0 && executors > executorCap) {
            throw new IllegalArgumentException(what + " asks for more executors than the " + executorCap + " this application"
                    + " may have on " + master + " (spark.cores.max = " + executorCap * coresPerExecutor
                    + "); start it with builder().maxWorkers(" + executors + ")");
        }
    }

    private String localMessage(String what) {
        return "Master " + master + " runs one executor inside this JVM, so there is nothing to " + what
                + "; use a cluster manager (spark://host:7077, yarn, k8s://...) for executors that come and go";
    }

    private boolean isLocal() {
        return master.startsWith("local");
    }

    @Override
    public Optional<URI> dashboardLink() {
        return dashboard == null ? Optional.empty() : Optional.of(dashboard.link());
    }

    @Override
    public EventStream events() {
        return listener.events();
    }

    /** Drops every RDD this application caches, keeping the executors. */
    @Override
    public void restart() {
        CollectionConverters.asJava(spark.sc().getPersistentRDDs()).values().forEach(rdd -> rdd.unpersist(false));
    }

    @Override
    public String dumpState() {
        StringBuilder text = new StringBuilder();
        text.append(this).append('\n');
        for (WorkerInfo w : workers()) {
            text.append(String.format(Locale.ROOT, "  %s: %d cores, %d running, %d done, storage %s of %s%n", w.name(),
                    w.threads(), w.processing(), w.done(), ByteSizes.format(w.memoryInUse()), ByteSizes.format(w.memoryLimit())));
        }
        if (!spark.sc().isStopped()) {
            for (int job : spark.statusTracker().getActiveJobIds()) {
                text.append("  active job ").append(job).append('\n');
            }
            for (int stage : spark.statusTracker().getActiveStageIds()) {
                SparkStageInfo info = spark.statusTracker().getStageInfo(stage);
                if (info != null) {
                    text.append(String.format(Locale.ROOT, "  stage %d %s: %d of %d tasks done, %d running, %d failed%n",
                            stage, info.name(), info.numCompletedTasks(), info.numTasks(), info.numActiveTasks(),
                            info.numFailedTasks()));
                }
            }
        }
        List<String> errors = listener.recentErrors();
        if (!errors.isEmpty()) {
            text.append("recent errors:\n");
            errors.stream().limit(10).forEach(e -> text.append("  ").append(e).append('\n'));
        }
        return text.toString();
    }

    @Override
    public List<String> recentErrors() {
        return listener.recentErrors();
    }

    /** Stops adaptive scaling, the dashboard and the Spark application. Always returns. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (adaptive != null) {
                adaptive.close();
            }
        }
        trimmer.shutdownNow();
        scheduler.close();
        if (dashboard != null) {
            dashboard.close();
        }
        try {
            spark.stop();
        } finally {
            removeScratch();
        }
    }

    private void removeScratch() {
        SparkStandalone.delete(scratch);
        try {
            Runtime.getRuntime().removeShutdownHook(scratchCleanup);
        } catch (IllegalStateException exiting) {
            // closed by another shutdown hook: the cleanup hook runs anyway, on an empty folder
        }
    }

    @Override
    public String toString() {
        List<WorkerInfo> workers = closed ? List.of() : workers();
        return String.format(Locale.ROOT, "SparkCluster(%s, master=%s, executors=%d, cores=%d, spark ui=%s, dashboard=%s)%s",
                applicationId(), master, workers.size(), workers.stream().mapToInt(WorkerInfo::threads).sum(),
                sparkUiLink().map(URI::toString).orElse("none"), dashboardLink().map(URI::toString).orElse("none"),
                closed ? " closed" : "");
    }

    /** How to start a Spark application; every option maps to a Spark setting. */
    public static final class Builder {
        private String master = "local[*]";
        private String appName = "lazuli";
        private int workerCores = 1;
        private String workerMemory = "1g";
        private int workers = -1;
        private int maxWorkers = -1;
        private int adaptMinimum = -1;
        private int adaptMaximum = -1;
        private boolean shipClassPath = true;
        private final List<String> jars = new ArrayList<>();
        private final Map<String, String> conf = new LinkedHashMap<>();
        private String dashboardAddress = ":8787";
        private boolean dashboardToken = true;
        private Duration executorWaitLimit = Duration.ofMinutes(2);

        private Builder() {
        }

        /**
         * How long a computation may wait while the application has no executor at all before it fails
         * with the reason (default 2 minutes): Spark itself would wait forever when no worker can hold
         * the executors asked for.
         */
        public Builder executorWaitLimit(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("executorWaitLimit must be positive, got " + limit);
            }
            this.executorWaitLimit = limit;
            return this;
        }

        /** "local[4]", "spark://host:7077", "yarn", "k8s://https://host:443" … (default "local[*]"). */
        public Builder master(String master) {
            if (master == null || master.isBlank()) {
                throw new IllegalArgumentException("A Spark master URL is needed, such as local[4] or spark://host:7077");
            }
            this.master = master.strip();
            return this;
        }

        public Builder appName(String name) {
            this.appName = name;
            return this;
        }

        /** Cores per executor ({@code spark.executor.cores}; default 1). */
        public Builder workerCores(int cores) {
            if (cores <= 0) {
                throw new IllegalArgumentException("workerCores must be positive, got " + cores);
            }
            this.workerCores = cores;
            return this;
        }

        /** Heap per executor, such as "4g" ({@code spark.executor.memory}; default "1g"). */
        public Builder workerMemory(String memory) {
            if (memory == null || !memory.strip().matches("(?i)\\d+[kmgtp]?b?")) {
                throw new IllegalArgumentException("workerMemory takes Spark's sizes such as 512m or 4g, got " + memory);
            }
            this.workerMemory = memory.strip();
            return this;
        }

        /** Executors to start with ({@code spark.executor.instances}; on standalone, {@code spark.cores.max}). */
        public Builder workers(int executors) {
            if (executors <= 0) {
                throw new IllegalArgumentException("workers must be positive, got " + executors);
            }
            this.workers = executors;
            return this;
        }

        /**
         * The most executors {@link #scale} and {@link #adapt} may ask for on a standalone master
         * ({@code spark.cores.max} = maxWorkers x workerCores). Without it, {@link #workers(int)} is
         * also the most, since a standalone master never gives an application more cores than that.
         */
        public Builder maxWorkers(int executors) {
            if (executors <= 0) {
                throw new IllegalArgumentException("maxWorkers must be positive, got " + executors);
            }
            this.maxWorkers = executors;
            return this;
        }

        /** Executors a standalone master allows, or -1 when it caps nothing. */
        private int executorCap() {
            if (!master.startsWith("spark://") || conf.containsKey("spark.cores.max")) {
                return -1;
            }
            return maxWorkers > 0 ? maxWorkers : workers;
        }

        /**
         * Lets Spark's dynamic allocation scale the executors between {@code minimum} and {@code
         * maximum} for the application's life (with shuffle tracking, so no external shuffle service
         * is needed).
         */
        public Builder adapt(int minimum, int maximum) {
            requireAdaptBounds(minimum, maximum);
            this.adaptMinimum = minimum;
            this.adaptMaximum = maximum;
            return this;
        }

        /** Any Spark setting. */
        public Builder conf(String key, String value) {
            conf.put(key, value);
            return this;
        }

        /** Jars executors need besides Spark's (an application's fat jar, for instance). */
        public Builder jars(String... paths) {
            jars.addAll(List.of(paths));
            return this;
        }

        /**
         * Whether to send executors this JVM's class path minus Spark's own jars (the default), so
         * Lazuli and the application's classes reach them without packaging. Turn it off when the
         * application jar is given with {@link #jars(String...)} or installed on the executors.
         */
        public Builder shipClassPath(boolean ship) {
            this.shipClassPath = ship;
            return this;
        }

        /** ":8787" (the default, next free port if taken), "127.0.0.1:0", or "none". */
        public Builder dashboardAddress(String address) {
            this.dashboardAddress = address;
            return this;
        }

        /** Whether the dashboard requires its random access token (the default). */
        public Builder dashboardToken(boolean required) {
            this.dashboardToken = required;
            return this;
        }

        public SparkCluster start() {
            return new SparkCluster(this);
        }

        SparkConf conf(String token, Path scratch) {
            SparkConf spark = new SparkConf().setMaster(master).setAppName(appName)
                    .set("spark.executor.cores", Integer.toString(workerCores))
                    .set("spark.executor.memory", workerMemory)
                    .set("spark.ui.showConsoleProgress", "false")
                    // Spark's serialization debugger needs --add-opens java.base/java.io; without it a task
                    // that cannot be serialized kills Spark's scheduler thread and the job waits forever
                    .set("spark.serializer.extraDebugInfo", "false")
                    .set("spark.extraListeners", ClusterListener.class.getName())
                    .set(ClusterListener.TOKEN, token);
            if (onLoopback()) {
                // a local or loopback cluster: the driver, its UI and its file server listen on loopback only
                spark.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
            if (workers > 0) {
                spark.set("spark.executor.instances", Integer.toString(workers));
            }
            if (executorCap() > 0) {
                spark.set("spark.cores.max", Integer.toString(executorCap() * workerCores));
            }
            if (adaptMinimum >= 0) {
                spark.set("spark.dynamicAllocation.enabled", "true")
                        .set("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                        .set("spark.dynamicAllocation.minExecutors", Integer.toString(adaptMinimum))
                        .set("spark.dynamicAllocation.maxExecutors", Integer.toString(adaptMaximum))
                        .set("spark.dynamicAllocation.initialExecutors", Integer.toString(Math.max(adaptMinimum,
                                workers > 0 ? workers : adaptMinimum)));
            }
            List<String> shipped = new ArrayList<>(jars);
            if (shipClassPath && !master.startsWith("local")) {
                shipped.addAll(ApplicationJars.fromDriverClassPath(scratch));
            }
            if (!shipped.isEmpty()) {
                spark.setJars(shipped.toArray(new String[0]));
            }
            conf.forEach(spark::set);
            return spark;
        }

        /**
         * For spark:// masters: fails at once when none of them accepts a connection (Spark itself
         * would retry in the background for a minute and then stop the application).
         */
        void requireReachableMaster() {
            if (!master.startsWith("spark://")) {
                return;
            }
            List<String> failures = new ArrayList<>();
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
                int port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1).replaceAll("/.*", "")) : 7077;
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), 5000);
                    return;
                } catch (IOException | IllegalArgumentException e) {
                    failures.add(host + ":" + port + " (" + e.getMessage() + ")");
                }
            }
            throw new IllegalArgumentException("Cannot reach the Spark master " + master + ": " + String.join(", ", failures)
                    + ". Is it running? Start one with $SPARK_HOME/sbin/start-master.sh or SparkStandalone, or use"
                    + " master(\"local[*]\") to run in this JVM");
        }

        /** Whether the master is in this JVM or on a loopback address. */
        private boolean onLoopback() {
            if (master.startsWith("local")) {
                return true;
            }
            if (!master.startsWith("spark://")) {
                return false;
            }
            String host = master.substring("spark://".length()).split("[:,/]")[0];
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
