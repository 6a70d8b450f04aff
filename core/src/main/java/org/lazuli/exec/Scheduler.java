package org.lazuli.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs a task graph and returns the results of the requested outputs. Knows tasks only, never
 * arrays or labels.
 *
 * <p>A task that throws fails the call with a {@link TaskFailedException} naming the task; the
 * scheduler stays usable for later calls. Implementations are thread-safe: several threads may
 * compute at once.
 */
public interface Scheduler {

    /** Runs what {@code outputs} need and returns their results by key, in the order asked. */
    default Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs) {
        return execute(graph, outputs, ExecutionListener.NONE);
    }

    /** As {@link #execute(TaskGraph, List)}, reporting events to {@code listener}. */
    Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener);

    /**
     * Starts a graph without waiting; the future holds the outputs' results or the failure. By
     * default one helper thread per call; schedulers with a costly start per call (Spark) batch.
     */
    default CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        return CompletableFuture.supplyAsync(() -> execute(graph, outputs));
    }

    /**
     * Computes the outputs and keeps their results on the cluster, or returns empty when this
     * scheduler keeps nothing itself (then callers hold the results, as {@code persist()} does
     * locally). Failures raise as in {@link #execute(TaskGraph, List)}.
     */
    default Optional<ResultStore> persist(TaskGraph graph, List<TaskKey> outputs) {
        return Optional.empty();
    }

    /** Threads this scheduler runs tasks on at most. */
    int parallelism();
}
