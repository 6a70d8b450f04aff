package org.lazuli.exec;

import java.io.Serializable;
import org.lazuli.graph.TaskKey;

/**
 * Task results a cluster keeps where they were computed (dask's persisted futures; Spark's cached
 * RDD partitions), readable by key from any JVM of that cluster: the driver, or a task on a worker.
 * A serializable handle; the results stay while the handle is reachable in the JVM that made it.
 */
public interface ResultStore extends Serializable {

    /** The result of {@code key}, fetched from wherever the cluster keeps it. */
    Object get(TaskKey key);
}
