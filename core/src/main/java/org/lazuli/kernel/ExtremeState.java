package org.lazuli.kernel;

import java.util.Arrays;

/** Minimums or maximums of doubles, with the values seen (none: NaN, as NumPy's empty nanmin). */
final class ExtremeState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final boolean min;
    private final double[] best;
    private final long[] count;

    ExtremeState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        super(statistic, skipNaN, offset, positions);
        this.min = statistic == Statistic.MIN;
        this.best = new double[positions];
        this.count = new long[positions];
        Arrays.fill(best, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
    }

    private ExtremeState(ExtremeState other) {
        super(other.statistic, other.skipNaN, other.offset, other.positions);
        this.min = other.min;
        this.best = other.best.clone();
        this.count = other.count.clone();
    }

    @Override
    public ReductionState copy() {
        return new ExtremeState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        double b = best[p];
        long seen = 0;
        boolean sawNaN = false;
        for (int i = off, end = off + len; i < end; i++) {
            double x = v[i];
            if (x != x) {
                sawNaN = true;
                continue;
            }
            seen++;
            if (min ? x < b : x > b) {
                b = x;
            }
        }
        if (sawNaN && !skipNaN || best[p] != best[p] && !skipNaN) {
            b = Double.NaN;   // a NaN propagates, one seen now or one kept before
        }
        best[p] = b;
        count[p] += seen;
    }

    @Override
    void merge(ReductionState other, int shift) {
        ExtremeState theirs = (ExtremeState) other;
        for (int q = 0; q < theirs.positions; q++) {
            int p = shift + q;
            double a = best[p];
            double b = theirs.best[q];
            if (a != a || b != b) {
                best[p] = skipNaN ? (a != a ? b : a) : Double.NaN;
            } else {
                best[p] = min ? Math.min(a, b) : Math.max(a, b);
            }
            count[p] += theirs.count[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        double[] out = new double[positions];
        for (int p = 0; p < positions; p++) {
            out[p] = count[p] == 0 ? Double.NaN : best[p];
        }
        return out;
    }

    @Override
    public long[] finishLong() {
        return truncated(best);
    }

    @Override
    public long nbytes() {
        return bytesOf(2);
    }
}
