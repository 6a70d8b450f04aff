package org.lazuli.cluster;

import org.lazuli.text.ByteSizes;
import org.lazuli.graph.TaskKey;

/** A single task result is larger than a worker's memory limit: the computation cannot fit, whatever is spilled. */
public class MemoryLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaskKey key;
    private final long bytes;
    private final long limit;

    public MemoryLimitExceededException(TaskKey key, long bytes, long limit) {
        super("Task " + key + " produced " + ByteSizes.format(bytes) + ", more than the worker memory"
                + " limit of " + ByteSizes.format(limit) + "; use smaller chunks or a larger memoryLimit");
        this.key = key;
        this.bytes = bytes;
        this.limit = limit;
    }

    public TaskKey key() {
        return key;
    }

    public long bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
