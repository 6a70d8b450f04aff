package org.lazuli.graph;

import java.util.List;
import java.util.Map;

/**
 * Something a scheduler can compute: a task graph, the keys it needs, and how to turn their results
 * into the value the user asked for. Chunked arrays and delayed values both lower to one, which is how
 * a client computes either without knowing what they are.
 *
 * @param graph    the tasks
 * @param outputs  the keys whose results are needed
 * @param assemble builds the final value from the outputs' results
 * @param <T>      the value's type
 */
public record Computation<T>(TaskGraph graph, List<TaskKey> outputs, Assembler<T> assemble) {
    public Computation {
        outputs = List.copyOf(outputs);
    }

    /** Builds a value from task results. */
    @FunctionalInterface
    public interface Assembler<T> {
        T apply(Map<TaskKey, Object> results);
    }

    /** Anything that lowers to a computation. */
    @FunctionalInterface
    public interface Source<T> {
        Computation<T> lower();
    }
}
