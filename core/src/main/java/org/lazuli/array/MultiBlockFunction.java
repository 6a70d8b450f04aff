package org.lazuli.array;

import java.io.Serializable;
import java.util.List;

/** A function of the corresponding blocks of several arrays (see {@link ChunkedArray#mapBlocks(MultiBlockFunction, DType, ChunkedArray...)}). */
@FunctionalInterface
public interface MultiBlockFunction extends Serializable {
    DenseArray apply(List<DenseArray> blocks);
}
