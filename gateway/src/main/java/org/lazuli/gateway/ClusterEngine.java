package org.lazuli.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lazuli.cluster.Cluster;

/**
 * What runs one gateway cluster's work inside its process: a {@link LocalEngine} (a {@code
 * LocalCluster}) or a {@link SparkEngine} (a Spark application driven from the process). The process
 * serves clients the same way over either; only scaling and code shipping differ.
 */
sealed interface ClusterEngine extends AutoCloseable permits LocalEngine, SparkEngine {

    /** Starts the engine the record's backend names. */
    static ClusterEngine start(ClusterRecord record) {
        Backend backend = record.backendOrLocal();
        return backend.isLocal() ? new LocalEngine(record) : new SparkEngine(record, backend);
    }

    Cluster cluster();

    /** Sets the number of workers; ends adaptive scaling. */
    void scale(int workers);

    /** Scales with the load between the bounds until {@link #scale} is called. */
    void adapt(int minimum, int maximum);

    /** The adaptive bounds in force, as {@code [minimum, maximum]}. */
    Optional<List<Integer>> adaptBounds();

    /** Called by the process's monitor a few times a second. */
    default void tick(long nowMillis) {
    }

    /** Jars a client shipped, for engines whose workers are other JVMs and must load them too. */
    default void shipped(List<Path> jars) {
    }

    /** Why the engine can no longer run work (its Spark application ended, say), if it cannot. */
    default Optional<String> ended() {
        return Optional.empty();
    }

    /** Threads that run tasks, as clients size their batches: the workers asked for until they have joined. */
    int parallelism();

    @Override
    void close();
}
