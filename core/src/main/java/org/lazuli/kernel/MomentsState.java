package org.lazuli.kernel;

/**
 * Count, mean and sum of squared deviations, finished as the variance with {@code ddof}. Runs add a
 * two-pass mean and deviation; partial states merge with the pairwise update of Chan, Golub and LeVeque
 * (as commons-statistics' {@code Variance.combine}), so chunked variance is as accurate as a two-pass one.
 */
final class MomentsState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final long[] count;
    private final double[] mean;
    private final double[] m2;

    MomentsState(boolean skipNaN, int offset, int positions) {
        super(Statistic.MOMENTS, skipNaN, offset, positions);
        this.count = new long[positions];
        this.mean = new double[positions];
        this.m2 = new double[positions];
    }

    private MomentsState(MomentsState other) {
        super(Statistic.MOMENTS, other.skipNaN, other.offset, other.positions);
        this.count = other.count.clone();
        this.mean = other.mean.clone();
        this.m2 = other.m2.clone();
    }

    @Override
    public ReductionState copy() {
        return new MomentsState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        int end = off + len;
        long n = 0;
        double sum = 0;
        for (int i = off; i < end; i++) {
            double x = v[i];
            if (!(skipNaN && x != x)) {
                sum += x;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double runMean = sum / n;
        double dev = 0;
        for (int i = off; i < end; i++) {
            double x = v[i];
            if (!(skipNaN && x != x)) {
                double d = x - runMean;
                dev += d * d;
            }
        }
        mergeMoments(p, n, runMean, dev);
    }

    private void mergeMoments(int p, long n2, double mean2, double dev2) {
        long n1 = count[p];
        if (n1 == 0) {
            count[p] = n2;
            mean[p] = mean2;
            m2[p] = dev2;
            return;
        }
        long n = n1 + n2;
        double delta = mean2 - mean[p];
        mean[p] += delta * ((double) n2 / n);
        m2[p] += dev2 + delta * delta * ((double) n1 * n2 / n);
        count[p] = n;
    }

    @Override
    void merge(ReductionState other, int shift) {
        MomentsState theirs = (MomentsState) other;
        for (int q = 0; q < theirs.positions; q++) {
            if (theirs.count[q] > 0) {
                mergeMoments(shift + q, theirs.count[q], theirs.mean[q], theirs.m2[q]);
            }
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        double[] out = new double[positions];
        for (int p = 0; p < positions; p++) {
            out[p] = count[p] == 0 ? Double.NaN : m2[p] / Math.max(count[p] - ddof, 0);
            if (count[p] > 0 && count[p] - ddof <= 0 && m2[p] == 0) {
                out[p] = Double.NaN;   // 0 / 0, as NumPy
            }
        }
        return out;
    }

    /** The counts. */
    @Override
    public long[] finishLong() {
        return count.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(3);
    }
}
