package org.lazuli.array;

import java.io.Serializable;
import org.lazuli.graph.TaskFunction;
import org.lazuli.kernel.ReductionState;

/** The chunk and combine steps of a chunked reduction. */
final class ReductionTasks {
    private ReductionTasks() {
    }

    /** What every task of one reduction shares. */
    record ReduceSpec(Reduction reduction, DType inputType, DType outputType, boolean longLane, int argAxis,
                      long[] inputShape, boolean allAxes, int ddof, Expr.Grouping grouping)
            implements Serializable {
        static ReduceSpec of(Expr.Reduce r, Expr input) {
            int[] axes = r.axes();
            int nd = input.shape().length;
            boolean all = axes.length == nd && r.grouping() == null;
            int argAxis = r.reduction().isArg() && axes.length != nd ? axes[0] : -1;
            return new ReduceSpec(r.reduction(), input.dtype(), r.dtype(), r.reduction().usesLongLane(input.dtype()),
                    argAxis, input.shape(), all, r.ddof(), r.grouping());
        }

        /** About what a partial state holds per output position (a value and a count, or two moments). */
        static final int STATE_BYTES_PER_POSITION = 16;

        ReductionState newWindow(int offset, int positions) {
            return ReductionState.createWindow(reduction.statistic(), reduction.skipsNaN(), longLane, offset, positions);
        }

        /** Turns a complete state into the output block (a window of it widened to the whole block first). */
        DenseArray finish(ReductionState partial, long[] outShape) {
            ReductionState state = partial.widened(0, Shapes.toIntSize(outShape, "A reduction's output block"));
            int n = state.positions();
            Object storage = DenseArray.allocate(outputType, n);
            if (reduction.isArg()) {
                long[] index = state.finishLong();
                for (long i : index) {
                    if (i < 0) {
                        throw new IllegalArgumentException("All-NaN slice encountered in " + reduction.label()
                                + "; use " + reduction.label().replace("nan", "") + " or fill the NaNs first");
                    }
                }
                DenseArray.writeL(storage, outputType, 0, index, 0, n);
            } else if (outputType.isFloat()) {
                double[] values = state.finishDouble(ddof);
                if (reduction.isStd()) {
                    for (int i = 0; i < n; i++) {
                        values[i] = Math.sqrt(values[i]);
                    }
                }
                DenseArray.writeD(storage, outputType, 0, values, 0, n);
            } else {
                DenseArray.writeL(storage, outputType, 0, state.finishLong(), 0, n);
            }
            return DenseArray.wrap(outputType, outShape.clone(), storage);
        }
    }

