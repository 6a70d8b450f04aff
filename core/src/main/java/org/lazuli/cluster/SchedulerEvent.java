package org.lazuli.cluster;

import org.lazuli.graph.Task;
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

        /** The shape of a computation's tasks: counts and edges by prefix, and every key when there are at most 2,000. */
        public static Submitted of(java.util.List<Task> tasks) {
            java.util.Map<String, Integer> byPrefix = new java.util.LinkedHashMap<>();
            java.util.Map<String, java.util.Map<String, Integer>> pairs = new java.util.LinkedHashMap<>();
            java.util.Map<TaskKey, java.util.List<TaskKey>> keys = new java.util.LinkedHashMap<>();
            boolean small = tasks.size() <= 2000;
            for (Task t : tasks) {
                String prefix = t.key().prefix();
                byPrefix.merge(prefix, 1, Integer::sum);
                for (TaskKey dep : t.dependencies()) {
                    pairs.computeIfAbsent(prefix, p -> new java.util.LinkedHashMap<>()).merge(dep.prefix(), 1, Integer::sum);
                }
                if (small) {
                    keys.put(t.key(), t.dependencies());
                }
            }
            java.util.Map<String, Integer> edges = new java.util.LinkedHashMap<>();
            pairs.forEach((to, froms) -> froms.forEach((from, n) -> edges.put(from + " -> " + to, n)));
            return new Submitted(byPrefix, edges, keys);
        }
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
