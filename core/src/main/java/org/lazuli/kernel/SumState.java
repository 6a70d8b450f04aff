package org.lazuli.kernel;

/** Sums of doubles (0 when empty); float32 runs are added as their widened values. */
final class SumState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final double[] sum;

    SumState(boolean skipNaN, int offset, int positions) {
        super(Statistic.SUM, skipNaN, offset, positions);
        this.sum = new double[positions];
    }

    private SumState(SumState other) {
        super(Statistic.SUM, other.skipNaN, other.offset, other.positions);
        this.sum = other.sum.clone();
    }

    @Override
    public ReductionState copy() {
        return new SumState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        sum[p] += skipNaN ? RunSums.nanSum(v, off, off + len) : RunSums.sum(v, off, off + len);
    }

    @Override
    public void acceptSpread(int p, double[] v, int off, int len, long index) {
        for (int k = 0; k < len; k++) {
            double x = v[off + k];
            if (!(skipNaN && x != x)) {
                sum[p + k] += x;
            }
        }
    }

    @Override
    public void acceptRun(int p, float[] v, int off, int len) {
        sum[p] += RunSums.floatSum(v, off, len, skipNaN);
    }

    @Override
    public void acceptSpread(int p, float[] v, int off, int len) {
        for (int k = 0; k < len; k++) {
            double x = v[off + k];
            if (!(skipNaN && x != x)) {
                sum[p + k] += x;
            }
        }
    }

    @Override
    void merge(ReductionState other, int shift) {
        double[] theirs = ((SumState) other).sum;
        for (int p = 0; p < theirs.length; p++) {   // a plain loop: the JIT vectorises it
            sum[shift + p] += theirs[p];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return sum.clone();
    }

    @Override
    public long[] finishLong() {
        return truncated(sum);
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
