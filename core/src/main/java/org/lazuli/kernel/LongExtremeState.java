package org.lazuli.kernel;

import java.util.Arrays;

/** Minimums or maximums of int64 values, with the values seen. */
final class LongExtremeState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final boolean min;
    private final long[] best;
    private final long[] count;

    LongExtremeState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        super(statistic, skipNaN, offset, positions);
        this.min = statistic == Statistic.MIN;
        this.best = new long[positions];
        this.count = new long[positions];
        Arrays.fill(best, min ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    private LongExtremeState(LongExtremeState other) {
        super(other.statistic, other.skipNaN, other.offset, other.positions);
        this.min = other.min;
        this.best = other.best.clone();
        this.count = other.count.clone();
    }

    @Override
    public ReductionState copy() {
        return new LongExtremeState(this);
    }

    @Override
    public boolean isLongLane() {
        return true;
    }

    @Override
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        long s = best[p];
        for (int i = off, end = off + len; i < end; i++) {
            s = min ? Math.min(s, v[i]) : Math.max(s, v[i]);
        }
        best[p] = s;
        count[p] += len;
    }

    @Override
    void merge(ReductionState other, int shift) {
        LongExtremeState theirs = (LongExtremeState) other;
        for (int q = 0; q < theirs.positions; q++) {
            int p = shift + q;
            best[p] = min ? Math.min(best[p], theirs.best[q]) : Math.max(best[p], theirs.best[q]);
            count[p] += theirs.count[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(best);
    }

    @Override
    public long[] finishLong() {
        return best.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(2);
    }
}
