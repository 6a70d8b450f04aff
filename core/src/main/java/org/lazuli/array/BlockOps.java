package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Copying between blocks: strided copies, gathering a region from many blocks, transposing. */
final class BlockOps {
    private BlockOps() {
    }

    /**
     * Copies {@code count} elements (an n-d box) from {@code src} to {@code dst}, where element
     * {@code idx} sits at {@code base + sum(idx[k] * strides[k])} in each flat storage. Both storages
     * have the same element type.
     */
    static void copyStrided(Object src, long srcBase, long[] srcStrides, Object dst, long dstBase, long[] dstStrides,
                            long[] count) {
        int nd = count.length;
        for (long c : count) {
            if (c == 0) {
                return;
            }
        }
        if (nd == 0) {
            System.arraycopy(src, (int) srcBase, dst, (int) dstBase, 1);
            return;
        }
        int last = nd - 1;
        int run = (int) count[last];
        long srcRunStride = srcStrides[last];
        long dstRunStride = dstStrides[last];
        long[] idx = new long[nd];
        long s = srcBase;
        long d = dstBase;
        while (true) {
            if (srcRunStride == 1 && dstRunStride == 1) {
                System.arraycopy(src, (int) s, dst, (int) d, run);
            } else {
                copyRun(src, (int) s, (int) srcRunStride, dst, (int) d, (int) dstRunStride, run);
            }
            int axis = last - 1;
            while (axis >= 0) {
                idx[axis]++;
                s += srcStrides[axis];
                d += dstStrides[axis];
                if (idx[axis] < count[axis]) {
                    break;
                }
                s -= srcStrides[axis] * count[axis];
                d -= dstStrides[axis] * count[axis];
                idx[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                return;
            }
        }
    }

    private static void copyRun(Object src, int s, int ss, Object dst, int d, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, s, dst, d, n);   // contiguous: one copy, whatever the element type
        } else if (src instanceof double[] a) {
            double[] b = (double[]) dst;
            for (int i = 0; i < n; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof float[] a) {
            float[] b = (float[]) dst;
            for (int i = 0; i < n; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof long[] a) {
            long[] b = (long[]) dst;
            for (int i = 0; i < n; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else if (src instanceof int[] a) {
            int[] b = (int[]) dst;
            for (int i = 0; i < n; i++) {
                b[d + i * ds] = a[s + i * ss];
            }
        } else {
            for (int i = 0; i < n; i++) {   // 16-bit, 8-bit and boolean elements, strided
                System.arraycopy(src, s + i * ss, dst, d + i * ds, 1);
            }
        }
    }

    /** A strided region of one array: element i on axis k is {@code start[k] + i * step[k]}. */
    static DenseArray region(DenseArray array, long[] start, long[] step, long[] count) {
        long[] shape = array.shapeRef();
        boolean whole = true;
        for (int k = 0; k < shape.length; k++) {
            whole &= start[k] == 0 && step[k] == 1 && count[k] == shape[k];
        }
        if (whole) {
            return array;
        }
        long[] strides = Shapes.strides(shape);
        long base = 0;
        long[] srcStrides = new long[shape.length];
        for (int k = 0; k < shape.length; k++) {
            base += start[k] * strides[k];
            srcStrides[k] = strides[k] * step[k];
        }
        Object out = DenseArray.allocate(array.dtype(), Shapes.toIntSize(count, "A block"));
        copyStrided(array.data(), base, srcStrides, out, 0, Shapes.strides(count), count);
        return DenseArray.wrap(array.dtype(), count.clone(), out);
    }

    /** One axis' share of a gather: output range [from, to) comes from one source block. */
    private record Segment(int block, long from, long to, long localStart) {
    }

    /**
     * Gathers a strided region that may span several blocks of a chunked source: output element i on
     * axis k is the source's {@code start[k] + i * step[k]}. {@code block} returns the source block
     * at a block index.
     */
    static DenseArray gather(DType dtype, Chunks source, Function<int[], DenseArray> block, long[] start, long[] step,
                             long[] count) {
        int nd = count.length;
        List<List<Segment>> segments = segmentsPerAxis(source, start, step, count);
        Object out = DenseArray.allocate(dtype, Shapes.toIntSize(count, "A block"));
        long[] outStrides = Shapes.strides(count);
        int[] choice = new int[nd];
        if (Shapes.size(count) == 0) {
            return DenseArray.wrap(dtype, count.clone(), out);
        }
        while (true) {
            int[] blockIndex = new int[nd];
            long[] localStart = new long[nd];
            long[] pieceCount = new long[nd];
            long dstBase = 0;
            for (int k = 0; k < nd; k++) {
                Segment seg = segments.get(k).get(choice[k]);
                blockIndex[k] = seg.block();
                localStart[k] = seg.localStart();
                pieceCount[k] = seg.to() - seg.from();
                dstBase += seg.from() * outStrides[k];
            }
            DenseArray piece = block.apply(blockIndex);
            if (piece.dtype() != dtype) {
                throw new IllegalStateException("Block " + Arrays.toString(blockIndex) + " has dtype "
                        + piece.dtype() + " but " + dtype + " was expected");
            }
            long[] pieceStrides = Shapes.strides(piece.shapeRef());
            long srcBase = 0;
            long[] srcStrides = new long[nd];
            for (int k = 0; k < nd; k++) {
                srcBase += localStart[k] * pieceStrides[k];
                srcStrides[k] = pieceStrides[k] * step[k];
            }
            copyStrided(piece.data(), srcBase, srcStrides, out, dstBase, outStrides, pieceCount);
            int axis = nd - 1;
            while (axis >= 0 && ++choice[axis] == segments.get(axis).size()) {
                choice[axis] = 0;
                axis--;
            }
            if (axis < 0) {
                break;
            }
        }
        return DenseArray.wrap(dtype, count.clone(), out);
    }

    /** The source blocks a region touches, per axis (used to name a gather task's inputs). */
    static int[][] blocksTouched(Chunks source, long[] start, long[] step, long[] count) {
        List<List<Segment>> segments = segmentsPerAxis(source, start, step, count);
        int[][] blocks = new int[count.length][];
        for (int k = 0; k < count.length; k++) {
            blocks[k] = segments.get(k).stream().mapToInt(Segment::block).toArray();
        }
        return blocks;
    }

    private static List<List<Segment>> segmentsPerAxis(Chunks source, long[] start, long[] step, long[] count) {
        List<List<Segment>> perAxis = new ArrayList<>(count.length);
        for (int k = 0; k < count.length; k++) {
            List<Segment> segs = new ArrayList<>();
            long i = 0;
            while (i < count[k]) {
                long position = start[k] + i * step[k];
                int b = source.blockOf(k, position);
                long blockStart = source.blockOffset(k, b);
                long blockEnd = blockStart + source.blockSize(k, b);
                long last;   // last i whose position stays inside block b
                if (step[k] > 0) {
                    last = Math.min(count[k] - 1, i + (blockEnd - 1 - position) / step[k]);
                } else {
                    last = Math.min(count[k] - 1, i + (position - blockStart) / (-step[k]));
                }
                segs.add(new Segment(b, i, last + 1, position - blockStart));
                i = last + 1;
            }
            if (segs.isEmpty()) {
                segs.add(new Segment(0, 0, 0, 0));
            }
            perAxis.add(segs);
        }
        return perAxis;
    }

    /** A block with its axes permuted: output axis k is input axis {@code perm[k]}. */
    static DenseArray transpose(DenseArray block, int[] perm) {
        long[] shape = block.shapeRef();
        long[] strides = Shapes.strides(shape);
        long[] outShape = new long[perm.length];
        long[] srcStrides = new long[perm.length];
        for (int k = 0; k < perm.length; k++) {
            outShape[k] = shape[perm[k]];
            srcStrides[k] = strides[perm[k]];
        }
        Object out = DenseArray.allocate(block.dtype(), Shapes.toIntSize(outShape, "A block"));
        copyStrided(block.data(), 0, srcStrides, out, 0, Shapes.strides(outShape), outShape);
        return DenseArray.wrap(block.dtype(), outShape, out);
    }
}
