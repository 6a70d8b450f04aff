package org.lazuli.array;

import java.io.Serializable;
import java.util.List;

/**
 * The immutable expression behind a {@link ChunkedArray}: what to compute, not how. Lowering to
 * tasks happens only at compute time ({@link Lowering}), after the simplification pass ({@link
 * Simplifier}). Every node knows its name (deterministic), dtype, chunks and inputs.
 */
sealed interface Expr extends Serializable {
    String name();

    DType dtype();

    Chunks chunks();

    /** Nodes evaluated inside their consumer's task, one tile at a time (no block per operation). */
    default boolean isFusable() {
        return this instanceof Source || this instanceof Scalar || this instanceof Broadcast
                || this instanceof Elementwise;
    }

    /** The expressions this one is computed from, in order. */
    default List<Expr> inputs() {
        return List.of();
    }

    /**
     * This node over other inputs of the same dtypes, shapes and chunks (what a rewrite of its inputs
     * gives): the values are the same, so the name is kept, except where it is derived from the inputs'.
     */
    default Expr withInputs(List<Expr> replaced) {
        return this;
    }

    default long[] shape() {
        return chunks().shape();
    }

    /**
     * A region of a source: element {@code i} along axis k is the source's
     * {@code start[k] + i * step[k]}. A slice of a source is simplified into its region, so only what is
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

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Broadcast(name, replaced.get(0), chunks);
        }
    }

    /**
     * An elementwise operation of inputs with the same shape and chunks, each already of the dtype the
     * operation's type rule asks for ({@link Exprs#elementwise}); the result dtype may differ (bool for
     * comparisons).
     */
    record Elementwise(String name, ElementwiseOp op, List<Expr> inputs, DType dtype) implements Expr {
        @Override
        public Chunks chunks() {
            return inputs.get(0).chunks();
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return Exprs.elementwiseOf(op, replaced, dtype);
        }
    }

    /**
     * A reduction over {@code axes} (sorted), combined in a tree of fan-in {@code splitEvery}. With a
     * grouping, one of the reduced axes is reduced per group instead (the result has one element per
     * group along it): a groupby reduction as a single map-reduce over the blocks.
     */
    record Reduce(String name, Expr input, Reduction reduction, int[] axes, boolean keepdims, int ddof,
                  int splitEvery, Grouping grouping, DType dtype, Chunks chunks) implements Expr {
        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Reduce(name, replaced.get(0), reduction, axes, keepdims, ddof, splitEvery, grouping, dtype, chunks);
        }
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

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Take(name, replaced.get(0), axis, indices, chunks);
        }
    }

    record Transpose(String name, Expr input, int[] permutation, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Transpose(name, replaced.get(0), permutation, chunks);
        }
    }

    record Rechunk(String name, Expr input, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Rechunk(name, replaced.get(0), chunks);
        }
    }

    /** A reshape whose input is already chunked so that every block keeps its row-major data. */
    record Reshape(String name, Expr input, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Reshape(name, replaced.get(0), chunks);
        }
    }

    /**
     * A strided selection, as built; the simplification pass ({@link Simplifier}) moves it down into
     * source regions where it can, so it is lowered only over inputs it cannot pass.
     */
    record Slice(String name, Expr input, long[] start, long[] step, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return input.dtype();
        }

        @Override
        public List<Expr> inputs() {
            return List.of(input);
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Slice(name, replaced.get(0), start, step, chunks);
        }
    }

    /** Inputs share dtype and all axes but {@code axis}; output blocks are the inputs' blocks. */
    record Concat(String name, List<Expr> inputs, int axis, Chunks chunks) implements Expr {
        @Override
        public DType dtype() {
            return inputs.get(0).dtype();
        }

        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Concat(name, List.copyOf(replaced), axis, chunks);
        }
    }

    /**
     * Each output block is a function of chosen input blocks (dask's general {@code blockwise}, e.g. the
     * partial products of a matrix product).
     */
    record Blockwise(String name, List<Expr> inputs, MultiBlockFunction function, BlockSelector selector, DType dtype,
                     Chunks chunks) implements Expr {
        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new Blockwise(name, List.copyOf(replaced), function, selector, dtype, chunks);
        }
    }

    /** A user function applied to corresponding blocks of inputs with the same block grid. */
    record MapBlocks(String name, List<Expr> inputs, MultiBlockFunction function, DType dtype, Chunks chunks)
            implements Expr {
        @Override
        public Expr withInputs(List<Expr> replaced) {
            return new MapBlocks(name, List.copyOf(replaced), function, dtype, chunks);
        }
    }
}
