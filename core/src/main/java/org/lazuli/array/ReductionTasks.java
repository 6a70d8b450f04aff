package org.lazuli.array;

import org.lazuli.graph.TaskFunction;
import org.lazuli.kernel.ReductionState;

/** The chunk and combine steps of a chunked reduction. */
final class ReductionTasks {
    private ReductionTasks() {
    }

    /** What every task of one reduction shares. */
    record ReduceSpec(Reduction reduction, DType inputType, DType outputType, boolean longLane, int argAxis,
                      long[] inputShape, boolean allAxes, int ddof, Expr.Grouping grouping)
            implements java.io.Serializable {
        static ReduceSpec of(Expr.Reduce r, Expr input) {
            int[] axes = r.axes();
            int nd = input.shape().length;
            boolean all = axes.length == nd && r.grouping() == null;
            int argAxis = r.reduction().isArg() && axes.length != nd ? axes[0] : -1;
            return new ReduceSpec(r.reduction(), input.dtype(), r.dtype(), r.reduction().usesLongLane(input.dtype()),
                    argAxis, input.shape(), all, r.ddof(), r.grouping());
        }

        ReductionState newState(int positions) {
            return ReductionState.create(reduction.statistic(), reduction.skipsNaN(), longLane, positions);
        }

        /** Turns a complete state into the output block. */
        DenseArray finish(ReductionState state, long[] outShape) {
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

    /** Reduces one input block (evaluated from its fused plan) to a partial state, or to the result if it is the only block. */
    record ReduceChunk(ReduceSpec spec, Plan plan, long[] blockShape, long[] blockStart, boolean[] reduced,
                       boolean finish, long[] outShape) implements TaskFunction {
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
            ReductionState state = spec.newState(positions);
            int n = Shapes.toIntSize(blockShape, "A block");
            if (spec.allAxes() && !spec.reduction().isArg()) {
                stream(state, n, inputs);
            } else {
                walkRows(state, n, inputs);
            }
            return finish ? spec.finish(state, outShape) : state;
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

        /** Materialises the block in the state's lane, then feeds it row by row (rows along the last axis). */
        private void walkRows(ReductionState state, int n, Object[] inputs) {
            int nd = blockShape.length;
            double[] doubles = null;
            long[] longs = null;
            if (spec.longLane()) {
                longs = laneLongs(n, inputs);
            } else {
                doubles = laneDoubles(n, inputs);
            }
            if (nd == 0) {
                if (longs != null) {
                    state.acceptRun(0, longs, 0, n, 0);
                } else {
                    state.acceptRun(0, doubles, 0, n, 0);
                }
                return;
            }
            if (n == 0) {
                return;
            }
            int last = nd - 1;
            int rowLength = (int) blockShape[last];
            Expr.Grouping grouping = spec.grouping();
            int groupAxis = grouping == null ? -1 : grouping.axis();
            // row-major strides over the output axes of the block (kept axes, and the grouped axis by group)
            long[] positionStride = new long[nd];
            long stride = 1;
            for (int k = nd - 1; k >= 0; k--) {
                if (k == groupAxis) {
                    positionStride[k] = stride;
                    stride *= grouping.count();
                } else if (!reduced[k]) {
                    positionStride[k] = stride;
                    stride *= blockShape[k];
                }
            }
            long[] inputStrides = Shapes.strides(spec.inputShape());
            int[] idx = new int[nd];
            int rows = n / rowLength;
            for (int row = 0; row < rows; row++) {
                int position = 0;
                long flatIndex = 0;
                boolean excluded = false;
                for (int k = 0; k < last; k++) {
                    if (k == groupAxis) {
                        int code = grouping.codes()[(int) (blockStart[k] + idx[k])];
                        excluded |= code < 0;
                        position += (int) (code * positionStride[k]);
                    } else {
                        position += (int) (idx[k] * positionStride[k]);
                    }
                    flatIndex += (blockStart[k] + idx[k]) * inputStrides[k];
                }
                flatIndex += blockStart[last];
                int offset = row * rowLength;
                if (excluded) {
                    // this row's group is excluded from every group
                } else if (last == groupAxis) {
                    for (int j = 0; j < rowLength; j++) {
                        int code = grouping.codes()[(int) (blockStart[last] + j)];
                        if (code >= 0) {
                            int p = (int) (position + code * positionStride[last]);
                            if (longs != null) {
                                state.acceptRun(p, longs, offset + j, 1, 0);
                            } else {
                                state.acceptRun(p, doubles, offset + j, 1, 0);
                            }
                        }
                    }
                } else if (reduced[last]) {
                    long firstIndex = spec.argAxis() >= 0 ? blockStart[last] : flatIndex;
                    if (longs != null) {
                        state.acceptRun(position, longs, offset, rowLength, firstIndex);
                    } else {
                        state.acceptRun(position, doubles, offset, rowLength, firstIndex);
                    }
                } else {
                    long index = spec.argAxis() >= 0 ? blockStart[spec.argAxis()] + idx[spec.argAxis()] : 0;
                    if (longs != null) {
                        state.acceptSpread(position, longs, offset, rowLength, index);
                    } else {
                        state.acceptSpread(position, doubles, offset, rowLength, index);
                    }
                }
                for (int k = last - 1; k >= 0; k--) {
                    if (++idx[k] < blockShape[k]) {
                        break;
                    }
                    idx[k] = 0;
                }
            }
        }

        private double[] laneDoubles(int n, Object[] inputs) {
            DenseArray direct = directBlock(inputs);
            if (direct != null && direct.data() instanceof double[] d) {
                return d;   // read-only use of the input block: no copy
            }
            double[] out = new double[n];
            FusedEvaluator.Node root = FusedEvaluator.buildInLane(plan, blockShape, inputs, false);
            double[] tile = new double[FusedEvaluator.TILE];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                root.evalD(from, len, tile);
                System.arraycopy(tile, 0, out, from, len);
            }
            return out;
        }

        private long[] laneLongs(int n, Object[] inputs) {
            DenseArray direct = directBlock(inputs);
            if (direct != null && direct.data() instanceof long[] l) {
                return l;
            }
            long[] out = new long[n];
            FusedEvaluator.Node root = FusedEvaluator.buildInLane(plan, blockShape, inputs, true);
            long[] tile = new long[FusedEvaluator.TILE];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                root.evalL(from, len, tile);
                System.arraycopy(tile, 0, out, from, len);
            }
            return out;
        }

        private DenseArray directBlock(Object[] inputs) {
            if (plan instanceof Plan.Input input) {
                return (DenseArray) inputs[input.slot()];
            }
            return null;
        }
    }

    /** Merges partial states (in index order), finishing at the top of the tree. */
    record ReduceCombine(ReduceSpec spec, int positions, boolean finish, long[] outShape) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            ReductionState merged = spec.newState(positions);
            for (Object input : inputs) {
                merged.combine((ReductionState) input);
            }
            return finish ? spec.finish(merged, outShape) : merged;
        }
    }
}
