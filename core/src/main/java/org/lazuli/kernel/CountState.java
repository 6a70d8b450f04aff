package org.lazuli.kernel;

/** Values that are not NaN. */
final class CountState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final long[] count;

    CountState(boolean skipNaN, int offset, int positions) {
        super(Statistic.COUNT, skipNaN, offset, positions);
        this.count = new long[positions];
    }

    private CountState(CountState other) {
        super(Statistic.COUNT, other.skipNaN, other.offset, other.positions);
        this.count = other.count.clone();
    }

    @Override
    public ReductionState copy() {
        return new CountState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        long n = 0;
        for (int i = off, end = off + len; i < end; i++) {
            if (v[i] == v[i]) {
                n++;
            }
        }
        count[p] += n;
    }

    @Override
    void merge(ReductionState other, int shift) {
        long[] theirs = ((CountState) other).count;
        for (int q = 0; q < theirs.length; q++) {
            count[shift + q] += theirs[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(count);
    }

    @Override
    public long[] finishLong() {
        return count.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
