package org.lazuli.gateway;

import java.io.Serializable;
import java.util.List;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskKey;

/** A graph a client sends its cluster to run (or persist): the tasks and the outputs wanted. */
record GraphRequest(List<Task> tasks, List<TaskKey> outputs) implements Serializable {

    /** The reply when the graph failed: the failure, or its text where it does not serialize. */
    record Failure(Throwable error) implements Serializable {
    }
}
