package org.lazuli.exec;

import org.lazuli.graph.TaskKey;

/**
 * A task raised an exception, so the computation needing it failed. Carries the task's key; the
 * original exception is the cause.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaskKey key;

    public TaskFailedException(TaskKey key, Throwable cause) {
        super("Task " + key + " failed: " + cause, cause);
        this.key = key;
    }

    /** The key of the task that raised. */
    public TaskKey key() {
        return key;
    }
}
