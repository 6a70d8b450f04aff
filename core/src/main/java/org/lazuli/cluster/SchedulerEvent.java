package org.lazuli.cluster;

import org.lazuli.graph.TaskKey;

/**
 * Something that happened on a cluster, for dashboards, progress bars and performance reports.
 *
 * @param type        what happened
 * @param key         the task, or null for worker events
 * @param worker      the worker's name
 * @param thread      the thread's name
 * @param startNanos  when the task started (System.nanoTime), or when the event happened
 * @param stopNanos   when it ended (equals start for instantaneous events)
 * @param bytes       the result's size, the bytes spilled, or (SUBMITTED) the computation's number of tasks
 * @param error       the failure, or null
 */
public record SchedulerEvent(Type type, TaskKey key, String worker, String thread, long startNanos, long stopNanos,
                             long bytes, String error, Submitted submitted) {
    /** The old shape, without a submission's detail. */
    public SchedulerEvent(Type type, TaskKey key, String worker, String thread, long startNanos, long stopNanos,
                          long bytes, String error) {
        this(type, key, worker, thread, startNanos, stopNanos, bytes, error, null);
    }

    /**
     * What a SUBMITTED computation holds: tasks per key prefix, and its dependency edges by prefix
     * (bounded: enough to draw the graph, whatever its size).
     *
     * @param tasksByPrefix number of tasks of each prefix
     * @param prefixEdges   "a -> b" prefix pairs with the number of task edges between them
     * @param keys          every task's key and its dependencies' keys, when the graph is small (else empty)
     */
    public record Submitted(java.util.Map<String, Integer> tasksByPrefix, java.util.Map<String, Integer> prefixEdges,
                            java.util.Map<TaskKey, java.util.List<TaskKey>> keys) {
    }

    /**
     * Kinds of events. A computation's submission is one SUBMITTED event; each task then gives one
     * FINISHED (with its start and stop times) or FAILED event. Running tasks are read from the
     * workers ({@link Cluster#workers()}), which keeps the stream cheap.
     */
    public enum Type { SUBMITTED, FINISHED, FAILED, SPILLED, UNSPILLED, PAUSED, RESUMED }

    public double seconds() {
        return (stopNanos - startNanos) / 1e9;
    }
}
