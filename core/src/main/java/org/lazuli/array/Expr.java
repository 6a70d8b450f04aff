package org.lazuli.array;

import java.io.Serializable;
import java.util.List;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.UnaryOp;

/**
 * The immutable expression behind a {@link ChunkedArray}: what to compute, not how. Lowering to
 * tasks happens only at compute time ({@link Lowering}). Every node knows its name (deterministic),
 * dtype and chunks.
 */
sealed interface Expr extends Serializable {
    String name();

    DType dtype();

    Chunks chunks();

    /** Nodes evaluated inside their consumer's task, one tile at a time (no block per operation). */
    default boolean isFusable() {
        return this instanceof Source || this instanceof Scalar || this instanceof Broadcast
                || this instanceof Unary || this instanceof Binary || this instanceof Where
                || this instanceof Cast || this instanceof Clip;
    }

    default long[] shape() {
        return chunks().shape();
    }

    /**
     * A region of a source: element {@code i} along axis k is the source's
     * {@code start[k] + i * step[k]}. Slicing a source composes into its region, so only what is
     * selected is ever read.
     */
    record Source(String name, ArraySource source, long[] start, long[] step, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return source.dtype();
        }
    }

    /** A constant of a dtype, broadcast to whatever needs it (0-d). */
    record Scalar(String name, double doubleValue, long longValue, DType dtype, Chunks chunks) implements Expr {
    }

    /** NumPy broadcasting of {@code input} (aligned to the right) to a larger shape, lazily. */
    record Broadcast(String name, Expr input, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    record Unary(String name, UnaryOp op, Expr input, DType dtype) implements Expr {
        @Override
        public Chunks chunks() {
            return input.chunks();
        }
    }

    /** Both operands have the same shape, chunks and computation dtype; the result dtype may be bool. */
    record Binary(String name, BinaryOp op, Expr left, Expr right, DType dtype) implements Expr {
        @Override
        public Chunks chunks() {
            return left.chunks();
        }
    }

    record Where(String name, Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
        @Override
        public DType dtype() {
            return ifTrue.dtype();
        }

        @Override
        public Chunks chunks() {
            return condition.chunks();
        }
    }

    record Cast(String name, Expr input, DType dtype) implements Expr {
        @Override
        public Chunks chunks() {
            return input.chunks();
        }
    }

    record Clip(String name, Expr input, double min, double max) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }

        @Override
        public Chunks chunks() {
            return input.chunks();
        }
    }

    /**
     * A reduction over {@code axes} (sorted), combined in a tree of fan-in {@code splitEvery}. With a
     * grouping, one of the reduced axes is reduced per group instead (the result has one element per
     * group along it): a groupby reduction as a single map-reduce over the blocks.
     */
    record Reduce(String name, Expr input, Reduction reduction, int[] axes, boolean keepdims, int ddof,
                  int splitEvery, Grouping grouping, DType dtype, Chunks chunks) implements Expr {
    }

    /**
     * Group membership along one axis: element i belongs to group {@code codes[i]} (-1: to none).
     *
     * @param count number of groups, the result's length along the axis
     */
    record Grouping(int axis, int[] codes, int count) implements Serializable {
    }

    /** Elements at {@code indices} (in any order, repeats allowed) along one axis. */
    record Take(String name, Expr input, int axis, long[] indices, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    record Transpose(String name, Expr input, int[] permutation, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    record Rechunk(String name, Expr input, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    /** A reshape whose input is already chunked so that every block keeps its row-major data. */
    record Reshape(String name, Expr input, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    /** A strided selection of a non-source input (sources slice into their region instead). */
    record Slice(String name, Expr input, long[] start, long[] step, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    /** Inputs share dtype and all axes but {@code axis}; output blocks are the inputs' blocks. */
    record Concat(String name, List<Expr> inputs, int axis, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return inputs.get(0).dtype();
        }
    }

    /**
     * Each output block is a function of chosen input blocks (dask's general {@code blockwise}, e.g. the
     * partial products of a matrix product).
     */
    record Blockwise(String name, List<Expr> inputs, MultiBlockFunction function, BlockSelector selector, DType dtype,
                     Chunks chunks) implements Expr {
    }

    /** A user function applied to corresponding blocks of inputs with the same block grid. */
    record MapBlocks(String name, List<Expr> inputs, MultiBlockFunction function, DType dtype, Chunks chunks)
            implements Expr {
    }
}
