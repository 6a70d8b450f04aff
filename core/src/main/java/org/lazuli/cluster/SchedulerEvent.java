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
 * @param bytes       the result's size, or the bytes spilled
 * @param error       the failure, or null
 */
public record SchedulerEvent(Type type, TaskKey key, String worker, String thread, long startNanos, long stopNanos,
                             long bytes, String error) {
    /** Kinds of events. */
    public enum Type { SUBMITTED, STARTED, FINISHED, FAILED, SPILLED, UNSPILLED, PAUSED, RESUMED }

    public double seconds() {
        return (stopNanos - startNanos) / 1e9;
    }
}
