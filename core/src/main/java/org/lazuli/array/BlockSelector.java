package org.lazuli.array;

import java.io.Serializable;
import java.util.List;

/**
 * Which input blocks an output block of {@link ChunkedArray#blockwise} needs: for an output block
 * index, the (input number, input block index) pairs, in the order the function receives them.
 * Serializable, like every part of a task.
 */
@FunctionalInterface
public interface BlockSelector extends Serializable {

    /** One input block: which input, and its block index. */
    record Input(int input, int[] block) implements Serializable {
    }

    List<Input> inputsOf(int[] outputBlock);
}
