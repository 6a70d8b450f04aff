package org.lazuli.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * (bounded: enough to draw the graph, whatever its size). Made from the task list on first
     * use, on the observer's thread, so submitting a computation costs only a list copy.
     */
    public static final class Submitted {
        private final List<Task> tasks;
        private Map<String, Integer> tasksByPrefix;
        private Map<String, Integer> prefixEdges;
        private Map<TaskKey, List<TaskKey>> keys;

        /**
         * @param tasksByPrefix number of tasks of each prefix
         * @param prefixEdges   "a -> b" prefix pairs with the number of task edges between them
         * @param keys          every task's key and its dependencies' keys, when the graph is small (else empty)
         */
        public Submitted(Map<String, Integer> tasksByPrefix, Map<String, Integer> prefixEdges,
                         Map<TaskKey, List<TaskKey>> keys) {
            this.tasks = null;
            this.tasksByPrefix = tasksByPrefix;
            this.prefixEdges = prefixEdges;
            this.keys = keys;
        }

        private Submitted(List<Task> tasks) {
            this.tasks = tasks;
        }

        /** The shape of a computation's tasks (every key when there are at most 2,000), worked out when first read. */
        public static Submitted of(List<Task> tasks) {
            return new Submitted(List.copyOf(tasks));
        }

        public synchronized Map<String, Integer> tasksByPrefix() {
            summarize();
            return tasksByPrefix;
        }

        public synchronized Map<String, Integer> prefixEdges() {
            summarize();
            return prefixEdges;
        }

        public synchronized Map<TaskKey, List<TaskKey>> keys() {
            summarize();
            return keys;
        }

        /** Counts by key name first (blocks of one expression share one name), then by prefix: a few map lookups per task. */
        private void summarize() {
            if (tasksByPrefix != null) {
                return;
            }
            Map<String, int[]> byName = new LinkedHashMap<>();
            Map<String, Map<String, int[]>> namePairs = new LinkedHashMap<>();
            Map<TaskKey, List<TaskKey>> all = new LinkedHashMap<>();
            boolean small = tasks.size() <= 2000;
            String lastName = null;
            int[] lastCount = null;
            Map<String, int[]> lastInto = null;
            String lastDepName = null;
            int[] lastEdgeCount = null;
            for (Task t : tasks) {
                String name = t.key().name();
                if (!name.equals(lastName)) {          // neighbours mostly share names: one lookup per run of them
                    lastName = name;
                    lastCount = byName.computeIfAbsent(name, n -> new int[1]);
                    lastInto = null;
                    lastDepName = null;
                }
                lastCount[0]++;
                for (TaskKey dep : t.dependencies()) {
                    if (!dep.name().equals(lastDepName)) {
                        if (lastInto == null) {
                            lastInto = namePairs.computeIfAbsent(name, n -> new LinkedHashMap<>());
                        }
                        lastDepName = dep.name();
                        lastEdgeCount = lastInto.computeIfAbsent(lastDepName, n -> new int[1]);
                    }
                    lastEdgeCount[0]++;
                }
                if (small) {
                    all.put(t.key(), t.dependencies());
                }
            }
            Map<String, Integer> prefixes = new LinkedHashMap<>();
            byName.forEach((name, n) -> prefixes.merge(TaskKey.of(name).prefix(), n[0], Integer::sum));
            Map<String, Integer> edges = new LinkedHashMap<>();
            namePairs.forEach((to, froms) -> froms.forEach((from, n) -> edges.merge(TaskKey.of(from).prefix() + " -> "
                    + TaskKey.of(to).prefix(), n[0], Integer::sum)));
            tasksByPrefix = Collections.unmodifiableMap(prefixes);
            prefixEdges = Collections.unmodifiableMap(edges);
            keys = Collections.unmodifiableMap(all);
        }

        @Override
        public String toString() {
            return "Submitted" + tasksByPrefix();
        }
    }

    /**
     * Kinds of events. A computation's submission is one SUBMITTED event; each task then gives one
     * FINISHED (with its start and stop times) or FAILED event. Running tasks are read from the
     * workers ({@link Cluster#workers()}), which keeps the stream cheap. {@code STALLED}: a computation made
     * no progress for the stall timeout (its error is the state dump).
     */
    public enum Type { SUBMITTED, FINISHED, FAILED, SPILLED, UNSPILLED, PAUSED, RESUMED, STALLED }

    public double seconds() {
        return (stopNanos - startNanos) / 1e9;
    }
}
