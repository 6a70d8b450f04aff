package org.lazuli.exec;

import org.lazuli.graph.TaskKey;
import org.lazuli.text.ByteSizes;

/**
 * A task raised an exception, so the computation needing it failed. Carries the task's key; the
 * original exception is the cause.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaskKey key;

    public TaskFailedException(TaskKey key, Throwable cause) {
        super(message(key, cause), cause);
        this.key = key;
    }

    /** What failed; for a task that ran out of heap, also what the heap is and what to do. */
    private static String message(TaskKey key, Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            return "Task " + key + " ran out of Java heap (" + cause.getMessage() + "; this JVM's maximum heap is "
                    + ByteSizes.format(Runtime.getRuntime().maxMemory()) + "): the blocks it and the tasks running"
                    + " beside it hold do not fit; give the JVM a larger heap (-Xmx), use smaller chunks, or compute"
                    + " on a LocalCluster with a memoryLimit, whose workers spill results to disk";
        }
        return "Task " + key + " failed: " + cause;
    }

    /** The key of the task that raised. */
    public TaskKey key() {
        return key;
    }
}
