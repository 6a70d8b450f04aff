package org.lazuli.exec;

import org.lazuli.graph.TaskKey;

/**
 * Receives a computation's events as they happen, on the thread that caused them. Implementations
 * must be quick and thread-safe; an exception thrown by a listener is ignored, never fails the work.
 */
public interface ExecutionListener {
    ExecutionListener NONE = new ExecutionListener() {
    };

    /** A task starts on the current thread. */
    default void taskStarted(TaskKey key) {
    }

    /** A task finished; {@code bytes} is its result's size when known, else 0. */
    default void taskFinished(TaskKey key, long startNanos, long stopNanos, long bytes) {
    }

    /** A task raised. */
    default void taskFailed(TaskKey key, Throwable error) {
    }

    /** The computation ended (normally or not). */
    default void computationFinished(ExecutionStats stats) {
    }
}
