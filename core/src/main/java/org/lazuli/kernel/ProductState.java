package org.lazuli.kernel;

import java.util.Arrays;

/** Products of doubles (1 when empty). */
final class ProductState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final double[] product;

    ProductState(boolean skipNaN, int offset, int positions) {
        super(Statistic.PROD, skipNaN, offset, positions);
        this.product = new double[positions];
        Arrays.fill(product, 1);
    }

    private ProductState(ProductState other) {
        super(Statistic.PROD, other.skipNaN, other.offset, other.positions);
        this.product = other.product.clone();
    }

    @Override
    public ReductionState copy() {
        return new ProductState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        double prod = product[p];
        for (int i = off, end = off + len; i < end; i++) {
            if (!(skipNaN && v[i] != v[i])) {
                prod *= v[i];
            }
        }
        product[p] = prod;
    }

    @Override
    void merge(ReductionState other, int shift) {
        double[] theirs = ((ProductState) other).product;
        for (int p = 0; p < theirs.length; p++) {
            product[shift + p] *= theirs[p];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return product.clone();
    }

    @Override
    public long[] finishLong() {
        return truncated(product);
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
