package org.lazuli.spark;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.lazuli.graph.TaskKey;

/**
 * One graph task's run on an executor, reported to the driver through an accumulator so the
 * dashboard and listeners see graph tasks, not Spark's partitions.
 *
 * @param key         the task
 * @param executor    the executor's id
 * @param slot        which of the executor's task threads ran it (stable per thread)
 * @param startMicros when it started, in microseconds since the epoch (comparable across JVMs)
 * @param nanos       how long it ran
 * @param bytes       its result's size when known, else 0
 * @param error       the failure's text, or null
 */
record TaskRun(TaskKey key, String executor, int slot, long startMicros, long nanos, long bytes, String error)
        implements Serializable {

    /** Now, in microseconds since the epoch: the clock every JVM of a cluster shares. */
    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
