package org.lazuli.io.zarr;

import java.util.Arrays;
import org.lazuli.array.ArraySource;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * The linear numbers of a block grid (one element per block, row-major): beside the data in a
 * blockwise write, it tells each task which block it holds.
 */
record BlockIndex(long[] grid) implements ArraySource {

    @Override
    public long[] shape() {
        return grid.clone();
    }

    @Override
    public DType dtype() {
        return DType.INT64;
    }

    @Override
    public String token() {
        return "block-index-" + Arrays.toString(grid);
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        int n = 1;
        for (long c : count) {
            n *= (int) c;
        }
        long[] out = new long[n];
        int nd = grid.length;
        long[] index = new long[nd];
        for (int i = 0; i < n; i++) {
            long linear = 0;
            for (int k = 0; k < nd; k++) {
                linear = linear * grid[k] + start[k] + index[k] * step[k];
            }
            out[i] = linear;
            for (int k = nd - 1; k >= 0 && ++index[k] == count[k]; k--) {
                index[k] = 0;
            }
        }
        return DenseArray.of(out, count);
    }

    @Override
    public String label() {
        return "block-index";
    }
}
