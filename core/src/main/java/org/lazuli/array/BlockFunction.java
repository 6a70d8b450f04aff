package org.lazuli.array;

import java.io.Serializable;

/**
 * A function applied to every block of a chunked array by {@link ChunkedArray#mapBlocks}. Serializable
 * so that it can run on other JVMs; a lambda is accepted as is. It must return a new array (never
 * modify its input) whose shape is the block's shape.
 */
@FunctionalInterface
public interface BlockFunction extends Serializable {
    DenseArray apply(DenseArray block);
}
