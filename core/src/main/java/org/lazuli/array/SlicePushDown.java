package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rewrite that makes selections cheap, one rule of the simplification pass ({@link Simplifier}): a
 * slice moves one step down, through an elementwise operation, a broadcast, a concatenation or a
 * squeeze, and into a source's region. The pass applies it again to the slices it leaves below, so a
 * selection ends at the sources and only the selected part of them is ever read.
 */
final class SlicePushDown {
    private SlicePushDown() {
    }

    /** {@code slice} with the selection moved one step below its input, or null where no rule applies. */
    static Expr push(Expr.Slice slice) {
        Expr input = slice.input();
        long[] start = slice.start();
        long[] step = slice.step();
        long[] count = slice.shape();
        Chunks chunks = slice.chunks();
        long[] shape = input.shape();
        if (input instanceof Expr.Source s) {
            long[] newStart = new long[shape.length];
            long[] newStep = new long[shape.length];
            for (int k = 0; k < shape.length; k++) {
                newStart[k] = s.start()[k] + start[k] * s.step()[k];
                newStep[k] = s.step()[k] * step[k];
            }
            return Exprs.region(s.source(), newStart, newStep, chunks);
        }
        if (input instanceof Expr.Elementwise e) {
            List<Expr> sliced = e.inputs().stream().map(in -> Exprs.slice(in, start, step, count)).toList();
            return Exprs.elementwiseOf(e.op(), sliced, e.dtype());
        }
        if (input instanceof Expr.Broadcast b) {
            long[] inShape = b.input().shape();
            int offset = shape.length - inShape.length;
            long[] inStart = new long[inShape.length];
            long[] inStep = new long[inShape.length];
            long[] inCount = new long[inShape.length];
            for (int k = 0; k < inShape.length; k++) {
                boolean stretched = inShape[k] == 1 && shape[k + offset] != 1;
                inStart[k] = stretched ? 0 : start[k + offset];
                inStep[k] = stretched ? 1 : step[k + offset];
                inCount[k] = stretched ? 1 : count[k + offset];
            }
            Expr in = Exprs.slice(b.input(), inStart, inStep, inCount);
            long[][] own = new long[inShape.length][];
            for (int k = 0; k < inShape.length; k++) {
                own[k] = inCount[k] == count[k + offset] ? chunks.sizes(k + offset) : new long[] {inCount[k]};
            }
            return Exprs.broadcastTo(Exprs.rechunk(in, Chunks.of(own)), chunks);
        }
        if (input instanceof Expr.Concat c && Arrays.stream(step).allMatch(x -> x == 1)) {
            return sliceConcat(c, start, count);
        }
        if (input instanceof Expr.Reshape r && onlyUnitAxesDiffer(r.input().shape(), shape)) {
            return sliceSqueezed(r.input(), shape, start, step, count);
        }
        return null;
    }

    /** Whether two shapes differ only by axes of length 1 (a squeeze, or its inverse). */
    private static boolean onlyUnitAxesDiffer(long[] a, long[] b) {
        return Arrays.equals(Arrays.stream(a).filter(n -> n != 1).toArray(), Arrays.stream(b).filter(n -> n != 1).toArray());
    }

    /**
     * A slice of a squeezed (or unsqueezed) input, taken from the input before it was reshaped: a
     * point selected on one axis and then on another reads only that point from the source.
     */
    private static Expr sliceSqueezed(Expr inner, long[] shape, long[] start, long[] step, long[] count) {
        long[] innerShape = inner.shape();
        long[] innerStart = new long[innerShape.length];
        long[] innerStep = new long[innerShape.length];
        long[] innerCount = new long[innerShape.length];
        int o = 0;
        for (int k = 0; k < innerShape.length; k++) {
            innerStep[k] = 1;
            innerCount[k] = 1;
            if (innerShape[k] == 1) {
                continue;
            }
            while (shape[o] == 1) {
                o++;
            }
            innerStart[k] = start[o];
            innerStep[k] = step[o];
            innerCount[k] = count[o];
            o++;
        }
        return Exprs.reshape(Exprs.slice(inner, innerStart, innerStep, innerCount), count.clone());
    }

    /** A unit-step slice of a concatenation: the overlapping inputs, each sliced (so only they are read). */
    private static Expr sliceConcat(Expr.Concat c, long[] start, long[] count) {
        int axis = c.axis();
        long from = start[axis];
        long to = from + count[axis];
        List<Expr> parts = new ArrayList<>();
        long offset = 0;
        for (Expr input : c.inputs()) {
            long length = input.shape()[axis];
            long lo = Math.max(from, offset);
            long hi = Math.min(to, offset + length);
            if (lo < hi) {
                long[] partStart = start.clone();
                long[] partCount = count.clone();
                long[] partStep = new long[start.length];
                Arrays.fill(partStep, 1);
                partStart[axis] = lo - offset;
                partCount[axis] = hi - lo;
                parts.add(Exprs.slice(input, partStart, partStep, partCount));
            }
            offset += length;
        }
        if (parts.isEmpty()) {
            long[] partCount = count.clone();
            long[] partStep = new long[start.length];
            Arrays.fill(partStep, 1);
            long[] partStart = start.clone();
            partStart[axis] = 0;
            return Exprs.slice(c.inputs().get(0), partStart, partStep, partCount);
        }
        return Exprs.concat(parts, axis);
    }
}
