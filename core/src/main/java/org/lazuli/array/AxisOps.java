package org.lazuli.array;

import java.util.ArrayList;
import java.util.List;

/**
 * Operations along one axis that cross block edges, built from slices, concatenations and per-block
 * kernels so that they stay lazy: shift, roll, n-th differences and cumulative sums and products.
 * Results keep the input's blocks.
 */
final class AxisOps {
    private AxisOps() {
    }

    /** Moves values {@code n} places along the axis (forward for n > 0), filling the vacated places. */
    static ChunkedArray shift(ChunkedArray a, int axis, long n, double fill) {
        long length = a.shape()[axis];
        // a fill integers cannot hold (NaN, 0.5, infinity) makes the result float64, as xarray promotes
        DType dtype = a.dtype().isFloat() || Double.isFinite(fill) && fill == Math.rint(fill) ? a.dtype() : DType.FLOAT64;
        ChunkedArray typed = a.astype(dtype);
        long moved = Math.min(Math.abs(n), length);
        if (moved == 0) {
            return typed;
        }
        long[] fillShape = a.shape().clone();
        fillShape[axis] = moved;
        long[] fillChunks = fillShape.clone();
        ChunkedArray filled = ChunkedArray.full(fillShape, fill, ChunkSpec.of(fillChunks), dtype);
        List<ChunkedArray> parts = n > 0
                ? List.of(filled, typed.slice(axis, 0, length - moved))
                : List.of(typed.slice(axis, moved, length), filled);
        return ChunkedArray.concatenate(parts.stream().filter(p -> p.shape()[axis] > 0).toList(), axis)
                .rechunk(a.chunks().sizes());
    }

    /** Rotates values {@code n} places along the axis: those shifted past the end come round to the start. */
    static ChunkedArray roll(ChunkedArray a, int axis, long n) {
        long length = a.shape()[axis];
        if (length == 0) {
            return a;
        }
        long k = Math.floorMod(n, length);
        if (k == 0) {
            return a;
        }
        return ChunkedArray.concatenate(List.of(a.slice(axis, length - k, length), a.slice(axis, 0, length - k)), axis)
                .rechunk(a.chunks().sizes());
    }

    /** The n-th discrete difference along the axis: {@code out[i] = a[i + 1] - a[i]}, n times. */
    static ChunkedArray diff(ChunkedArray a, int axis, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("diff needs a non-negative order n, got " + n);
        }
        ChunkedArray result = a;
        for (int i = 0; i < n; i++) {
            long length = result.shape()[axis];
            if (length == 0) {
                return result;
            }
            result = result.slice(axis, 1, length).subtract(result.slice(axis, 0, length - 1));
        }
        return result;
    }

    /**
     * Cumulative sum or product along the axis. Each block is scanned on its own; the carry into block
     * j is the combination of the last values of the scans before it, added (multiplied) in lazily.
     * With {@code skipNa}, NaN counts as 0 (1 for products), as {@code np.nancumsum}.
     */
    static ChunkedArray cumulative(ChunkedArray a, int axis, boolean product, boolean skipNa) {
        ChunkedArray input = a;
        if (a.dtype().isBool()) {
            input = a.astype(DType.INT64);   // NumPy sums booleans as integers
        } else if (a.dtype().isInteger() && a.dtype() != DType.INT64) {
            input = a.astype(DType.INT64);   // NumPy's cumsum of smaller integers is int64 on this platform
        }
        if (skipNa && input.dtype().isFloat()) {
            input = ChunkedArray.where(input.isnan(), product ? 1.0 : 0.0, input);
        }
        int nd = input.shape().length;
        ChunkedArray scanned = input.mapBlocks(block -> scan(block, axis, nd, product), input.dtype());
        long[] edges = input.chunks().sizes(axis);
        if (edges.length <= 1) {
            return scanned;
        }
        // the last scanned value of every block, scanned again in one small block: the carry into each block
        List<ChunkedArray> lasts = new ArrayList<>();
        long end = 0;
        for (long size : edges) {
            end += size;
            lasts.add(scanned.slice(axis, end - 1, end));
        }
        long[][] oneBlock = input.chunks().sizes().clone();
        oneBlock[axis] = new long[] {edges.length};
        ChunkedArray carries = ChunkedArray.concatenate(lasts, axis).rechunk(oneBlock)
                .mapBlocks(block -> scan(block, axis, nd, product), input.dtype());
        List<ChunkedArray> pieces = new ArrayList<>();
        long start = 0;
        for (int j = 0; j < edges.length; j++) {
            ChunkedArray piece = scanned.slice(axis, start, start + edges[j]);
            if (j > 0) {
                ChunkedArray carry = carries.slice(axis, j - 1, j);
                piece = product ? piece.multiply(carry) : piece.add(carry);
            }
            pieces.add(piece);
            start += edges[j];
        }
        return ChunkedArray.concatenate(pieces, axis).rechunk(input.chunks().sizes());
    }

    /** The cumulative sum or product of one block along the axis. */
    private static DenseArray scan(DenseArray block, int axis, int nd, boolean product) {
        long[] shape = block.shape();
        int length = (int) shape[axis];
        int inner = 1;
        for (int k = axis + 1; k < nd; k++) {
            inner *= (int) shape[k];
        }
        int outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= (int) shape[k];
        }
        if (block.dtype().isFloat()) {
            double[] v = block.toDoubleArray();
            for (int o = 0; o < outer; o++) {
                int base = o * length * inner;
                for (int i = 1; i < length; i++) {
                    int at = base + i * inner;
                    for (int j = 0; j < inner; j++) {
                        v[at + j] = product ? v[at + j] * v[at - inner + j] : v[at + j] + v[at - inner + j];
                    }
                }
            }
            return DenseArray.of(v, shape).astype(block.dtype());
        }
        long[] v = block.toLongArray();
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            for (int i = 1; i < length; i++) {
                int at = base + i * inner;
                for (int j = 0; j < inner; j++) {
                    v[at + j] = product ? v[at + j] * v[at - inner + j] : v[at + j] + v[at - inner + j];
                }
            }
        }
        return DenseArray.of(v, shape);
    }
}
