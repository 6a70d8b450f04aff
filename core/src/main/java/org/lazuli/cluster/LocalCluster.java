package org.lazuli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.lazuli.text.ByteSizes;
import org.lazuli.exec.Scheduler;
import org.lazuli.graph.TaskKey;

/**
 * Workers (thread pools with their own memory limits) in this JVM: dask's
 * {@code LocalCluster(processes=False)}. Results are accounted per worker and spilled to a temporary
 * directory past the target fraction of the limit; workers pause past the pause fraction. A dashboard
 * starts if the dashboard module is on the class path.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(4).memoryLimit("2GB").start();
 *      Client client = Client.connect(cluster)) {
 *     double mean = x.mean().compute().getDouble();   // runs on the cluster
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops every thread it started and deletes its spill files.
 */
public final class LocalCluster implements Cluster {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private final String name;
    private final int threadsPerWorker;
    private final long memoryLimit;
    private final double target;
    private final double pause;
    private final ThreadGroup group;
    private final Path spillDirectory;
    private final List<Worker> workers = new ArrayList<>();
    private final EventStream events = new EventStream();
    private final ClusterScheduler scheduler;
    private final Deque<String> recentErrors = new ConcurrentLinkedDeque<>();
    private final Map<String, Object> published = new ConcurrentSkipListMap<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final DashboardProvider.Dashboard dashboard;
    private final HeapMonitor heap;
    private final Watchdog watchdog;
    private volatile boolean closed;

    private LocalCluster(Builder b) {
        this.name = "lazuli-cluster-" + CLUSTERS.incrementAndGet();
        this.threadsPerWorker = b.threadsPerWorker;
        this.memoryLimit = b.memoryLimit;
        this.target = b.target;
        this.pause = b.pause;
        this.group = new ThreadGroup(name);
        try {
            this.spillDirectory = Files.createTempDirectory(name + "-spill-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a spill directory: " + e.getMessage(), e);
        }
        this.scheduler = new ClusterScheduler(this);
        this.heap = new HeapMonitor(target, pause, this::bytesInMemory);
        this.watchdog = new Watchdog(this, scheduler, b.stallTimeout);
        for (int i = 0; i < b.workers; i++) {
            workers.add(newWorker());
        }
        this.dashboard = startDashboard(b.dashboardAddress, b.dashboardToken);
    }

    public static Builder builder() {
        return new Builder();
    }

    private Worker newWorker() {
        String workerName = name + "-worker-" + workerNumbers.incrementAndGet();
        WorkerMemory memory = new WorkerMemory(workerName, memoryLimit, target, pause, spillDirectory, events, heap);
        return new Worker(workerName, threadsPerWorker, memory, group);
    }

    private DashboardProvider.Dashboard startDashboard(String address, boolean requireToken) {
        try {
            return DashboardProvider.startFirst(this, address, requireToken).orElse(null);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    // ---- Cluster ----------------------------------------------------------------------------

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public synchronized List<WorkerInfo> workers() {
        return activeWorkers().stream().map(Worker::info).toList();
    }

    @Override
    public Map<String, Long> heldByPrefix() {
        Map<String, Long> counts = new TreeMap<>();
        for (Worker w : activeWorkers()) {
            w.memory.countHeldByPrefix(counts);
        }
        return counts;
    }

    /** What the workers hold in memory (not spilled). */
    private long bytesInMemory() {
        return activeWorkers().stream().mapToLong(w -> w.memory.bytesInMemory()).sum();
    }

    synchronized List<Worker> activeWorkers() {
        return workers.stream().filter(w -> !w.isRetired()).toList();
    }

    /** The worker with the fewest runners per thread. */
    synchronized Worker leastBusyWorker() {
        return workers.stream().filter(w -> !w.isRetired())
                .min(Comparator.comparingDouble(w -> (double) w.runners.get() / w.threads)).orElse(null);
    }

    @Override
    public synchronized void scale(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("A cluster cannot have " + n + " workers");
        }
        requireOpen();
        List<Worker> active = new ArrayList<>(activeWorkers());
        while (active.size() < n) {
            Worker worker = newWorker();
            workers.add(worker);
            active.add(worker);
        }
        for (int i = active.size() - 1; i >= n; i--) {
            active.get(i).retire();   // running tasks finish; their results stay readable in memory
        }
    }

    @Override
    public Optional<URI> dashboardLink() {
        return dashboard == null ? Optional.empty() : Optional.of(dashboard.link());
    }

    @Override
    public EventStream events() {
        return events;
    }

    void publish(SchedulerEvent event) {
        events.publish(event);
    }

    void recordError(TaskKey key, RuntimeException error) {
        recentErrors.addFirst(key + ": " + (error.getCause() != null ? error.getCause() : error));
        while (recentErrors.size() > 50) {
            recentErrors.removeLast();
        }
    }

    /** The latest task failures, newest first. */
    @Override
    public List<String> recentErrors() {
        return List.copyOf(recentErrors);
    }

    @Override
    public synchronized void restart() {
        requireOpen();
        scheduler.cancelAll("The cluster was restarted");
        for (Worker w : workers) {
            w.memory.clear();
        }
    }

    boolean isWorkerThread(Thread thread) {
        return thread.getThreadGroup() == group;
    }

    boolean isClosed() {
        return closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed; start a new cluster");
        }
    }

