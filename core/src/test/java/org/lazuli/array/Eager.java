package org.lazuli.array;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * An independent, deliberately naive eager implementation used as the oracle in tests: plain loops
 * over row-major data, no chunks, no fusion, no shared code with the library's kernels.
 */
final class Eager {
    private Eager() {
    }

    static long size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return idx;
    }

    static long ravel(long[] idx, long[] shape) {
        long flat = 0;
        for (int k = 0; k < shape.length; k++) {
            flat = flat * shape[k] + idx[k];
        }
        return flat;
    }

    /**
     * Reduces {@code axes} (sorted) with {@code f} applied to each group's values in row-major order;
     * the result's shape drops the reduced axes.
     */
    static double[] reduce(double[] data, long[] shape, int[] axes, ToDoubleFunction<double[]> f) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        List<Long> outShape = new ArrayList<>();
        for (int k = 0; k < shape.length; k++) {
            if (!reduced[k]) {
                outShape.add(shape[k]);
            }
        }
        long[] out = outShape.stream().mapToLong(Long::longValue).toArray();
        int outSize = (int) size(out);
        List<List<Double>> groups = new ArrayList<>();
        for (int i = 0; i < outSize; i++) {
            groups.add(new ArrayList<>());
        }
        for (long flat = 0; flat < data.length; flat++) {
            long[] idx = unravel(flat, shape);
            long[] o = new long[out.length];
            int j = 0;
            for (int k = 0; k < shape.length; k++) {
                if (!reduced[k]) {
                    o[j++] = idx[k];
                }
            }
            groups.get((int) ravel(o, out)).add(data[(int) flat]);
        }
        double[] result = new double[outSize];
        for (int i = 0; i < outSize; i++) {
            result[i] = f.applyAsDouble(groups.get(i).stream().mapToDouble(Double::doubleValue).toArray());
        }
        return result;
    }

    /** Equal within a relative tolerance, NaN equal to NaN, infinities equal by sign. */
    static void assertClose(double expected, double actual, double relative, String message) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            org.junit.jupiter.api.Assertions.assertEquals(expected, actual, message);
            return;
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, relative * Math.max(1, Math.abs(expected)), message);
    }

    static double[] random(long n, long seed) {
        double[] out = new double[(int) n];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() * 10 - 3;
        }
        return out;
    }
}
