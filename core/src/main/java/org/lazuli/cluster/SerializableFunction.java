package org.lazuli.cluster;

import java.io.Serializable;
import java.util.function.Function;

/** A task of one input; serializable so the same task can run on another JVM. A lambda is accepted as is. */
@FunctionalInterface
public interface SerializableFunction<A, R> extends Function<A, R>, Serializable {
}
