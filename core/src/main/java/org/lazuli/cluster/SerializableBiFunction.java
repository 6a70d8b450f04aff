package org.lazuli.cluster;

import java.io.Serializable;
import java.util.function.BiFunction;

/** A task of two inputs; serializable so the same task can run on another JVM. A lambda is accepted as is. */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {
}
