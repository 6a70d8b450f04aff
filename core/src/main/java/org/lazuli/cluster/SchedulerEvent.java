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
                             long bytes, String error) {
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
