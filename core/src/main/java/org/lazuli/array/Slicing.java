package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The selection and axis arithmetic behind {@link ChunkedArray}'s slicing, indexing, block access,
 * transposes and squeezes: positions resolved by NumPy's rules, checked, and turned into expressions
 * (or shapes), so that the facade only delegates.
 */
final class Slicing {
    private Slicing() {
    }

    /** {@code x[s0:e0:t0, s1:e1:t1, …]} of an array of {@code shape}. */
    static Expr slice(Expr expr, long[] shape, long[] starts, long[] stops, long[] steps) {
        int nd = shape.length;
        if (starts.length != nd || stops.length != nd || steps.length != nd) {
            throw new IllegalArgumentException("Slicing an array of " + nd + " dimensions needs " + nd
                    + " starts, stops and steps; got " + starts.length + ", " + stops.length + ", " + steps.length);
        }
        long[] start = new long[nd];
        long[] step = new long[nd];
        long[] count = new long[nd];
        for (int k = 0; k < nd; k++) {
            if (steps[k] == 0) {
                throw new IllegalArgumentException("slice step cannot be zero (axis " + k + ")");
            }
            SliceIndices selected = SliceIndices.of(starts[k], stops[k], steps[k], shape[k]);
            boolean empty = selected.count() == 0;
            start[k] = empty ? 0 : selected.first();
            step[k] = empty ? 1 : steps[k];
            count[k] = selected.count();
        }
        return Exprs.slice(expr, start, step, count);
    }

    /** {@code start:stop:step} on one axis, the others whole. */
    static Expr sliceAxis(Expr expr, long[] shape, int axis, long start, long stop, long step) {
        int nd = shape.length;
        int a = Shapes.axis(axis, nd);
        long[] starts = new long[nd];
        long[] stops = shape.clone();
        long[] steps = new long[nd];
        Arrays.fill(steps, 1);
        starts[a] = start;
        stops[a] = stop;
        steps[a] = step;
        return slice(expr, shape, starts, stops, steps);
    }

    /** The one position {@code x[..., i, ...]} selects on an axis (negative from the end), checked. */
    static long index(long i, long length, int axis) {
        return SliceIndices.position(i, length, "axis " + axis + " with size " + length);
    }

    /** One block as its own array (negative block indices count from the end). */
    static Expr block(Expr expr, Chunks chunks, long[] shape, int[] blockIndex) {
        int nd = shape.length;
        if (blockIndex.length != nd) {
            throw new IllegalArgumentException("Block index " + Arrays.toString(blockIndex) + " needs " + nd + " entries");
        }
        long[] starts = new long[nd];
        long[] stops = new long[nd];
        long[] steps = new long[nd];
        for (int k = 0; k < nd; k++) {
            int count = chunks.numBlocks(k);
            int b = blockIndex[k] < 0 ? blockIndex[k] + count : blockIndex[k];
            if (b < 0 || b >= count) {
                throw new IndexOutOfBoundsException("Block index " + blockIndex[k] + " is out of range for axis " + k
                        + " with " + count + " blocks");
            }
            starts[k] = chunks.blockOffset(k, b);
            stops[k] = starts[k] + chunks.blockSize(k, b);
            steps[k] = 1;
        }
        return slice(expr, shape, starts, stops, steps);
    }

    /** NumPy's {@code take} along axis {@code a}: negative indices resolved, the block sizes checked. */
    static Expr take(Expr expr, long[] shape, int a, long[] indices, long[] blockSizes) {
        long[] resolved = new long[indices.length];
        long length = shape[a];
        for (int i = 0; i < indices.length; i++) {
            resolved[i] = indices[i] < 0 ? indices[i] + length : indices[i];
        }
        long total = Arrays.stream(blockSizes).sum();
        if (total != indices.length) {
            throw new IllegalArgumentException("Block sizes " + Arrays.toString(blockSizes) + " add up to " + total
                    + " but " + indices.length + " indices were given");
        }
        return Exprs.take(expr, a, resolved, blockSizes);
    }

    /** A permutation of {@code nd} axes, negative ones resolved; repeats and wrong lengths fail. */
    static int[] permutation(int[] permutation, int nd) {
        if (permutation.length != nd) {
            throw new IllegalArgumentException("axes " + Arrays.toString(permutation) + " don't match an array of "
                    + nd + " dimensions");
        }
        int[] resolved = new int[nd];
        boolean[] seen = new boolean[nd];
        for (int k = 0; k < nd; k++) {
            resolved[k] = Shapes.axis(permutation[k], nd);
            if (seen[resolved[k]]) {
                throw new IllegalArgumentException("repeated axis in transpose " + Arrays.toString(permutation));
            }
            seen[resolved[k]] = true;
        }
        return resolved;
    }

    /** The axes reversed. */
    static int[] reversed(int nd) {
        int[] perm = new int[nd];
        for (int k = 0; k < nd; k++) {
            perm[k] = nd - 1 - k;
        }
        return perm;
    }

    /** The shape without {@code axes}, which must have length 1. */
    static long[] squeezed(long[] shape, int[] axes) {
        int[] resolved = Shapes.axes(axes, shape.length);
        List<Long> kept = new ArrayList<>();
        int next = 0;
        for (int k = 0; k < shape.length; k++) {
            if (next < resolved.length && resolved[next] == k) {
                if (shape[k] != 1) {
                    throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal"
                            + " to one: axis " + k + " has length " + shape[k]);
                }
                next++;
            } else {
                kept.add(shape[k]);
            }
        }
        return kept.stream().mapToLong(Long::longValue).toArray();
    }

    /** The shape with an axis of length 1 inserted at {@code axis} (negative counts from the end of the result). */
    static long[] expanded(long[] shape, int axis) {
        int a = Shapes.axis(axis, shape.length + 1);
        long[] result = new long[shape.length + 1];
        for (int k = 0, j = 0; k < result.length; k++) {
            result[k] = k == a ? 1 : shape[j++];
        }
        return result;
    }
}
