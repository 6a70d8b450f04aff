package org.lazuli.kernel;

/** Sums of runs of values, shared by the states that add them. */
final class RunSums {
    private RunSums() {
    }

    static double sum(double[] v, int off, int end) {
        // four accumulators: independent additions pipeline, about 3x a single running sum
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = off;
        for (int last = end - 3; i < last; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double nanSum(double[] v, int off, int end) {
        double s0 = 0;
        double s1 = 0;
        int i = off;
        for (; i + 1 < end; i += 2) {
            double a = v[i];
            double b = v[i + 1];
            s0 += a == a ? a : 0;
            s1 += b == b ? b : 0;
        }
        for (; i < end; i++) {
            s0 += v[i] == v[i] ? v[i] : 0;
        }
        return s0 + s1;
    }

    /** The float32 run's sum in doubles, NaNs skipped with {@code skipNaN}. */
    static double floatSum(float[] v, int off, int len, boolean skipNaN) {
        double s0 = 0;
        double s1 = 0;
        int end = off + len;
        int i = off;
        if (!skipNaN) {
            for (; i + 1 < end; i += 2) {
                s0 += v[i];
                s1 += v[i + 1];
            }
            for (; i < end; i++) {
                s0 += v[i];
            }
        } else {
            for (; i < end; i++) {
                float x = v[i];
                if (x == x) {
                    s0 += x;
                }
            }
        }
        return s0 + s1;
    }
}
