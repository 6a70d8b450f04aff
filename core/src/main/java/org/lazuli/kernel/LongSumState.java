package org.lazuli.kernel;

/** Sums of int64 values, wrapping around as NumPy's. */
final class LongSumState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final long[] sum;

    LongSumState(boolean skipNaN, int offset, int positions) {
        super(Statistic.SUM, skipNaN, offset, positions);
        this.sum = new long[positions];
    }

    private LongSumState(LongSumState other) {
        super(Statistic.SUM, other.skipNaN, other.offset, other.positions);
        this.sum = other.sum.clone();
    }

    @Override
    public ReductionState copy() {
        return new LongSumState(this);
    }

    @Override
    public boolean isLongLane() {
        return true;
    }

    @Override
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        long s = sum[p];
        for (int i = off, end = off + len; i < end; i++) {
            s += v[i];
        }
        sum[p] = s;
    }

    @Override
    void merge(ReductionState other, int shift) {
        long[] theirs = ((LongSumState) other).sum;
        for (int q = 0; q < theirs.length; q++) {
            sum[shift + q] += theirs[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(sum);
    }

    @Override
    public long[] finishLong() {
        return sum.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
