package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lazuli.kernel.TileOps;

/**
 * Evaluates a {@link Plan} over one block, {@value #TILE} elements at a time: every operation of a
 * fused chain runs over the same small tile (which stays in the CPU cache) and no intermediate block
 * is allocated. Floating-point plans run in the double lane, integer and bool plans in the long lane.
 */
final class FusedEvaluator {
    /** Elements per tile: 8 KiB of doubles, comfortably inside L1/L2 with a few operands. */
    static final int TILE = 1024;

    private FusedEvaluator() {
    }

    /** Evaluates the plan into a new block of {@code shape}. */
    static DenseArray evaluate(Plan plan, long[] shape, Object[] inputs) {
        if (plan instanceof Plan.Input input) {
            return (DenseArray) inputs[input.slot()];
        }
        if (plan instanceof Plan.Read read && !(read.source() instanceof Generator)) {
            return checkedRead(read);
        }
        DType dtype = plan.dtype();
        int n = Shapes.toIntSize(shape, "A block");
        Object storage = DenseArray.allocate(dtype, n);
        Node root = build(plan, shape, inputs);
        if (root.longLane) {
            long[] tile = new long[Math.min(TILE, Math.max(n, 1))];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                root.evalL(from, len, tile);
                DenseArray.writeL(storage, dtype, from, tile, 0, len);
            }
        } else {
            double[] tile = new double[Math.min(TILE, Math.max(n, 1))];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                root.evalD(from, len, tile);
                DenseArray.writeD(storage, dtype, from, tile, 0, len);
            }
        }
        return DenseArray.wrap(dtype, shape.clone(), storage);
    }

    static DenseArray checkedRead(Plan.Read read) {
        return checked(read, read.source().read(read.start(), read.step(), read.count()));
    }

    /**
     * As {@link #checkedRead}, into this thread's scratch storage where the source fills it: the block
     * must not leave the caller's task, and is overwritten by the thread's next such read.
     */
    static DenseArray checkedReadIntoScratch(Plan.Read read) {
        int n = Shapes.toIntSize(read.count(), "A block");
        return checked(read, read.source().readInto(read.start(), read.step(), read.count(),
                () -> ScratchBlocks.get(read.source().dtype(), n)));
    }

    private static DenseArray checked(Plan.Read read, DenseArray block) {
        if (!Arrays.equals(block.shapeRef(), read.count()) || block.dtype() != read.source().dtype()) {
            throw new IllegalStateException("Source " + read.source().label() + " returned a block of shape "
                    + Shapes.format(block.shapeRef()) + " and dtype " + block.dtype() + " where "
                    + Shapes.format(read.count()) + " " + read.source().dtype() + " was asked for");
        }
        return block;
    }

    /** Builds the tile evaluator of a plan, converting its values to the requested lane if needed. */
    static Node buildInLane(Plan plan, long[] shape, Object[] inputs, boolean longLane) {
        Node root = build(plan, shape, inputs);
        return root.longLane == longLane ? root : new ElementwiseOp.CastNode(root, longLane ? DType.INT64 : DType.FLOAT64);
    }

    /** Builds the tile evaluator of a plan for a block of {@code shape}. */
    static Node build(Plan plan, long[] shape, Object[] inputs) {
        if (plan instanceof Plan.Input input) {
            return new DenseLeaf((DenseArray) inputs[input.slot()]);
        } else if (plan instanceof Plan.Read read) {
            if (read.source() instanceof Generator.Constant constant) {
                return new ConstLeaf(constant.dtype(), constant.value, (long) constant.value);
            }
            if (read.source() instanceof Generator generator) {
                return new GeneratorLeaf(generator, StridedRuns.ofRegion(generator.shapeRef(), read.start(),
                        read.step(), read.count()));
            }
            return new DenseLeaf(checkedRead(read));
        } else if (plan instanceof Plan.Constant c) {
            return new ConstLeaf(c.dtype(), c.doubleValue(), c.longValue());
        } else if (plan instanceof Plan.Broadcast b) {
            if (b.input() instanceof Plan.Constant c) {
                return new ConstLeaf(c.dtype(), c.doubleValue(), c.longValue());
            }
            DenseArray small = evaluate(b.input(), b.inputShape(), inputs);
            return new DenseLeaf(small, broadcastRuns(b.inputShape(), shape));
        } else if (plan instanceof Plan.Elementwise op) {
            List<Node> inputNodes = new ArrayList<>(op.inputs().size());
            for (Plan input : op.inputs()) {
                inputNodes.add(build(input, shape, inputs));
            }
            return op.op().kernel(inputNodes, op.dtype());
        }
        throw new IllegalStateException("Unknown plan node " + plan);
    }

    /** Runs over a right-aligned input of {@code inputShape} broadcast to {@code shape} (stride 0 on stretched axes). */
    private static StridedRuns broadcastRuns(long[] inputShape, long[] shape) {
        int offset = shape.length - inputShape.length;
        long[] inputStrides = Shapes.strides(inputShape);
        long[] strides = new long[shape.length];
        for (int k = 0; k < inputShape.length; k++) {
            strides[k + offset] = inputShape[k] == 1 && shape[k + offset] != 1 ? 0 : inputStrides[k];
        }
        return new StridedRuns(shape, 0, strides);
    }

    /** Applies the element type's rounding after an operation: float32 rounding, integer wrap-around. */
    static void finishD(DType dtype, double[] out, int len) {
        if (dtype == DType.FLOAT32) {
            TileOps.roundToFloat(out, len);
        }
    }

    static void finishL(DType dtype, long[] out, int len) {
        switch (dtype) {
            case INT32 -> TileOps.narrow(out, len, 32, false);
            case INT16 -> TileOps.narrow(out, len, 16, false);
            case INT8 -> TileOps.narrow(out, len, 8, false);
            case UINT8 -> TileOps.narrow(out, len, 8, true);
            case BOOL -> TileOps.toBool(out, len);
            default -> {
            }
        }
    }

    /** One node of a tile evaluator; evaluates elements [start, start + len) of the block. */
    abstract static class Node {
        final DType dtype;
        final boolean longLane;

        Node(DType dtype) {
            this.dtype = dtype;
            this.longLane = !dtype.isFloat();
        }

        abstract void evalD(int start, int len, double[] out);

        abstract void evalL(int start, int len, long[] out);
    }

    /** Reads a dense block, directly or through broadcasting runs. */
    static final class DenseLeaf extends Node {
        private final DenseArray block;
        private final StridedRuns runs;

        DenseLeaf(DenseArray block) {
            this(block, null);
        }

        DenseLeaf(DenseArray block, StridedRuns runs) {
            super(block.dtype());
            this.block = block;
            this.runs = runs;
        }

        DenseArray block() {
            return runs == null ? block : null;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            if (runs == null) {
                block.readD(start, out, 0, len);
                return;
            }
            runs.forRuns(start, len, (off, first, stride, n) -> {
                if (stride == 0) {
                    Arrays.fill(out, off, off + n, block.getD((int) first));
                } else {
                    block.readD((int) first, out, off, n);
                }
            });
        }

        @Override
        void evalL(int start, int len, long[] out) {
            if (runs == null) {
                block.readL(start, out, 0, len);
                return;
            }
            runs.forRuns(start, len, (off, first, stride, n) -> {
                if (stride == 0) {
                    Arrays.fill(out, off, off + n, block.getL((int) first));
                } else {
                    block.readL((int) first, out, off, n);
                }
            });
        }
    }

    static final class ConstLeaf extends Node {
        private final double doubleValue;
        private final long longValue;

        ConstLeaf(DType dtype, double doubleValue, long longValue) {
            super(dtype);
            this.doubleValue = doubleValue;
            this.longValue = longValue;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            Arrays.fill(out, 0, len, doubleValue);
        }

        @Override
        void evalL(int start, int len, long[] out) {
            Arrays.fill(out, 0, len, longValue);
        }
    }

    /** Generates values straight into the tile. */
    static final class GeneratorLeaf extends Node {
        private final Generator generator;
        private final StridedRuns runs;

        GeneratorLeaf(Generator generator, StridedRuns runs) {
            super(generator.dtype());
            this.generator = generator;
            this.runs = runs;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            runs.forRuns(start, len, (off, first, stride, n) -> generator.fill(first, stride, out, off, n));
        }

        @Override
        void evalL(int start, int len, long[] out) {
            runs.forRuns(start, len, (off, first, stride, n) -> generator.fill(first, stride, out, off, n));
        }
    }
}
