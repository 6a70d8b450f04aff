package org.lazuli.cluster;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A task without inputs; serializable so the same task can run on another JVM. A lambda is accepted as is. */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {
}
