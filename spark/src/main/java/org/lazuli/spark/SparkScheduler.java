package org.lazuli.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ExecutionStats;
import org.lazuli.exec.ResultStore;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;
import scala.Tuple2;

/**
 * Runs task graphs as Spark jobs. The graph is planned as units (linear chains of tasks) cut into
 * levels ({@link GraphPlan}); each level is one RDD of (key, result) computed on the executors from
 * its units and a shuffle that brings every unit its inputs from earlier levels (a level read twice
 * is cached). So results move executor to executor; only the outputs come back to the driver; a lost
 * executor's results and shuffle files are recomputed from the lineage.
 *
 * <p>Graphs submitted without waiting (futures, {@code client.compute}) run together in batches
 * ({@link SubmissionBatches}).
 */
final class SparkScheduler implements Scheduler, AutoCloseable {
    private static final AtomicLong RUNS = new AtomicLong();
    /** Partitions per core and level: enough to balance uneven tasks, few enough to keep Spark's per-task cost small. */
    private static final int PARTITIONS_PER_CORE = 2;
    /** At least this many partitions per level (when there are as many tasks), so executors added later get work. */
    private static final int MIN_PARTITIONS = 8;

    private final JavaSparkContext spark;
    private final ClusterListener tracker;
    private final boolean hasOwnExecutor;
    private final Duration executorWaitLimit;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lazuli-spark-watchdog");
                t.setDaemon(true);
                return t;
            });
    private final SubmissionBatches batches;
    private volatile boolean closed;

    /**
     * @param hasOwnExecutor    whether the driver runs tasks itself (local mode), so executors never lack
     * @param executorWaitLimit how long a job may wait with no executor at all before it fails
     */
    SparkScheduler(JavaSparkContext spark, ClusterListener tracker, boolean hasOwnExecutor,
                   Duration executorWaitLimit) {
        this.spark = spark;
        this.tracker = tracker;
        this.hasOwnExecutor = hasOwnExecutor;
        this.executorWaitLimit = executorWaitLimit;
        this.batches = new SubmissionBatches(new SubmissionBatches.JobRunner() {
            @Override
            public Map<TaskKey, Object> run(String group, TaskGraph graph, List<TaskKey> outputs) {
                return SparkScheduler.this.run(group, graph, outputs, ExecutionListener.NONE);
            }

            @Override
            public void cancel(String group) {
                spark.cancelJobGroup(group);
            }

            @Override
            public String newGroup() {
                return SparkScheduler.newGroup();
            }
        });
    }

    @Override
    public int parallelism() {
        return Math.max(1, spark.sc().defaultParallelism());
    }

    @Override
    public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        Map<TaskKey, Object> results = run(newGroup(), graph, outputs, listener);
        for (Object value : results.values()) {
            if (value instanceof TaskFailure failure) {
                throw new TaskFailedException(failure.key(), failure.cause());
            }
        }
        return results;
    }

    @Override
    public CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        return batches.submit(graph, outputs);
    }

    static IllegalStateException closedError() {
        return new IllegalStateException("The Spark cluster is closed; start a new one to compute");
    }

    private static String newGroup() {
        return "lazuli-" + RUNS.incrementAndGet();
    }

    /** Runs a graph as one Spark job in job group {@code group}; failed outputs hold their {@link TaskFailure}. */
    private Map<TaskKey, Object> run(String group, TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        return run(group, graph, outputs, listener, results -> {
            Map<TaskKey, Object> collected = new HashMap<>();
            for (Tuple2<TaskKey, Object> result : results.collect()) {
                collected.put(result._1(), result._2());
            }
            Map<TaskKey, Object> ordered = new LinkedHashMap<>();
            for (TaskKey output : outputs) {
                ordered.put(output, collected.get(output));
            }
            return ordered;
        });
    }

    /**
     * Computes the outputs into a cached RDD on the executors (replicated on two when there are two,
     * so losing one executor loses no block) and returns a handle reading them by key. The RDD lives
     * while the handle is reachable here; Spark's cleaner drops it after.
     */
    @Override
    public Optional<ResultStore> persist(TaskGraph graph, List<TaskKey> outputs) {
        SparkResultStore store = run(newGroup(), graph, outputs, ExecutionListener.NONE, results -> {
            boolean replicate = tracker.remoteExecutors().size() >= 2;
            JavaPairRDD<TaskKey, Object> kept = results.persist(replicate ? StorageLevel.MEMORY_AND_DISK_2()
                    : StorageLevel.MEMORY_AND_DISK());
            Map<TaskKey, Integer> partitionOf = new HashMap<>();
            TaskFailure failure = null;
            for (Tuple2<TaskKey, Object> located : kept.mapPartitionsWithIndex(ExecutorSide.locate(), true).collect()) {
                if (located._2() instanceof TaskFailure f) {
                    failure = f;
                } else {
                    partitionOf.put(located._1(), (Integer) located._2());
                }
            }
            if (failure != null) {
                kept.unpersist(false);
                throw new TaskFailedException(failure.key(), failure.cause());
            }
            return new SparkResultStore(kept, partitionOf);
        });
        return Optional.of(store);
    }

    /** Plans a graph as Spark RDDs and hands the outputs' RDD to {@code finish}, inside one job group. */
    private <R> R run(String group, TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener,
                      Function<JavaPairRDD<TaskKey, Object>, R> finish) {
        if (closed || spark.sc().isStopped()) {
            throw closedError();
        }
        List<Task> ordered = graph.cull(outputs).order(outputs);
        if (ordered.isEmpty()) {
            return finish.apply(JavaPairRDD.fromJavaRDD(spark.<Tuple2<TaskKey, Object>>emptyRDD()));
        }
        long startNanos = System.nanoTime();
        GraphPlan plan = GraphPlan.of(ordered, outputs);
        CollectionAccumulator<TaskRun> runs = spark.sc().collectionAccumulator(group + " task runs");
        List<JavaPairRDD<TaskKey, Object>> levels = new ArrayList<>();
        tracker.computationStarted(runs.id(), ordered, listener);
        spark.setJobGroup(group, describe(ordered), true);
        AtomicReference<String> starved = new AtomicReference<>();
        ScheduledFuture<?> watch = watchForNoExecutors(group, starved);
        try {
            Map<Integer, Integer> readers = plan.readersOfLevels(outputs);
            for (int level = 0; level < plan.levels().size(); level++) {
                JavaPairRDD<TaskKey, Object> levelRdd = levelResults(plan, level, levels, runs).setName(group + " level " + level);
                if (readers.getOrDefault(level, 0) > 1) {
                    // read twice: cache it rather than compute it twice (one reader needs no cache: its shuffle keeps the data)
                    levelRdd = levelRdd.persist(StorageLevel.MEMORY_AND_DISK());
                }
                levels.add(levelRdd);
            }
            List<JavaPairRDD<TaskKey, Object>> wanted = new ArrayList<>();
            plan.outputsByLevel(outputs).forEach((level, keys) -> wanted.add(levels.get(level).filter(r -> keys.contains(r._1()))));
            @SuppressWarnings({"unchecked", "rawtypes"})
            JavaPairRDD<TaskKey, Object>[] parts = wanted.toArray(new JavaPairRDD[0]);
            return finish.apply((parts.length == 1 ? parts[0] : spark.union(parts)).setName(group + " outputs"));
        } catch (TaskFailedException e) {
            throw e;
        } catch (Exception e) {       // Spark's own exceptions are checked ones Scala throws undeclared
            if (starved.get() != null) {
                throw new IllegalStateException(starved.get(), e);
            }
            if (closed || spark.sc().isStopped()) {
                throw new IllegalStateException("The Spark cluster closed while computing " + describe(ordered), e);
            }
            String notSerializable = notSerializable(e);
            if (notSerializable != null) {
                throw new IllegalArgumentException(unserializableTask(ordered).map(key -> "Task " + key + " captures")
                        .orElse("A task of " + describe(ordered) + " returns") + " a value that cannot be serialized ("
                        + notSerializable + "): Spark sends tasks and results between JVMs, so functions may capture"
                        + " only serializable values and must return serializable results", e);
            }
            throw new IllegalStateException("Spark could not run " + describe(ordered) + ": " + e.getMessage(), e);
        } finally {
            watch.cancel(false);
            spark.clearJobGroup();
            int tasksRun = runs.value().size();      // a copy of the accumulated list: read once
            tracker.computationFinished(runs.id(), tasksRun, 2000);
            try {
                listener.computationFinished(new ExecutionStats(ordered.size(), tasksRun, 0,
                        System.nanoTime() - startNanos));
            } catch (Throwable ignored) {
                // a listener's failure (an Error too) never fails or stalls the computation it watches
            }
            if (!spark.sc().isStopped()) {
                levels.stream().filter(rdd -> rdd.getStorageLevel().useMemory()).forEach(rdd -> rdd.unpersist(false));
            }
        }
    }

    /** One level's (key, result) pairs: leaves run where they are; other units first meet their inputs in a shuffle. */
    private JavaPairRDD<TaskKey, Object> levelResults(GraphPlan plan, int level, List<JavaPairRDD<TaskKey, Object>> earlier,
                                                      CollectionAccumulator<TaskRun> runs) {
        List<GraphPlan.Unit> units = plan.levels().get(level);
        int partitions = Math.min(units.size(), Math.max(MIN_PARTITIONS, PARTITIONS_PER_CORE * parallelism()));
        if (level == 0) {
            return spark.parallelize(units, partitions).mapPartitionsToPair(ExecutorSide.runLeaves(runs));
        }
        Map<TaskKey, List<GraphPlan.Slot>> consumers = plan.consumersOf(level);
        List<JavaPairRDD<TaskKey, ExecutorSide.Input>> parts = new ArrayList<>();
        parts.add(spark.parallelize(units, partitions).mapToPair(ExecutorSide.keyed()));
        for (int producer : plan.producerLevels(level)) {
            parts.add(earlier.get(producer).flatMapToPair(ExecutorSide.route(consumers)));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        JavaPairRDD<TaskKey, ExecutorSide.Input>[] array = parts.toArray(new JavaPairRDD[0]);
        return spark.union(array).groupByKey(new HashPartitioner(partitions))
                .mapPartitionsToPair(ExecutorSide.runGrouped(runs));
    }

    /**
     * Cancels the job if the application has had no executor for the whole wait limit: a cluster that
     * cannot start one (more memory or cores asked than any worker has) would otherwise leave it
     * waiting forever. Adaptive scaling from zero still gets its executors well within the limit.
     */
    private ScheduledFuture<?> watchForNoExecutors(String group,
                                                                         AtomicReference<String> starved) {
        long checkMillis = Math.max(100, Math.min(5000, executorWaitLimit.toMillis() / 10));
        long[] lastSeen = {System.nanoTime()};
        return watchdog.scheduleWithFixedDelay(() -> {
            if (hasOwnExecutor || !tracker.remoteExecutors().isEmpty()) {
                lastSeen[0] = System.nanoTime();
            } else if (System.nanoTime() - lastSeen[0] > executorWaitLimit.toNanos() && starved.get() == null) {
                starved.set("No executor joined this Spark application in " + executorWaitLimit.toSeconds()
                        + " s, so its job cannot run: the cluster manager cannot start an executor with "
                        + spark.getConf().get("spark.executor.cores", "1") + " cores and "
                        + spark.getConf().get("spark.executor.memory", "1g") + " of memory (is any worker that large,"
                        + " and free?). Ask for less with workerCores/workerMemory, or check the master's UI");
                spark.cancelJobGroup(group);
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** The first task that cannot be serialized (looked for only after Spark failed to serialize something). */
    private static Optional<TaskKey> unserializableTask(List<Task> tasks) {
        for (Task task : tasks) {
            try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
                out.writeObject(task);
            } catch (IOException e) {
                return Optional.of(task.key());
            }
        }
        return Optional.empty();
    }

    /** The class Java serialization refused, if that is why Spark failed (Spark often keeps only the text of the cause). */
    private static String notSerializable(Throwable error) {
        Pattern named = Pattern.compile(
                "(?:NotSerializableException: |not serializable result: )([\\w.$]+)");
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof NotSerializableException n) {
                return n.getMessage();
            }
            Matcher m = named.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** "400 tasks: random-mean-chunk 400, …" for Spark's UI and errors. */
    private static String describe(List<Task> tasks) {
        Map<String, Long> byPrefix = tasks.stream().collect(Collectors.groupingBy(t -> t.key().prefix(),
                LinkedHashMap::new, Collectors.counting()));
        String prefixes = byPrefix.entrySet().stream().limit(4).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return tasks.size() + " Lazuli tasks (" + prefixes + (byPrefix.size() > 4 ? ", …" : "") + ")";
    }

    @Override
    public void close() {
        closed = true;
        batches.close();
        watchdog.shutdownNow();
    }
}