    /**
     * Reduces one input block (evaluated from its fused plan) to a partial state, or to the result if it
     * is the only block. A piece that {@code continues} the previous piece of its block adds its values to
     * a copy of that piece's state, its first input.
     */
    record ReduceChunk(ReduceSpec spec, Plan plan, long[] blockShape, long[] blockStart, boolean[] reduced,
                       boolean finish, long[] outShape, boolean continues) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            int nd = blockShape.length;
            int groupAxis = spec.grouping() == null ? -1 : spec.grouping().axis();
            int positions = 1;
            for (int k = 0; k < nd; k++) {
                if (k == groupAxis) {
                    positions = Math.multiplyExact(positions, spec.grouping().count());
                } else if (!reduced[k]) {
                    positions = Math.multiplyExact(positions, (int) blockShape[k]);
                }
            }
            int[] window = window(positions, groupAxis);
            // a copy of the previous piece's state: it stays as it was should this task run again
            ReductionState state;
            if (continues) {
                ReductionState previous = (ReductionState) inputs[0];
                int from = previous.positions() == 0 ? window[0] : window[1] == 0 ? previous.offset()
                        : Math.min(previous.offset(), window[0]);
                int to = Math.max(previous.positions() == 0 ? 0 : previous.offset() + previous.positions(),
                        window[1] == 0 ? 0 : window[0] + window[1]);
                ReductionState wide = previous.widened(from, Math.max(to - from, 0));
                state = wide == previous ? previous.copy() : wide;
            } else {
                state = spec.newWindow(window[0], window[1]);
            }
            int n = Shapes.toIntSize(blockShape, "A block");
            if (spec.allAxes() && !spec.reduction().isArg()) {
                stream(state, n, inputs);
            } else {
                walkRows(state, n, inputs);
            }
            return finish ? spec.finish(state, outShape) : state;
        }

        /**
         * The output positions this block can reach, as {offset, count}: all of them, except for a grouped
         * reduction, whose block touches only the groups its labels fall in (a chunk of 73 days, 3 or 4 of
         * a climatology's 12 months), so that its state, and every merge of it, holds those alone.
         */
        private int[] window(int positions, int groupAxis) {
            if (groupAxis < 0) {
                return new int[] {0, positions};
            }
            int[] codes = spec.grouping().codes();
            int low = Integer.MAX_VALUE;
            int high = -1;
            for (long i = blockStart[groupAxis], end = i + blockShape[groupAxis]; i < end; i++) {
                int code = codes[(int) i];
                if (code >= 0) {
                    low = Math.min(low, code);
                    high = Math.max(high, code);
                }
            }
            if (high < 0) {
                return new int[] {0, 0};
            }
            long[] strides = positionStrides(groupAxis);
            long first = low * strides[groupAxis];
            long last = high * strides[groupAxis];
            for (int k = 0; k < blockShape.length; k++) {
                if (k != groupAxis && !reduced[k]) {
                    last += (blockShape[k] - 1) * strides[k];
                }
            }
            return new int[] {(int) first, (int) (last - first + 1)};
        }

        /** Row-major strides of the output positions over the block's axes (kept axes, the grouped axis by group). */
        private long[] positionStrides(int groupAxis) {
            int nd = blockShape.length;
            long[] positionStride = new long[nd];
            long stride = 1;
            for (int k = nd - 1; k >= 0; k--) {
                if (k == groupAxis) {
                    positionStride[k] = stride;
                    stride *= spec.grouping().count();
                } else if (!reduced[k]) {
                    positionStride[k] = stride;
                    stride *= blockShape[k];
                }
            }
            return positionStride;
        }

        /** Every element into position 0, a tile at a time: no block is materialised. */
        private void stream(ReductionState state, int n, Object[] inputs) {
            FusedEvaluator.Node root = FusedEvaluator.buildInLane(plan, blockShape, inputs, spec.longLane());
            if (spec.longLane()) {
                long[] tile = new long[Math.min(FusedEvaluator.TILE, Math.max(n, 1))];
                for (int from = 0; from < n; from += tile.length) {
                    int len = Math.min(tile.length, n - from);
                    root.evalL(from, len, tile);
                    state.acceptRun(0, tile, 0, len, 0);
                }
            } else {
                double[] tile = new double[Math.min(FusedEvaluator.TILE, Math.max(n, 1))];
                for (int from = 0; from < n; from += tile.length) {
                    int len = Math.min(tile.length, n - from);
                    root.evalD(from, len, tile);
                    state.acceptRun(0, tile, 0, len, 0);
                }
            }
        }

        /**
         * Feeds the block row by row (rows along the last axis). Each row is read straight from the
         * input block when it already has the state's lane, or evaluated from the plan a tile at a time,
         * so no widened copy of the block is made.
         */
        private void walkRows(ReductionState state, int n, Object[] inputs) {
            int nd = blockShape.length;
            Rows rows = new Rows(plan, blockShape, inputs, spec.longLane(),
                    ReductionState.acceptsFloats(spec.reduction().statistic()));
            if (nd == 0) {
                rows.accept(0, n, (values, off, len, piece) -> accept(state, values, off, len, 0, 0, true));
                return;
            }
            if (n == 0) {
                return;
            }
            int last = nd - 1;
            int rowLength = (int) blockShape[last];
            Expr.Grouping grouping = spec.grouping();
            int groupAxis = grouping == null ? -1 : grouping.axis();
            long[] positionStride = positionStrides(groupAxis);
            long[] inputStrides = Shapes.strides(spec.inputShape());
            int[] idx = new int[nd];
            int rowCount = n / rowLength;
            for (int row = 0; row < rowCount; row++) {
                int base = 0;
                long flatBase = 0;
                boolean excluded = false;
                for (int k = 0; k < last; k++) {
                    if (k == groupAxis) {
                        int code = grouping.codes()[(int) (blockStart[k] + idx[k])];
                        excluded |= code < 0;
                        base += (int) (code * positionStride[k]);
                    } else {
                        base += (int) (idx[k] * positionStride[k]);
                    }
                    flatBase += (blockStart[k] + idx[k]) * inputStrides[k];
                }
                final int position = base;
                final long flatIndex = flatBase + blockStart[last];
                final long argIndex = spec.argAxis() >= 0 && spec.argAxis() < last
                        ? blockStart[spec.argAxis()] + idx[spec.argAxis()] : 0;
                if (!excluded) {
                    rows.accept(row * rowLength, rowLength, (values, off, len, piece) -> {
                        if (last == groupAxis) {
                            for (int j = 0; j < len; j++) {
                                int code = grouping.codes()[(int) (blockStart[last] + piece + j)];
                                if (code >= 0) {
                                    int p = (int) (position + code * positionStride[last]);
                                    accept(state, values, off + j, 1, p, 0, true);
                                }
                            }
                        } else if (reduced[last]) {
                            long first = (spec.argAxis() >= 0 ? blockStart[last] : flatIndex) + piece;
                            accept(state, values, off, len, position, first, true);
                        } else {
                            accept(state, values, off, len, position + piece, argIndex, false);
                        }
                    });
                }
                for (int k = last - 1; k >= 0; k--) {
                    if (++idx[k] < blockShape[k]) {
                        break;
                    }
                    idx[k] = 0;
                }
            }
        }

        /** Adds values at an absolute output {@code position} (shifted into the state's window). */
        private static void accept(ReductionState state, Object values, int off, int len, int absolute, long index,
                                   boolean run) {
            int position = absolute - state.offset();
            if (values instanceof long[] l) {
                if (run) {
                    state.acceptRun(position, l, off, len, index);
                } else {
                    state.acceptSpread(position, l, off, len, index);
                }
            } else if (values instanceof float[] f) {
                if (run) {
                    state.acceptRun(position, f, off, len);
                } else {
                    state.acceptSpread(position, f, off, len);
                }
            } else if (run) {
                state.acceptRun(position, (double[]) values, off, len, index);
            } else {
                state.acceptSpread(position, (double[]) values, off, len, index);
            }
        }
    }

    /** Receives a piece of a row: values[off .. off + len) are the row's elements from {@code piece} on. */
    @FunctionalInterface
    private interface Piece {
        void accept(Object values, int off, int len, int piece);
    }

    /** Reads ranges of a block in the state's lane: from the input block directly, or evaluated a tile at a time. */
    private static final class Rows {
        private final Object direct;
        private final FusedEvaluator.Node root;
        private final double[] doubleTile;
        private final long[] longTile;

        /** {@code floats}: the statistic takes float32 values in place (a float32 block is then read directly). */
        Rows(Plan plan, long[] blockShape, Object[] inputs, boolean longLane, boolean floats) {
            DenseArray block = plan instanceof Plan.Input input ? (DenseArray) inputs[input.slot()]
                    : plan instanceof Plan.Read read && !(read.source() instanceof Generator)
                    && (read.source().dtype() == DType.FLOAT32 && floats || read.source().dtype() == DType.FLOAT64)
                    ? FusedEvaluator.checkedReadIntoScratch(read) : null;   // read from a file, reduced where it lies
            Object data = block == null ? null : block.data();
            if (longLane ? data instanceof long[] : data instanceof double[] || floats && data instanceof float[]) {
                direct = data;
                root = null;
                doubleTile = null;
                longTile = null;
            } else {
                direct = null;
                root = FusedEvaluator.buildInLane(plan, blockShape, inputs, longLane);
                doubleTile = longLane ? null : new double[FusedEvaluator.TILE];
                longTile = longLane ? new long[FusedEvaluator.TILE] : null;
            }
        }

        void accept(int offset, int length, Piece piece) {
            if (direct != null) {
                piece.accept(direct, offset, length, 0);
                return;
            }
            for (int done = 0; done < length; done += FusedEvaluator.TILE) {
                int len = Math.min(FusedEvaluator.TILE, length - done);
                if (longTile != null) {
                    root.evalL(offset + done, len, longTile);
                    piece.accept(longTile, 0, len, done);
                } else {
                    root.evalD(offset + done, len, doubleTile);
                    piece.accept(doubleTile, 0, len, done);
                }
            }
        }
    }

    /** Merges partial states (in index order), finishing at the top of the tree. */
    record ReduceCombine(ReduceSpec spec, int positions, boolean finish, long[] outShape) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            // the union of the inputs' windows (chunks of a climatology hold a few groups each)
            int from = Integer.MAX_VALUE;
            int to = 0;
            for (Object input : inputs) {
                ReductionState state = (ReductionState) input;
                if (state.positions() > 0) {
                    from = Math.min(from, state.offset());
                    to = Math.max(to, state.offset() + state.positions());
                }
            }
            ReductionState merged = spec.newWindow(from > to ? 0 : from, from > to ? 0 : to - from);
            for (Object input : inputs) {
                if (((ReductionState) input).positions() > 0) {
                    merged.combine((ReductionState) input);
                }
            }
            return finish ? spec.finish(merged, outShape) : merged;
        }
    }
}
