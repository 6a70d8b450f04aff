package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Chunk-aware reshape (the idea of dask's {@code reshape_rechunk}). Axes of the old and new shapes
 * are matched into groups with equal products; within a group only the outermost axis may be split
 * into several blocks, and block boundaries fall on multiples of both sides' inner sizes. Then every
 * input block holds exactly one output block's elements in the same row-major order, so a block is
 * reshaped without copying.
 */
final class Reshaping {
    private Reshaping() {
    }

    /** Chunks to rechunk the input to, and the resulting output chunks. */
    record Plan(Chunks inputChunks, Chunks outputChunks) {
    }

    /** Resolves a requested shape, with at most one -1 inferred as NumPy does. */
    static long[] resolveShape(long[] oldShape, long[] requested) {
        long size = Shapes.size(oldShape);
        long known = 1;
        int unknown = -1;
        for (int k = 0; k < requested.length; k++) {
            if (requested[k] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("can only specify one unknown dimension (-1) in " + Arrays.toString(requested));
                }
                unknown = k;
            } else if (requested[k] < 0) {
                throw new IllegalArgumentException("negative dimension " + requested[k] + " in reshape to " + Arrays.toString(requested));
            } else {
                known *= requested[k];
            }
        }
        long[] shape = requested.clone();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape "
                        + Arrays.toString(requested));
            }
            shape[unknown] = size / known;
        } else if (known != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " (shape "
                    + Shapes.format(oldShape) + ") into shape " + Shapes.format(shape)
                    + " of size " + known + "; the number of elements must stay the same");
        }
        return shape;
    }

    static Plan plan(Chunks chunks, long[] requested) {
        long[] oldShape = chunks.shape();
        long[] newShape = resolveShape(oldShape, requested);
        if (Shapes.size(oldShape) == 0) {
            return new Plan(Chunks.single(oldShape), Chunks.single(newShape));
        }
        int[] in = nonUnitAxes(oldShape);
        int[] out = nonUnitAxes(newShape);
        long[][] inSizes = new long[oldShape.length][];
        long[][] outSizes = new long[newShape.length][];
        for (int k = 0; k < oldShape.length; k++) {
            inSizes[k] = oldShape[k] == 1 ? new long[] {1} : null;
        }
        for (int k = 0; k < newShape.length; k++) {
            outSizes[k] = newShape[k] == 1 ? new long[] {1} : null;
        }
        int i = 0;
        int j = 0;
        while (i < in.length) {
            int i0 = i;
            int j0 = j;
            long pi = oldShape[in[i]];
            long po = newShape[out[j]];
            while (pi != po) {
                if (pi < po) {
                    pi *= oldShape[in[++i]];
                } else {
                    po *= newShape[out[++j]];
                }
            }
            group(chunks, oldShape, newShape, Arrays.copyOfRange(in, i0, i + 1), Arrays.copyOfRange(out, j0, j + 1),
                    inSizes, outSizes);
            i++;
            j++;
        }
        return new Plan(Chunks.of(inSizes), Chunks.of(outSizes));
    }

    private static int[] nonUnitAxes(long[] shape) {
        return IntStream.range(0, shape.length).filter(k -> shape[k] != 1).toArray();
    }

    /** Chunks one group: block boundaries on multiples of lcm(inner sizes of both sides), near the input's. */
    private static void group(Chunks chunks, long[] oldShape, long[] newShape, int[] inAxes, int[] outAxes,
                              long[][] inSizes, long[][] outSizes) {
        long inInner = 1;
        for (int k = 1; k < inAxes.length; k++) {
            inInner *= oldShape[inAxes[k]];
            inSizes[inAxes[k]] = new long[] {oldShape[inAxes[k]]};
        }
        long outInner = 1;
        for (int k = 1; k < outAxes.length; k++) {
            outInner *= newShape[outAxes[k]];
            outSizes[outAxes[k]] = new long[] {newShape[outAxes[k]]};
        }
        int first = inAxes[0];
        long total = oldShape[first] * inInner;
        long unit = lcm(inInner, outInner);   // in elements of the flattened group
        long[] boundaries = chunks.boundaries(first);
        List<Long> flatCuts = new ArrayList<>();
        long previous = 0;
        for (int b = 1; b < boundaries.length - 1; b++) {
            long cut = Math.round((double) boundaries[b] * inInner / unit) * unit;
            if (cut > previous && cut < total) {
                flatCuts.add(cut);
                previous = cut;
            }
        }
        flatCuts.add(total);
        long[] inFirst = new long[flatCuts.size()];
        long[] outFirst = new long[flatCuts.size()];
        long start = 0;
        for (int c = 0; c < flatCuts.size(); c++) {
            long size = flatCuts.get(c) - start;
            inFirst[c] = size / inInner;
            outFirst[c] = size / outInner;
            start = flatCuts.get(c);
        }
        inSizes[first] = inFirst;
        outSizes[outAxes[0]] = outFirst;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
