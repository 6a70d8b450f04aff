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
        if (plan instanceof Plan.Input) {
            return false;
        } else if (plan instanceof Plan.Broadcast b) {
            return readsInside(b.input());
        } else if (plan instanceof Plan.Unary u) {
            return readsInside(u.input());
        } else if (plan instanceof Plan.Binary b) {
            return readsInside(b.left()) && readsInside(b.right());
        } else if (plan instanceof Plan.Where w) {
            return readsInside(w.condition()) && readsInside(w.ifTrue()) && readsInside(w.ifFalse());
        } else if (plan instanceof Plan.Cast c) {
            return readsInside(c.input());
        } else if (plan instanceof Plan.Clip c) {
            return readsInside(c.input());
        }
        return true;
    }

    /** The first read of the block's own rank (broadcast operands are skipped), or null. */
    private static Plan.Read firstRead(Plan plan, int rank) {
        if (plan instanceof Plan.Read r) {
            return r.count().length == rank ? r : null;
        } else if (plan instanceof Plan.Unary u) {
            return firstRead(u.input(), rank);
        } else if (plan instanceof Plan.Binary b) {
            Plan.Read left = firstRead(b.left(), rank);
            return left != null ? left : firstRead(b.right(), rank);
        } else if (plan instanceof Plan.Where w) {
            Plan.Read r = firstRead(w.ifTrue(), rank);
            r = r != null ? r : firstRead(w.ifFalse(), rank);
            return r != null ? r : firstRead(w.condition(), rank);
        } else if (plan instanceof Plan.Cast c) {
            return firstRead(c.input(), rank);
        } else if (plan instanceof Plan.Clip c) {
            return firstRead(c.input(), rank);
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
        } else if (plan instanceof Plan.Unary u) {
            return new Plan.Unary(u.op(), slice(u.input(), shape, axis, from, length), u.dtype());
        } else if (plan instanceof Plan.Binary b) {
            return new Plan.Binary(b.op(), slice(b.left(), shape, axis, from, length),
                    slice(b.right(), shape, axis, from, length), b.dtype());
        } else if (plan instanceof Plan.Where w) {
            return new Plan.Where(slice(w.condition(), shape, axis, from, length),
                    slice(w.ifTrue(), shape, axis, from, length), slice(w.ifFalse(), shape, axis, from, length),
                    w.dtype());
        } else if (plan instanceof Plan.Cast c) {
            return new Plan.Cast(slice(c.input(), shape, axis, from, length), c.dtype());
        } else if (plan instanceof Plan.Clip c) {
            return new Plan.Clip(slice(c.input(), shape, axis, from, length), c.min(), c.max(), c.dtype());
        } else if (plan instanceof Plan.Constant) {
            return plan;
        }
        throw new IllegalArgumentException("cannot split a plan with task inputs: " + plan);
    }
}
