package org.lazuli.graph;

import java.io.Serializable;

/**
 * What a task computes from its inputs' results (given in the order of {@link Task#dependencies()}).
 * Serializable and free of open resources, so the same function can run on another JVM.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {
    Object apply(Object[] inputs) throws Exception;
}
