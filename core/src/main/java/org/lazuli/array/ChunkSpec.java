package org.lazuli.array;

import org.lazuli.text.ByteSizes;
import java.util.Arrays;

/**
 * A user's request for how to chunk an array, turned into canonical {@link Chunks} by
 * {@link #resolve(long[], DType)} — the one place chunk specifications are normalised.
 *
 * <ul>
 *   <li>{@link #of(long...)}: a block size per axis; {@code -1} means the whole axis.</li>
 *   <li>{@link #explicit(long[][])}: every block's size per axis (irregular allowed).</li>
 *   <li>{@link #auto()} / {@link #auto(long)}: blocks of about 128 MiB (or the given bytes), as
 *       square as the shape allows (dask's {@code chunks="auto"}).</li>
 * </ul>
 *
 * <pre>{@code
 * Chunks c = ChunkSpec.of(1000, -1).resolve(new long[]{2500, 300}, DType.FLOAT64);
 * // ((1000, 1000, 500), (300,))
 * }</pre>
 */
public final class ChunkSpec {
    /** Dask's default target for "auto" chunks. */
    public static final long DEFAULT_AUTO_BYTES = 128L << 20;

    private final long[] perAxis;
    private final long[][] explicit;
    private final long autoBytes;

    private ChunkSpec(long[] perAxis, long[][] explicit, long autoBytes) {
        this.perAxis = perAxis;
        this.explicit = explicit;
        this.autoBytes = autoBytes;
    }

    /** One block size per axis; {@code -1} takes the whole axis. */
    public static ChunkSpec of(long... blockShape) {
        return new ChunkSpec(blockShape.clone(), null, 0);
    }

    /** Explicit block sizes per axis; they must add up to the shape. */
    public static ChunkSpec explicit(long[][] blockSizes) {
        long[][] copy = new long[blockSizes.length][];
        for (int axis = 0; axis < blockSizes.length; axis++) {
            copy[axis] = blockSizes[axis].clone();
        }
        return new ChunkSpec(null, copy, 0);
    }

    /** Blocks of about 128 MiB. */
    public static ChunkSpec auto() {
        return auto(DEFAULT_AUTO_BYTES);
    }

    /** Blocks of about {@code targetBytes}. */
    public static ChunkSpec auto(long targetBytes) {
        if (targetBytes <= 0) {
            throw new IllegalArgumentException("Target chunk bytes must be positive, got " + targetBytes);
        }
        return new ChunkSpec(null, null, targetBytes);
    }

    /** Parses "auto" or a size with a unit ("64MiB", "1GB"), as dask accepts. */
    public static ChunkSpec parse(String spec) {
        String text = spec.trim();
        if (text.equalsIgnoreCase("auto")) {
            return auto();
        }
        return auto(ByteSizes.parse(text));
    }

    /** Normalises this request for an array of the given shape and dtype. */
    public Chunks resolve(long[] shape, DType dtype) {
        Shapes.checkShape(shape);
        if (explicit != null) {
            return resolveExplicit(shape);
        }
        if (perAxis != null) {
            return resolvePerAxis(shape);
        }
        return Chunks.regular(shape, autoBlockShape(shape, dtype.itemSize(), autoBytes));
    }

    private Chunks resolveExplicit(long[] shape) {
        if (explicit.length != shape.length) {
            throw new IllegalArgumentException("Chunks " + Arrays.deepToString(explicit) + " have " + explicit.length
                    + " axes but the shape " + Shapes.format(shape) + " has " + shape.length);
        }
        for (int axis = 0; axis < shape.length; axis++) {
            long sum = 0;
            for (long size : explicit[axis]) {
                sum += size;
            }
            if (sum != shape[axis]) {
                throw new IllegalArgumentException("Chunks of axis " + axis + " " + Arrays.toString(explicit[axis])
                        + " add up to " + sum + " but the axis has length " + shape[axis]
                        + "; give block sizes that sum to the shape " + Shapes.format(shape));
            }
        }
        return Chunks.of(explicit);
    }

    private Chunks resolvePerAxis(long[] shape) {
        if (perAxis.length != shape.length) {
            throw new IllegalArgumentException("Chunk shape " + Shapes.format(perAxis) + " has " + perAxis.length
                    + " axes but the array shape " + Shapes.format(shape) + " has " + shape.length
                    + "; give one block size per axis (-1 for a whole axis)");
        }
        long[] blockShape = new long[shape.length];
        for (int axis = 0; axis < shape.length; axis++) {
            long size = perAxis[axis];
            if (size == -1) {
                blockShape[axis] = Math.max(shape[axis], 1);
            } else if (size <= 0) {
                throw new IllegalArgumentException("Block size " + size + " on axis " + axis
                        + " must be positive (or -1 for the whole axis)");
            } else {
                blockShape[axis] = size;
            }
        }
        return Chunks.regular(shape, blockShape);
    }

    /**
     * Block shape of about {@code targetBytes}: axes too short to split are taken whole, the rest share
     * the budget equally (dask's {@code auto_chunks} without previous chunks).
     */
    static long[] autoBlockShape(long[] shape, int itemSize, long targetBytes) {
        int ndim = shape.length;
        long[] block = new long[ndim];
        boolean[] fixed = new boolean[ndim];
        double budget = Math.max(1.0, (double) targetBytes / itemSize);
        int free = ndim;
        boolean changed = true;
        while (changed && free > 0) {
            changed = false;
            double ideal = Math.pow(budget, 1.0 / free);
            for (int axis = 0; axis < ndim; axis++) {
                if (!fixed[axis] && shape[axis] <= ideal) {
                    fixed[axis] = true;
                    block[axis] = Math.max(shape[axis], 1);
                    budget /= Math.max(shape[axis], 1);
                    free--;
                    changed = true;
                }
            }
        }
        if (free > 0) {
            long side = Math.max(1, (long) Math.floor(Math.pow(budget, 1.0 / free)));
            for (int axis = 0; axis < ndim; axis++) {
                if (!fixed[axis]) {
                    block[axis] = Math.min(side, shape[axis]);
                }
            }
        }
        return block;
    }

    @Override
    public String toString() {
        if (explicit != null) {
            return "ChunkSpec" + Arrays.deepToString(explicit);
        }
        if (perAxis != null) {
            return "ChunkSpec" + Arrays.toString(perAxis);
        }
        return "ChunkSpec[auto " + autoBytes + " bytes]";
    }
}
