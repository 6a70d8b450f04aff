package org.lazuli.array;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How an array is cut into blocks: for every axis, the sizes of its blocks in order (dask's
 * {@code chunks} tuple of tuples). Block sizes may be irregular; every axis of positive length has
 * blocks of positive size, an axis of length 0 has a single block of size 0.
 *
 * <p>Immutable and thread-safe. Build one from a user's specification with {@link ChunkSpec}.
 */
public final class Chunks implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[][] sizes;
    private final long[][] offsets;   // offsets[axis][i] = start of block i; last entry = length
    private final long[] shape;

    private Chunks(long[][] sizes) {
        this.sizes = new long[sizes.length][];
        this.offsets = new long[sizes.length][];
        this.shape = new long[sizes.length];
        for (int axis = 0; axis < sizes.length; axis++) {
            this.sizes[axis] = sizes[axis].clone();
            long[] off = new long[sizes[axis].length + 1];
            for (int i = 0; i < sizes[axis].length; i++) {
                off[i + 1] = off[i] + sizes[axis][i];
            }
            this.offsets[axis] = off;
            this.shape[axis] = off[off.length - 1];
        }
    }

    /**
     * Chunks from explicit per-axis block sizes. Sizes must be positive (or a single 0 for an empty
     * axis).
     */
    public static Chunks of(long[][] blockSizes) {
        for (int axis = 0; axis < blockSizes.length; axis++) {
            long[] axisSizes = blockSizes[axis];
            if (axisSizes == null || axisSizes.length == 0) {
                throw new IllegalArgumentException("Axis " + axis + " has no blocks; give at least one block size"
                        + " (a single 0 for an empty axis)");
            }
            for (long size : axisSizes) {
                if (size < 0 || (size == 0 && axisSizes.length > 1)) {
                    throw new IllegalArgumentException("Block sizes of axis " + axis + " must be positive, got "
                            + Arrays.toString(axisSizes));
                }
            }
        }
        return new Chunks(blockSizes);
    }

    /** Regular chunks: blocks of {@code blockShape[axis]} along each axis, the last one possibly smaller. */
    public static Chunks regular(long[] shape, long[] blockShape) {
        long[][] sizes = new long[shape.length][];
        for (int axis = 0; axis < shape.length; axis++) {
            sizes[axis] = split(shape[axis], blockShape[axis]);
        }
        return new Chunks(sizes);
    }

    /** A single block covering the whole shape. */
    public static Chunks single(long[] shape) {
        long[][] sizes = new long[shape.length][];
        for (int axis = 0; axis < shape.length; axis++) {
            sizes[axis] = new long[] {shape[axis]};
        }
        return new Chunks(sizes);
    }

    static long[] split(long length, long blockSize) {
        if (length == 0) {
            return new long[] {0};
        }
        long size = Math.min(blockSize, length);
        int count = Math.toIntExact((length + size - 1) / size);
        long[] blocks = new long[count];
        Arrays.fill(blocks, size);
        blocks[count - 1] = length - size * (count - 1);
        return blocks;
    }

    public int ndim() {
        return shape.length;
    }

    /** The array's shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    public long length(int axis) {
        return shape[axis];
    }

    /** Block sizes along one axis (a copy). */
    public long[] sizes(int axis) {
        return sizes[axis].clone();
    }

    /** All block sizes, per axis (a deep copy). */
    public long[][] sizes() {
        long[][] copy = new long[sizes.length][];
        for (int axis = 0; axis < sizes.length; axis++) {
            copy[axis] = sizes[axis].clone();
        }
        return copy;
    }

    public int numBlocks(int axis) {
        return sizes[axis].length;
    }

    /** Blocks along every axis. */
    public int[] blockCounts() {
        int[] counts = new int[sizes.length];
        for (int axis = 0; axis < sizes.length; axis++) {
            counts[axis] = sizes[axis].length;
        }
        return counts;
    }

    /** Total number of blocks. */
    public long numBlocks() {
        long n = 1;
        for (long[] axisSizes : sizes) {
            n *= axisSizes.length;
        }
        return n;
    }

    public long blockSize(int axis, int index) {
        return sizes[axis][index];
    }

    public long blockOffset(int axis, int index) {
        return offsets[axis][index];
    }

    /** Offsets of the block boundaries of an axis, including 0 and the axis length. */
    public long[] boundaries(int axis) {
        return offsets[axis].clone();
    }

    /** Index of the block containing {@code position} along an axis. */
    public int blockOf(int axis, long position) {
        long[] off = offsets[axis];
        int i = Arrays.binarySearch(off, position);
        int block = i >= 0 ? i : -i - 2;
        return Math.min(block, off.length - 2);
    }

    /** Shape of one block. */
    public long[] blockShape(int[] blockIndex) {
        long[] result = new long[sizes.length];
        for (int axis = 0; axis < sizes.length; axis++) {
            result[axis] = sizes[axis][blockIndex[axis]];
        }
        return result;
    }

    /** Offset of one block's first element. */
    public long[] blockStart(int[] blockIndex) {
        long[] result = new long[sizes.length];
        for (int axis = 0; axis < sizes.length; axis++) {
            result[axis] = offsets[axis][blockIndex[axis]];
        }
        return result;
    }

    /** Shape of the largest block (dask's {@code chunksize}). */
    public long[] maxBlockShape() {
        long[] result = new long[sizes.length];
        for (int axis = 0; axis < sizes.length; axis++) {
            for (long size : sizes[axis]) {
                result[axis] = Math.max(result[axis], size);
            }
        }
        return result;
    }

    /** Elements in the largest block. */
    public long maxBlockElements() {
        long n = 1;
        for (long size : maxBlockShape()) {
            n *= size;
        }
        return n;
    }

    /** Chunks with one axis' sizes replaced. */
    public Chunks withAxis(int axis, long[] axisSizes) {
        long[][] copy = sizes();
        copy[axis] = axisSizes.clone();
        return of(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chunks that && Arrays.deepEquals(sizes, that.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sizes);
    }

    /** Dask's notation: {@code ((1000, 1000), (500, 500, 200))}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("(");
        for (int axis = 0; axis < sizes.length; axis++) {
            if (axis > 0) {
                text.append(", ");
            }
            text.append(Shapes.format(sizes[axis]));
        }
        return text.append(sizes.length == 1 ? ",)" : ")").toString();
    }
}
