package org.lazuli.cluster;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lazuli.exec.Scheduler;

/**
 * Compute resources a {@link Client} connects to: a {@link LocalCluster} of threads, or (module spark)
 * a Spark application. Closing a cluster stops everything it started.
 */
public interface Cluster extends AutoCloseable {

    /** A short name for reprs: "lazuli-cluster-1", a Spark application's id … */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The scheduler computations run on while a client of this cluster is open. */
    Scheduler scheduler();

    /** The workers, as they are now. */
    List<WorkerInfo> workers();

    /** Changes the number of workers. */
    void scale(int workers);

    /** The dashboard's address, if a dashboard runs. */
    Optional<URI> dashboardLink();

    /** Other pages about this cluster by name, such as Spark's UI; shown beside the dashboard. */
    default Map<String, URI> links() {
        return Map.of();
    }

    /** The cluster's events. */
    EventStream events();

    /** Drops results the cluster holds (scattered data), keeping the workers. */
    void restart();

    /** A dump of what the cluster is doing: tasks by state, what waiting tasks wait for, memory per worker. */
    String dumpState();

    /** The latest task failures (key and cause), newest first. */
    default List<String> recentErrors() {
        return List.of();
    }

    /**
     * Results held now (in memory or spilled), counted by task key prefix: what a progress bar shows
     * as "in memory". Empty where the cluster does not track them.
     */
    default Map<String, Long> heldByPrefix() {
        return Map.of();
    }

    /** Tasks waiting for a thread or for their inputs now: what adaptive scaling watches. */
    default int tasksWaitingNow() {
        return 0;
    }

    /**
     * Keeps {@code value} on the cluster under {@code name} (dask's {@code publish_dataset}): persisted
     * arrays it reads stay while it is published, for any client of the cluster, including clients of
     * other JVMs where the cluster is reached from several (a gateway's clusters). Replaces nothing:
     * a name already taken is refused.
     */
    default void publish(String name, Object value) {
        throw new UnsupportedOperationException(name() + " keeps no published values; publish on a LocalCluster"
                + " or on a gateway's cluster");
    }

    /** The value published as {@code name}; an {@link IllegalArgumentException} lists the names there are. */
    default Object published(String name) {
        throw new UnsupportedOperationException(name() + " keeps no published values");
    }

    /** The names published on this cluster, sorted. */
    default List<String> publishedNames() {
        return List.of();
    }

    /** Stops publishing {@code name}: what only it kept alive may be released. */
    default void unpublish(String name) {
        throw new UnsupportedOperationException(name() + " keeps no published values");
    }

    /** Tasks running now. */
    default int tasksProcessingNow() {
        return workers().stream().mapToInt(WorkerInfo::processing).sum();
    }

    /** Tasks this cluster has finished since it started: by default, what its workers report. */
    default long tasksDoneNow() {
        return workers().stream().mapToLong(WorkerInfo::done).sum();
    }

    /**
     * The fractions of a worker's memory limit past which it spills results and pauses, for clusters
     * that manage memory so (dask's {@code distributed.worker.memory.target} and {@code .pause}).
     */
    default Optional<MemoryThresholds> memoryThresholds() {
        return Optional.empty();
    }

    /**
     * @param spill past this fraction of its memory limit a worker spills results to disk
     * @param pause past this fraction it stops starting tasks
     */
    record MemoryThresholds(double spill, double pause) {
    }

    @Override
    void close();

    /**
     * One worker as it is now.
     *
     * @param name           the worker's name
     * @param threads        threads running tasks
     * @param memoryLimit    bytes it may hold
     * @param memoryInUse    bytes of results it holds in memory
     * @param spilledBytes   bytes of results it holds on disk
     * @param processing     tasks running now
     * @param done           tasks it has finished
     * @param cpuNanos       CPU time its threads have used since it started, in nanoseconds; -1 where the
     *                       cluster cannot tell
     */
    record WorkerInfo(String name, int threads, long memoryLimit, long memoryInUse, long spilledBytes, int processing,
                      long done, long cpuNanos) {

        /** A worker whose CPU time is not known. */
        public WorkerInfo(String name, int threads, long memoryLimit, long memoryInUse, long spilledBytes, int processing,
                          long done) {
            this(name, threads, memoryLimit, memoryInUse, spilledBytes, processing, done, -1);
        }
    }
}
