package org.lazuli.graph;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of work: a key, the keys of the results it needs, and the function computing its result
 * from them. Immutable and serializable.
 *
 * @param key          the name of this task's result
 * @param dependencies the results it reads, in the order the function receives them
 * @param function     computes the result; must not capture clients, pools or open files
 */
public record Task(TaskKey key, List<TaskKey> dependencies, TaskFunction function) implements Serializable {
    public Task {
        if (key == null || function == null) {
            throw new IllegalArgumentException("A task needs a key and a function");
        }
        dependencies = List.copyOf(dependencies);
    }

    public static Task of(TaskKey key, TaskFunction function, TaskKey... dependencies) {
        return new Task(key, List.of(dependencies), function);
    }

    @Override
    public String toString() {
        return "Task" + key + " <- " + dependencies;
    }
}
