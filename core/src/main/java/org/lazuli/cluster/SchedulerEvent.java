package org.lazuli.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskKey;

/**
 * Something that happened on a cluster, for dashboards, progress bars and performance reports: one record
 * per kind, each with the fields that kind has. A computation's submission is one {@link Submitted};
 * each task then gives one {@link TaskFinished} or {@link TaskFailed}. Running tasks are read from the
 * workers ({@link Cluster#workers()}), which keeps the stream cheap.
 */
public sealed interface SchedulerEvent {
    /** When it happened (System.nanoTime); for work on a thread, when the work ended. */
    long nanos();

    /** Work on a worker's thread, from its start to its end: a task run or failed, a result spilled or read back. */
    sealed interface OnThread extends SchedulerEvent permits TaskFinished, TaskFailed, Spilled, Unspilled {
        /** The task (whose result it was, for a spill). */
        TaskKey key();

        String worker();

        String thread();

        long startNanos();

        long stopNanos();

        @Override
        default long nanos() {
            return stopNanos();
        }

        default double seconds() {
            return (stopNanos() - startNanos()) / 1e9;
        }
    }

    /**
     * A computation was submitted.
     *
     * @param lastKey   its last task's key (the one the others lead to)
     * @param taskCount how many tasks it has
     * @param graph     its shape, worked out when first read
     */
    record Submitted(TaskKey lastKey, long nanos, int taskCount, GraphShape graph) implements SchedulerEvent {
    }

    /** A task ran; its result, of {@code resultBytes}, is held by {@code worker}. */
    record TaskFinished(TaskKey key, String worker, String thread, long startNanos, long stopNanos, long resultBytes)
            implements OnThread {
    }

    /** A task failed, and with it its computation. */
    record TaskFailed(TaskKey key, String worker, String thread, long startNanos, long stopNanos, String error)
            implements OnThread {
    }

    /** A held result of {@code bytes} was written to disk to free memory. */
    record Spilled(TaskKey key, String worker, String thread, long startNanos, long stopNanos, long bytes)
            implements OnThread {
    }

    /** A spilled result of {@code bytes} was read back for a task that needs it. */
    record Unspilled(TaskKey key, String worker, String thread, long startNanos, long stopNanos, long bytes)
            implements OnThread {
    }

    /** A worker past its pause fraction stopped starting tasks; it held {@code bytesInMemory}. */
    record Paused(String worker, long nanos, long bytesInMemory) implements SchedulerEvent {
    }

    /** A paused worker (since {@code pausedNanos}) starts tasks again, holding {@code bytesInMemory}. */
    record Resumed(String worker, long pausedNanos, long nanos, long bytesInMemory) implements SchedulerEvent {
    }

    /**
     * A computation made no progress for the stall timeout.
     *
     * @param lastKey    the latest task to finish, or null
     * @param sinceNanos when a task last started or finished
     * @param state      the report: what is running and waiting (the cluster's state dump)
     */
    record Stalled(TaskKey lastKey, long sinceNanos, long nanos, String state) implements SchedulerEvent {
    }

    /**
     * What a submitted computation holds: tasks per key prefix, and its dependency edges by prefix
     * (bounded: enough to draw the graph, whatever its size). Made from the task list on first
     * use, on the observer's thread, so submitting a computation costs only a list copy.
     */
    final class GraphShape {
        private final List<Task> tasks;
        private Map<String, Integer> tasksByPrefix;
        private Map<String, Integer> prefixEdges;
        private Map<TaskKey, List<TaskKey>> keys;

        /**
         * @param tasksByPrefix number of tasks of each prefix
         * @param prefixEdges   "a -> b" prefix pairs with the number of task edges between them
         * @param keys          every task's key and its dependencies' keys, when the graph is small (else empty)
         */
        public GraphShape(Map<String, Integer> tasksByPrefix, Map<String, Integer> prefixEdges,
                         Map<TaskKey, List<TaskKey>> keys) {
            this.tasks = null;
            this.tasksByPrefix = tasksByPrefix;
            this.prefixEdges = prefixEdges;
            this.keys = keys;
        }

        private GraphShape(List<Task> tasks) {
            this.tasks = tasks;
        }

        /** The shape of a computation's tasks (every key when there are at most 2,000), worked out when first read. */
        public static GraphShape of(List<Task> tasks) {
            return new GraphShape(List.copyOf(tasks));
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
            return "GraphShape" + tasksByPrefix();
        }
    }
}
