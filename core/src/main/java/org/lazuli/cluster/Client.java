package org.lazuli.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.lazuli.text.ByteSizes;
import org.lazuli.text.HtmlText;
import org.lazuli.exec.Persistable;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.Computation;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskFunction;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;
import org.lazuli.graph.Tokenize;

/**
 * A connection to a cluster (dask's {@code Client}). While it is open, its cluster is the default
 * scheduler of {@code compute()}; futures start tasks now; closing it restores the previous default
 * (and closes a cluster it created itself).
 *
 * <pre>{@code
 * try (Client client = Client.connect(cluster)) {
 *     TaskFuture<Integer> f = client.submit(() -> inc(10));
 *     List<TaskFuture<Integer>> fs = client.map(v -> inc(v), List.of(1, 2, 3));
 *     List<Integer> all = client.gather(fs);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Client implements AutoCloseable {
    private final Cluster cluster;
    private final boolean ownsCluster;
    private final Schedulers.Installation installation;
    private volatile boolean closed;

    private Client(Cluster cluster, boolean ownsCluster) {
        this.cluster = cluster;
        this.ownsCluster = ownsCluster;
        this.installation = Schedulers.use(cluster.scheduler());
    }

    /** Connects to a cluster and makes it the default scheduler. */
    public static Client connect(Cluster cluster) {
        return new Client(cluster, false);
    }

    /** A client of a new local cluster with the defaults (threads = cores, memory = the heap); closes it on close. */
    public static Client local() {
        return new Client(LocalCluster.builder().start(), true);
    }

    public Cluster cluster() {
        return cluster;
    }

    public Optional<URI> dashboardLink() {
        return cluster.dashboardLink();
    }

    public void scale(int workers) {
        cluster.scale(workers);
    }

    /** Drops results the cluster holds and cancels running work, keeping the workers. */
    public void restart() {
        cluster.restart();
    }

    /** Tasks by state, what waiting tasks wait for, memory per worker: enough to explain a stalled computation. */
    public String dumpState() {
        return cluster.dumpState();
    }

    /** Records the cluster's task stream until closed, then writes a self-contained HTML report. */
    public PerformanceReport performanceReport(Path path) {
        return new PerformanceReport(cluster.events(), path);
    }

    // ---- futures ----------------------------------------------------------------------------

    private Scheduler scheduler() {
        if (closed) {
            throw new IllegalStateException("This client is closed; connect a new one");
        }
        return cluster.scheduler();
    }

    /** Starts a task now. */
    public <T> TaskFuture<T> submit(SerializableCallable<T> function) {
        TaskKey key = TaskKey.of("submit-" + Tokenize.of(function, System.nanoTime()));
        return start(key, new CallTask(function), List.of());
    }

    /** Starts {@code function(argument)} now. */
    public <A, T> TaskFuture<T> submit(SerializableFunction<A, T> function, A argument) {
        TaskKey key = TaskKey.of("submit-" + Tokenize.of(function, System.nanoTime()));
        return start(key, new ApplyTask(function), Collections.singletonList(argument));
    }

    /** Starts {@code function(result of input)} when {@code input} is done, on the cluster (no round trip to the caller). */
    public <A, T> TaskFuture<T> submit(SerializableFunction<A, T> function, TaskFuture<A> input) {
        TaskKey key = TaskKey.of("submit-" + Tokenize.of(function, System.nanoTime()));
        return start(key, new ApplyTask(function), List.of(input));
    }

    /** Starts {@code function(a, b)}; arguments may be futures. */
    public <A, B, T> TaskFuture<T> submit(SerializableBiFunction<A, B, T> function, Object a, Object b) {
        TaskKey key = TaskKey.of("submit-" + Tokenize.of(function, System.nanoTime()));
        return start(key, new Apply2Task(function), List.of(a, b));
    }

    /** Starts {@code function} on every element. */
    public <A, T> List<TaskFuture<T>> map(SerializableFunction<A, T> function, List<? extends A> arguments) {
        String token = Tokenize.of(function, System.nanoTime());
        List<TaskFuture<T>> futures = new ArrayList<>(arguments.size());
        ApplyTask task = new ApplyTask(function);
        for (int i = 0; i < arguments.size(); i++) {
            futures.add(start(TaskKey.of("map-" + token, i), task, Collections.singletonList(arguments.get(i))));
        }
        return futures;
    }

    /** Places a value on the cluster, as a finished future other tasks can take as input. */
    public <T> TaskFuture<T> scatter(T data) {
        TaskKey key = TaskKey.of("scatter-" + Tokenize.of(data));
        return new TaskFuture<>(key, CompletableFuture.completedFuture(data), () -> { });
    }

    /** Starts computing a chunked array or a delayed value; the future holds the result. */
    public <T> TaskFuture<T> compute(Computation.Source<T> value) {
        Computation<T> c = value.lower();
        CompletableFuture<Map<TaskKey, Object>> results = scheduler().submit(c.graph(), c.outputs());
        CompletableFuture<T> done = results.thenApply(c.assemble()::apply);
        TaskKey key = c.outputs().isEmpty() ? TaskKey.of("compute-empty") : c.outputs().get(0);
        return new TaskFuture<>(key, done, () -> results.cancel(true));
    }

    /**
     * Computes {@code value}'s blocks on this client's cluster and keeps them there (dask's
     * {@code client.persist}): the returned object reads them where they are held; only
     * {@code compute()} brings data into this JVM's caller.
     */
    public <T> T persist(Persistable<T> value) {
        return value.persist(scheduler());
    }

    // ---- published data ------------------------------------------------------------------

    /**
     * Keeps a (persisted) value on the cluster under a name, for other clients, in other JVMs too
     * where the cluster allows it (dask's {@code publish_dataset}): what it reads stays on the cluster
     * while it is published, after this client has gone.
     */
    public void publish(String name, Object value) {
        scheduler();
        cluster.publish(name, value);
    }

    /** The value published as {@code name} on this client's cluster. */
    @SuppressWarnings("unchecked")
    public <T> T getPublished(String name) {
        scheduler();
        return (T) cluster.published(name);
    }

    /** The names published on this client's cluster, sorted. */
    public List<String> listPublished() {
        return cluster.publishedNames();
    }

    /** Stops publishing {@code name}. */
    public void unpublish(String name) {
        cluster.unpublish(name);
    }

    /** Waits for every future and returns their results in order; the first failure is re-raised. */

    public <T> List<T> gather(List<TaskFuture<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        for (TaskFuture<T> f : futures) {
            results.add(f.result());
        }
        return results;
    }

    /**
     * As {@link #gather(List)}, waiting at most {@code timeout} in all: past it an
     * {@link IllegalStateException} names the first unfinished future, which keeps running.
     */
    public <T> List<T> gather(List<TaskFuture<T>> futures, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> results = new ArrayList<>(futures.size());
        for (TaskFuture<T> f : futures) {
            results.add(f.result(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        }
        return results;
    }

    /** The futures in the order they finish. */
    public static <T> Iterable<TaskFuture<T>> asCompleted(List<TaskFuture<T>> futures) {
        BlockingQueue<TaskFuture<T>> finished = new LinkedBlockingQueue<>();
        futures.forEach(f -> f.completion().whenComplete((v, e) -> finished.add(f)));
        int total = futures.size();
        return () -> new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public TaskFuture<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    taken++;
                    return finished.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("Interrupted while waiting for futures");
                }
            }
        };
    }

    /** A one-task graph started once its future arguments are done (on the thread finishing the last one). */
    private <T> TaskFuture<T> start(TaskKey key, TaskFunction function, List<Object> arguments) {
        Scheduler scheduler = scheduler();
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> running = new AtomicReference<>();
        List<CompletableFuture<?>> inputs = new ArrayList<>();
        for (Object a : arguments) {
            if (a instanceof TaskFuture<?> f) {
                inputs.add(f.completion());
            }
        }
        Runnable launch = () -> {
            if (result.isDone()) {
                return;
            }
            Object[] values = new Object[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                Object a = arguments.get(i);
                if (a instanceof TaskFuture<?> f) {
                    if (f.completion().isCompletedExceptionally()) {
                        result.completeExceptionally(new TaskFailedException(key, f.exception().orElse(null)));
                        return;
                    }
                    values[i] = f.completion().join();
                } else {
                    values[i] = a;
                }
            }
            TaskGraph graph = TaskGraph.of(List.of(Task.of(key, new Bound(function, values))));
            CompletableFuture<Map<TaskKey, Object>> run = scheduler.submit(graph, List.of(key));
            running.set(run);
            run.whenComplete((map, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    result.completeExceptionally(cause);
                } else {
                    @SuppressWarnings("unchecked")
                    T value = (T) map.get(key);
                    result.complete(value);
                }
            });
        };
        if (inputs.isEmpty()) {
            launch.run();
        } else {
            CompletableFuture.allOf(inputs.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> launch.run());
        }
        return new TaskFuture<>(key, result, () -> {
            CompletableFuture<?> r = running.get();
            if (r != null) {
                r.cancel(true);
            }
        });
    }

    /** Stops being the default scheduler; closes the cluster if this client created it. Always returns. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        installation.close();
        if (ownsCluster) {
            cluster.close();
        }
    }

    /** Like dask's repr: workers, threads, memory, tasks and the dashboard link. */
    @Override
    public String toString() {
        List<Cluster.WorkerInfo> workers = cluster.workers();
        long limit = workers.stream().mapToLong(Cluster.WorkerInfo::memoryLimit).sum();
        long inUse = workers.stream().mapToLong(Cluster.WorkerInfo::memoryInUse).sum();
        String tasks = String.format(Locale.ROOT, ", tasks processing=%d waiting=%d done=%d", cluster.tasksProcessingNow(),
                cluster.tasksWaitingNow(), cluster.tasksDoneNow());
        return String.format(Locale.ROOT, "Client(%s, workers=%d, threads=%d, memory=%s, in use %s%s, dashboard=%s)",
                cluster.name(), workers.size(),
                workers.stream().mapToInt(Cluster.WorkerInfo::threads).sum(), ByteSizes.format(limit),
                ByteSizes.format(inUse), tasks, dashboardLink().map(URI::toString).orElse("none")) + (closed ? " closed" : "");
    }

    /** An HTML repr for notebooks: the summary, the dashboard as a link, and one row per worker. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"lazuli-repr\" style=\"font-family: monospace\"><p>")
                .append(HtmlText.escape(toString())).append("</p>");
        dashboardLink().ifPresent(link -> html.append("<p>Dashboard: <a href=\"").append(HtmlText.escape(link.toString()))
                .append("\" target=\"_blank\">").append(HtmlText.escape(link.toString())).append("</a></p>"));
        html.append("<table><tr><th>worker</th><th>threads</th><th>memory</th><th>limit</th><th>spilled</th>"
                + "<th>processing</th><th>done</th></tr>");
        for (Cluster.WorkerInfo w : cluster.workers()) {
            html.append("<tr><td>").append(HtmlText.escape(w.name())).append("</td><td>").append(w.threads())
                    .append("</td><td>").append(ByteSizes.format(w.memoryInUse())).append("</td><td>")
                    .append(ByteSizes.format(w.memoryLimit())).append("</td><td>").append(ByteSizes.format(w.spilledBytes()))
                    .append("</td><td>").append(w.processing()).append("</td><td>").append(w.done()).append("</td></tr>");
        }
        return html.append("</table></div>").toString();
    }

    // ---- task functions ---------------------------------------------------------------------

    private record CallTask(SerializableCallable<?> function) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) throws Exception {
            return function.call();
        }
    }

    private record ApplyTask(SerializableFunction<?, ?> function) implements TaskFunction {
        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object[] inputs) {
            return ((SerializableFunction<Object, ?>) function).apply(inputs[0]);
        }
    }

    private record Apply2Task(SerializableBiFunction<?, ?, ?> function) implements TaskFunction {
        @Override
        @SuppressWarnings("unchecked")
        public Object apply(Object[] inputs) {
            return ((SerializableBiFunction<Object, Object, ?>) function).apply(inputs[0], inputs[1]);
        }
    }

    /** A function with its argument values bound (futures already resolved). */
    private record Bound(TaskFunction function, Object[] values) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) throws Exception {
            return function.apply(values);
        }
    }
}
