package org.lazuli.array;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the chunk step of a reduction over a large block into pieces along a reduced axis, each
 * read and reduced by its own task: the block is never held whole (a 365-day block of a daily
 * 1-degree field is 95 MB; its pieces are about 16 MiB), and the pieces of one block run in parallel.
 * Splitting a reduced axis leaves the partial state's positions unchanged, so merging the pieces' states
 * in order gives the block's state. Piece edges fall on the source's storage chunks, so no stored chunk
 * is decoded by two pieces.
 *
 * <p>Only plans that read their sources inside the task are split: a block that is a task input is
 * already in memory whole.
 */
final class ReducePieces {
    /** Elements per piece to aim for: 16 MiB of float32, 32 MiB of float64. */
    static final long TARGET_ELEMENTS = Long.getLong("lazuli.reducePieceElements", 1L << 22);

    /** One piece: its plan, shape and start within the input array. */
    record Piece(Plan plan, long[] shape, long[] start) {
    }

    private ReducePieces() {
    }

    /** The pieces of one block, or a list of one (the block itself) when it is small or cannot be split. */
    static List<Piece> split(Plan plan, long[] blockShape, long[] blockStart, boolean[] reduced) {
        return split(plan, blockShape, blockStart, reduced, TARGET_ELEMENTS);
    }

    /** As {@link #split(Plan, long[], long[], boolean[])}, aiming at {@code target} elements per piece. */
    static List<Piece> split(Plan plan, long[] blockShape, long[] blockStart, boolean[] reduced, long target) {
        List<Piece> whole = List.of(new Piece(plan, blockShape, blockStart));
        long elements = Shapes.size(blockShape);
        if (elements <= 2 * target || !readsInside(plan)) {
            return whole;
        }
        Plan.Read read = firstRead(plan, blockShape.length);
        long[] storageChunks = read == null ? null : read.source().storageChunks();
        for (int axis = 0; axis < blockShape.length; axis++) {
            if (!reduced[axis] || blockShape[axis] < 2) {
                continue;
            }
            long perIndex = elements / blockShape[axis];
            long stored = read == null || read.step()[axis] != 1 ? 1 : storageChunks[axis];
            long length = Math.max(stored, Math.max(1, target / perIndex) / stored * stored);
            if (length >= blockShape[axis]) {
                continue;
            }
            long origin = read == null ? 0 : read.start()[axis];   // edges at multiples of length in the source
            List<Piece> pieces = new ArrayList<>();
            for (long from = 0; from < blockShape[axis]; ) {
                long end = Math.min(blockShape[axis], ((origin + from) / length + 1) * length - origin);
                long[] shape = blockShape.clone();
                shape[axis] = end - from;
                long[] start = blockStart.clone();
                start[axis] += from;
                pieces.add(new Piece(slice(plan, blockShape, axis, from, end - from), shape, start));
                from = end;
            }
            return pieces;
        }
        return whole;
    }

    /** Whether every leaf is a source read or a constant (no task input). */
    private static boolean readsInside(Plan plan) {
        return !(plan instanceof Plan.Input) && plan.inputs().stream().allMatch(ReducePieces::readsInside);
    }

    /** The first read of the block's own rank (broadcast operands are skipped), or null. */
    private static Plan.Read firstRead(Plan plan, int rank) {
        if (plan instanceof Plan.Read r) {
            return r.count().length == rank ? r : null;
        } else if (plan instanceof Plan.Elementwise op) {
            List<Plan> inputs = op.inputs();
            // where: the values before the condition
            List<Plan> order = op.op() instanceof ElementwiseOp.Select
                    ? List.of(inputs.get(1), inputs.get(2), inputs.get(0)) : inputs;
            for (Plan input : order) {
                Plan.Read read = firstRead(input, rank);
                if (read != null) {
                    return read;
                }
            }
        }
        return null;
    }

    /** The plan of elements {@code [from, from + length)} along {@code axis} of a block of {@code shape}. */
    static Plan slice(Plan plan, long[] shape, int axis, long from, long length) {
        if (plan instanceof Plan.Read r) {
            long[] start = r.start().clone();
            long[] count = r.count().clone();
            start[axis] += from * r.step()[axis];
            count[axis] = length;
            return new Plan.Read(r.source(), start, r.step().clone(), count);
        } else if (plan instanceof Plan.Broadcast b) {
            long[] in = b.inputShape();
            int inAxis = axis - (shape.length - in.length);
            if (inAxis < 0 || in[inAxis] == 1) {
                return b;   // broadcast along the axis: every piece sees the same operand
            }
            long[] pieceIn = in.clone();
            pieceIn[inAxis] = length;
            return new Plan.Broadcast(slice(b.input(), in, inAxis, from, length), pieceIn);
        } else if (plan instanceof Plan.Elementwise op) {
            return op.over(op.inputs().stream().map(in -> slice(in, shape, axis, from, length)).toList());
        } else if (plan instanceof Plan.Constant) {
            return plan;
        }
        throw new IllegalArgumentException("cannot split a plan with task inputs: " + plan);
    }
}
