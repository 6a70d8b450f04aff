package org.lazuli.kernel;

/** Sums and counts, finished as their ratio (NaN when empty); float32 runs are added as their widened values. */
final class MeanState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final double[] sum;
    private final long[] count;

    MeanState(boolean skipNaN, int offset, int positions) {
        super(Statistic.MEAN, skipNaN, offset, positions);
        this.sum = new double[positions];
        this.count = new long[positions];
    }

    private MeanState(MeanState other) {
        super(Statistic.MEAN, other.skipNaN, other.offset, other.positions);
        this.sum = other.sum.clone();
        this.count = other.count.clone();
    }

    @Override
    public ReductionState copy() {
        return new MeanState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        int end = off + len;
        if (skipNaN) {
            long n = 0;
            double s0 = 0;
            for (int i = off; i < end; i++) {
                if (v[i] == v[i]) {
                    s0 += v[i];
                    n++;
                }
            }
            sum[p] += s0;
            count[p] += n;
        } else {
            sum[p] += RunSums.sum(v, off, end);
            count[p] += len;
        }
    }

    @Override
    public void acceptSpread(int p, double[] v, int off, int len, long index) {
        for (int k = 0; k < len; k++) {
            double x = v[off + k];
            if (!(skipNaN && x != x)) {
                sum[p + k] += x;
                count[p + k]++;
            }
        }
    }

    @Override
    public void acceptRun(int p, float[] v, int off, int len) {
        if (!skipNaN) {
            sum[p] += RunSums.floatSum(v, off, len, false);
            count[p] += len;
            return;
        }
        double s0 = 0;
        long n = 0;
        for (int i = off, end = off + len; i < end; i++) {   // one pass: the sum and the count together
            float x = v[i];
            if (x == x) {
                s0 += x;
                n++;
            }
        }
        sum[p] += s0;
        count[p] += n;
    }

    @Override
    public void acceptSpread(int p, float[] v, int off, int len) {
        for (int k = 0; k < len; k++) {
            double x = v[off + k];
            if (!(skipNaN && x != x)) {   // branches measured faster here than two branch-free passes
                sum[p + k] += x;
                count[p + k]++;
            }
        }
    }

    @Override
    void merge(ReductionState other, int shift) {
        MeanState theirs = (MeanState) other;
        for (int p = 0; p < theirs.positions; p++) {   // plain loops: the JIT vectorises them
            sum[shift + p] += theirs.sum[p];
        }
        for (int p = 0; p < theirs.positions; p++) {
            count[shift + p] += theirs.count[p];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        double[] out = new double[positions];
        for (int p = 0; p < positions; p++) {
            out[p] = count[p] == 0 ? Double.NaN : sum[p] / count[p];
        }
        return out;
    }

    @Override
    public long[] finishLong() {
        return count.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(2);
    }
}
