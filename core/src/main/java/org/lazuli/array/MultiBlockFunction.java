package org.lazuli.array;

import java.io.Serializable;
import java.util.List;

/** A function of the corresponding blocks of several arrays (see {@link ChunkedArray#mapBlocks(MultiBlockFunction, DType, ChunkedArray...)}). */
@FunctionalInterface
public interface MultiBlockFunction extends Serializable {
    DenseArray apply(List<DenseArray> blocks);

    /**
     * Whether the function may keep the blocks it is given (return one, or hold one after it returns).
     * A function that keeps none, such as a writer, lets a block read straight from a source be read
     * inside its task into the thread's reusable storage: no task and no new array per block.
     */
    default boolean keepsBlocks() {
        return true;
    }
}
