package org.lazuli.labelled;

import java.io.Serializable;
import java.util.List;
import org.lazuli.array.DenseArray;

/**
 * A function for {@code Lazuli.applyUfunc}: one block of each argument in, one block out. Each argument's
 * core dimensions come last, in the order given; the result's trailing dimensions are the output core
 * dimensions. Serializable, so that it runs on a cluster's workers and Spark's executors.
 */
@FunctionalInterface
public interface Ufunc extends Serializable {
    DenseArray apply(List<DenseArray> arguments);
}
