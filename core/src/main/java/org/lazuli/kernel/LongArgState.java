package org.lazuli.kernel;

import java.util.Arrays;

/** The index of the minimum or maximum int64 value (the first on ties); -1 while nothing was accepted. */
final class LongArgState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final boolean min;
    private final long[] best;
    private final long[] index;

    LongArgState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        super(statistic, skipNaN, offset, positions);
        this.min = statistic == Statistic.ARGMIN;
        this.best = new long[positions];
        this.index = new long[positions];
        Arrays.fill(best, min ? Long.MAX_VALUE : Long.MIN_VALUE);
        Arrays.fill(index, -1);
    }

    private LongArgState(LongArgState other) {
        super(other.statistic, other.skipNaN, other.offset, other.positions);
        this.min = other.min;
        this.best = other.best.clone();
        this.index = other.index.clone();
    }

    @Override
    public ReductionState copy() {
        return new LongArgState(this);
    }

    @Override
    public boolean isLongLane() {
        return true;
    }

    @Override
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        for (int i = off, end = off + len; i < end; i++) {
            long x = v[i];
            if (index[p] < 0 || (min ? x < best[p] : x > best[p])) {
                best[p] = x;
                index[p] = firstIndex + (i - off);
            }
        }
    }

    /** Keeps the better of two candidates; on ties the smaller index wins. */
    @Override
    void merge(ReductionState other, int shift) {
        LongArgState theirs = (LongArgState) other;
        for (int q = 0; q < theirs.positions; q++) {
            int p = shift + q;
            long at = theirs.index[q];
            long x = theirs.best[q];
            if (at >= 0 && (index[p] < 0 || (x == best[p] ? at < index[p] : (min ? x < best[p] : x > best[p])))) {
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
