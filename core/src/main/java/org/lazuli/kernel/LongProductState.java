package org.lazuli.kernel;

import java.util.Arrays;

/** Products of int64 values (1 when empty), wrapping around as NumPy's. */
final class LongProductState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final long[] product;

    LongProductState(boolean skipNaN, int offset, int positions) {
        super(Statistic.PROD, skipNaN, offset, positions);
        this.product = new long[positions];
        Arrays.fill(product, 1);
    }

    private LongProductState(LongProductState other) {
        super(Statistic.PROD, other.skipNaN, other.offset, other.positions);
        this.product = other.product.clone();
    }

    @Override
    public ReductionState copy() {
        return new LongProductState(this);
    }

    @Override
    public boolean isLongLane() {
        return true;
    }

    @Override
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        long s = product[p];
        for (int i = off, end = off + len; i < end; i++) {
            s *= v[i];
        }
        product[p] = s;
    }

    @Override
    void merge(ReductionState other, int shift) {
        long[] theirs = ((LongProductState) other).product;
        for (int q = 0; q < theirs.length; q++) {
            product[shift + q] *= theirs[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(product);
    }

    @Override
    public long[] finishLong() {
        return product.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
