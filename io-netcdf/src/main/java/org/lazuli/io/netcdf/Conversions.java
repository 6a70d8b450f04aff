package org.lazuli.io.netcdf;

import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.SynchronousScheduler;

/** Small conversions between NetCDF-Java's arrays and ours. */
final class Conversions {
    private Conversions() {
    }

    static long[] unsignedInts(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] & 0xFFFFFFFFL;
        }
        return out;
    }

    static int[] unsignedShorts(short[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] & 0xFFFF;
        }
        return out;
    }

    /** The block with one axis reversed. */
    static DenseArray reverse(DenseArray block, int axis) {
        long[] shape = block.shape();
        long[] chunks = shape.clone();
        for (int k = 0; k < chunks.length; k++) {
            chunks[k] = Math.max(chunks[k], 1);
        }
        return ChunkedArray.fromDense(block, chunks).slice(axis, Long.MAX_VALUE, Long.MIN_VALUE, -1)
                .compute(SynchronousScheduler.instance());
    }
}