    @Override
    public String name() {
        return name;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    public int threadsPerWorker() {
        return threadsPerWorker;
    }

    /** Fraction of the memory limit past which results are spilled. */
    public double spillFraction() {
        return target;
    }

    /** Fraction of the memory limit past which workers pause. */
    public double pauseFraction() {
        return pause;
    }

    @Override
    public int tasksProcessingNow() {
        return tasksProcessing();
    }

    @Override
    public int tasksWaitingNow() {
        return tasksWaiting();
    }

    @Override
    public long tasksDoneNow() {
        return tasksDone();
    }

    @Override
    public Optional<MemoryThresholds> memoryThresholds() {
        return Optional.of(new MemoryThresholds(target, pause));
    }

    @Override
    public void publish(String name, Object value) {
        requireOpen();
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("publish needs a name and a value, got " + name + " and " + value);
        }
        if (published.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("'" + name + "' is already published on " + this.name
                    + "; unpublish it first or choose another name");
        }
    }

    @Override
    public Object published(String name) {
        Object value = published.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Nothing is published as '" + name + "' on " + this.name
                    + "; published: " + published.keySet());
        }
        return value;
    }

    @Override
    public List<String> publishedNames() {
        return List.copyOf(published.keySet());
    }

    @Override
    public void unpublish(String name) {
        if (published.remove(name) == null) {
            throw new IllegalArgumentException("Nothing is published as '" + name + "' on " + this.name
                    + "; published: " + published.keySet());
        }
    }

    public Path spillDirectory() {
        return spillDirectory;
    }

    int tasksProcessing() {
        return scheduler.processing();
    }

    int tasksWaiting() {
        return scheduler.waiting();
    }

    long tasksDone() {
        return workers.stream().mapToLong(w -> w.done.get()).sum();
    }

    @Override
    public synchronized String dumpState() {
        StringBuilder text = new StringBuilder(name + (closed ? " (closed)" : "") + "\n");
        text.append("workers:\n");
        for (Worker w : workers) {
            text.append("  ").append(w.memory).append(", ").append(w.processing.get()).append(" processing, ")
                    .append(w.done.get()).append(" done").append(w.isRetired() ? ", retired" : "")
                    .append(w.memory.paused() ? ", PAUSED (memory past " + (int) (pause * 100) + "%)" : "").append('\n');
        }
        text.append("computations:\n").append(scheduler.describe());
        if (!recentErrors.isEmpty()) {
            text.append("recent errors:\n");
            recentErrors.stream().limit(10).forEach(e -> text.append("  ").append(e).append('\n'));
        }
        return text.toString();
    }

    /** Stops every worker thread (interrupting running tasks), the dashboard, and deletes spill files. Always returns. */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = List.copyOf(workers);
            published.clear();
        }
        scheduler.cancelAll("The cluster was closed");
        watchdog.close();
        heap.close();
        if (dashboard != null) {
            try {
                dashboard.close();
            } catch (RuntimeException ignored) {
                // the cluster closes regardless
            }
        }
        for (Worker w : all) {
            try {
                if (!w.stop(10_000)) {
                    System.err.println(w.name + ": a task ignores interruption; its thread is left to finish alone");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.memory.clear();
        }
        deleteSpillDirectory();
    }

    private void deleteSpillDirectory() {
        try (Stream<Path> files = Files.walk(spillDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; the directory is in the system's temporary space
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Like dask's repr: workers, threads, memory, tasks, dashboard. */
    @Override
    public String toString() {
        List<WorkerInfo> info = workers();
        long inUse = info.stream().mapToLong(WorkerInfo::memoryInUse).sum();
        long spilled = info.stream().mapToLong(WorkerInfo::spilledBytes).sum();
        return String.format(Locale.ROOT, "LocalCluster(%s, workers=%d, threads=%d, memory=%s, in use %s, spilled %s,"
                        + " tasks processing=%d waiting=%d done=%d, dashboard=%s)", name, info.size(),
                info.stream().mapToInt(WorkerInfo::threads).sum(), ByteSizes.format(memoryLimit * info.size()),
                ByteSizes.format(inUse), ByteSizes.format(spilled), tasksProcessing(), tasksWaiting(), tasksDone(),
                dashboardLink().map(URI::toString).orElse("none"));
    }

    /** Options of a local cluster, with dask's defaults. */
    public static final class Builder {
        private int workers = -1;
        private int threadsPerWorker = -1;
        private long memoryLimit = -1;
        private boolean processes;
        private String dashboardAddress = ":8787";
        private boolean dashboardToken = true;
        private double target = 0.6;
        private double pause = 0.8;
        private Duration stallTimeout = Watchdog.DEFAULT_STALL_TIMEOUT;

        private Builder() {
        }

        /**
         * How long a computation may go without a task starting or finishing before the cluster reports
         * it as stalled, with a state dump (a {@code STALLED} event and a warning in the log); default
         * 60 s. The computation keeps running: a long task is not always a hung one.
         */
        public Builder stallTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The stall timeout must be positive, got " + timeout);
            }
            this.stallTimeout = timeout;
            return this;
        }

        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("A cluster needs at least 1 worker, got " + n);
            }
            this.workers = n;
            return this;
        }

        public Builder threadsPerWorker(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("A worker needs at least 1 thread, got " + n);
            }
            this.threadsPerWorker = n;
            return this;
        }

        /** "2GB", "512MiB", "auto" (the JVM's heap shared by the workers). */
        public Builder memoryLimit(String limit) {
            this.memoryLimit = limit.equalsIgnoreCase("auto") ? -1 : ByteSizes.parse(limit);
            return this;
        }

        public Builder memoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("The memory limit must be positive, got " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /** Fractions of the limit: spill past {@code target}, pause past {@code pause} (defaults 0.6, 0.8). */
        public Builder memoryThresholds(double targetFraction, double pauseFraction) {
            if (!(targetFraction > 0 && targetFraction < pauseFraction && pauseFraction <= 1)) {
                throw new IllegalArgumentException("Need 0 < target < pause <= 1, got " + targetFraction + ", "
                        + pauseFraction);
            }
            this.target = targetFraction;
            this.pause = pauseFraction;
            return this;
        }

        /** Worker JVMs are not offered here: {@code true} fails at {@link #start()}. */
        public Builder processes(boolean on) {
            this.processes = on;
            return this;
        }

        /** ":8787" (the default, next free port if taken), "127.0.0.1:0", or "none". */
        public Builder dashboardAddress(String address) {
            this.dashboardAddress = address;
            return this;
        }

        /**
         * Whether the dashboard requires its random access token (the default). Turning it off is refused
         * for addresses other than loopback.
         */
        public Builder dashboardToken(boolean required) {
            this.dashboardToken = required;
            return this;
        }

        public LocalCluster start() {
            if (processes) {
                throw new UnsupportedOperationException("processes(true): a LocalCluster runs its workers as thread"
                        + " pools in this JVM. For workers in separate JVMs use the spark module:"
                        + " SparkCluster.builder().master(\"spark://host:7077\").start()");
            }
            int cores = Runtime.getRuntime().availableProcessors();
            int w = workers > 0 ? workers : (threadsPerWorker > 0 ? Math.max(1, cores / threadsPerWorker) : 1);
            int t = threadsPerWorker > 0 ? threadsPerWorker : Math.max(1, cores / w);
            if (memoryLimit < 0) {
                memoryLimit = Runtime.getRuntime().maxMemory() / w;
            }
            workers = w;
            threadsPerWorker = t;
            return new LocalCluster(this);
        }
    }
}
