package org.lazuli.array;

/**
 * Walks an n-d box of elements in row-major order as runs along its last axis, giving for each run
 * the flat position of its first element in some storage and the stride between elements. Used to
 * read regions of sources and broadcast blocks tile by tile.
 */
final class StridedRuns {
    /** Receives one run: output offset (relative to the tile), first flat position, stride, length. */
    @FunctionalInterface
    interface RunConsumer {
        void run(int outOffset, long first, long stride, int length);
    }

    private final long[] shape;
    private final long base;
    private final long[] strides;

    StridedRuns(long[] shape, long base, long[] strides) {
        this.shape = shape;
        this.base = base;
        this.strides = strides;
    }

    /** The region {@code start + i * step} (count elements per axis) of an array of {@code fullShape}. */
    static StridedRuns ofRegion(long[] fullShape, long[] start, long[] step, long[] count) {
        long[] full = Shapes.strides(fullShape);
        long base = 0;
        long[] strides = new long[count.length];
        for (int k = 0; k < count.length; k++) {
            base += start[k] * full[k];
            strides[k] = full[k] * step[k];
        }
        return new StridedRuns(count, base, strides);
    }

    /** Visits the runs covering flat box positions {@code [from, from + len)}. */
    void forRuns(int from, int len, RunConsumer consumer) {
        int nd = shape.length;
        if (len == 0) {
            return;
        }
        if (nd == 0) {
            consumer.run(0, base, 1, 1);
            return;
        }
        long[] idx = new long[nd];
        long rest = from;
        long position = base;
        for (int k = nd - 1; k >= 0; k--) {
            idx[k] = rest % shape[k];
            rest /= shape[k];
            position += idx[k] * strides[k];
        }
        int last = nd - 1;
        int done = 0;
        while (done < len) {
            int run = (int) Math.min(shape[last] - idx[last], len - done);
            consumer.run(done, position, strides[last], run);
            done += run;
            idx[last] += run;
            position += run * strides[last];
            for (int k = last; k > 0 && idx[k] == shape[k]; k--) {
                position -= idx[k] * strides[k];
                idx[k] = 0;
                idx[k - 1]++;
                position += strides[k - 1];
            }
        }
    }
}
