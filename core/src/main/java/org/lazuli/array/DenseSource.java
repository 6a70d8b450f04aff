package org.lazuli.array;

/** An in-memory array as a source (fromArray, fromDense). Tasks capture the array, not a copy per block. */
final class DenseSource implements ArraySource {
    private static final long serialVersionUID = 1L;

    private final DenseArray array;

    DenseSource(DenseArray array) {
        this.array = array;
    }

    @Override
    public long[] shape() {
        return array.shape();
    }

    @Override
    public DType dtype() {
        return array.dtype();
    }

    @Override
    public String token() {
        return "dense" + Shapes.format(array.shapeRef()) + array.dtype() + ":" + Long.toHexString(array.contentHash());
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        return BlockOps.region(array, start, step, count);
    }

    @Override
    public String label() {
        return "array";
    }
}
