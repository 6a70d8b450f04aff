package org.lazuli.kernel;

import java.util.Arrays;

/**
 * The index of the minimum or maximum double: the first index on ties and, without skipNaN, the first
 * NaN's (NumPy's argmin); -1 while nothing was accepted.
 */
final class ArgState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final boolean min;
    private final double[] best;
    private final long[] index;

    ArgState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        super(statistic, skipNaN, offset, positions);
        this.min = statistic == Statistic.ARGMIN;
        this.best = new double[positions];
        this.index = new long[positions];
        Arrays.fill(best, Double.NaN);
        Arrays.fill(index, -1);
    }

    private ArgState(ArgState other) {
        super(other.statistic, other.skipNaN, other.offset, other.positions);
        this.min = other.min;
        this.best = other.best.clone();
        this.index = other.index.clone();
    }

    @Override
    public ReductionState copy() {
        return new ArgState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        for (int i = off, end = off + len; i < end; i++) {
            accept(p, v[i], firstIndex + (i - off));
        }
    }

    @Override
    public void acceptSpread(int p, double[] v, int off, int len, long at) {
        for (int k = 0; k < len; k++) {
            accept(p + k, v[off + k], at);
        }
    }

    private void accept(int p, double x, long at) {
        double b = best[p];
        boolean take;
        if (index[p] < 0) {
            take = !(skipNaN && x != x);
        } else if (b != b) {
            take = false;   // the first NaN wins without skipNaN
        } else if (x != x) {
            take = !skipNaN;
        } else {
            take = min ? x < b : x > b;
        }
        if (take) {
            best[p] = x;
            index[p] = at;
        }
    }

    /** Keeps the better of two candidates; on ties (and between NaNs) the smaller index wins. */
    @Override
    void merge(ReductionState other, int shift) {
        ArgState theirs = (ArgState) other;
        for (int q = 0; q < theirs.positions; q++) {
            long at = theirs.index[q];
            if (at < 0) {
                continue;
            }
            int p = shift + q;
            double x = theirs.best[q];
            long mine = index[p];
            double b = best[p];
            boolean take;
            if (mine < 0) {
                take = true;
            } else if (b != b || x != x) {
                take = x != x && (b == b || at < mine);
            } else if (x == b) {
                take = at < mine;
            } else {
                take = min ? x < b : x > b;
            }
            if (take) {
                best[p] = x;
                index[p] = at;
            }
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(index);
    }

    @Override
    public long[] finishLong() {
        return index.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(2);
    }
}
