package org.lazuli.array;

import java.lang.ref.SoftReference;
import java.lang.reflect.Array;

/**
 * One reusable block of storage per thread, for reads whose block never leaves the task that reads it
 * (a reduction consuming its input where it lies): a climatology of 19 MB blocks then allocates, and
 * collects, none per task. Softly held, so a heap under pressure takes it back.
 */
final class ScratchBlocks {
    private static final ThreadLocal<SoftReference<Object>> BLOCK = new ThreadLocal<>();

    private ScratchBlocks() {
    }

    /** This thread's storage of {@code n} elements of {@code dtype}'s type, reused when the last one fits exactly. */
    static Object get(DType dtype, int n) {
        SoftReference<Object> kept = BLOCK.get();
        Object block = kept == null ? null : kept.get();
        Object empty = DenseArray.allocate(dtype, 0);
        if (block == null || block.getClass() != empty.getClass() || Array.getLength(block) != n) {
            block = DenseArray.allocate(dtype, n);
            BLOCK.set(new SoftReference<>(block));
        }
        return block;
    }
}
