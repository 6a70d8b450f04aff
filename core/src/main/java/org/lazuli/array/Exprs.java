package org.lazuli.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.TaskKey;
import org.lazuli.graph.Tokenize;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.UnaryOp;

/**
 * Builds expression nodes: names them deterministically, applies NumPy's type rules and broadcasting,
 * and leaves out operations that do nothing (a cast to the same dtype, a rechunk to the same chunks, a
 * slice of everything). Rewrites that change the tree are the simplification pass's ({@link
 * Simplifier}).
 */
final class Exprs {
    private Exprs() {
    }

    static Expr source(ArraySource source, Chunks chunks) {
        long[] shape = source.shape();
        if (!Arrays.equals(shape, chunks.shape())) {
            throw new IllegalArgumentException("Chunks " + chunks + " do not cover the source's shape " + Shapes.format(shape));
        }
        long[] start = new long[shape.length];
        long[] step = new long[shape.length];
        Arrays.fill(step, 1);
        return new Expr.Source(Tokens.name(source.label(), source.token(), chunks.sizes()), source, start, step, chunks);
    }

    /** The region {@code start + i * step} of {@code source} in {@code chunks}, named from all three. */
    static Expr.Source region(ArraySource source, long[] start, long[] step, Chunks chunks) {
        return new Expr.Source(Tokens.name(source.label(), source.token(), start, step, chunks.sizes()), source, start,
                step, chunks);
    }

    static Expr scalar(double value, DType dtype) {
        long asLong = dtype.isFloat() ? (long) value : (long) value;
        double asDouble = dtype.isFloat() ? (dtype == DType.FLOAT32 ? (float) value : value) : value;
        return new Expr.Scalar(Tokens.name("scalar", dtype, Double.doubleToLongBits(asDouble)), asDouble, asLong, dtype,
                Chunks.single(new long[0]));
    }

    static Expr scalar(long value, DType dtype) {
        long wrapped = wrap(value, dtype);
        return new Expr.Scalar(Tokens.name("scalar", dtype, wrapped), dtype.isFloat() ? (double) value : wrapped,
                wrapped, dtype, Chunks.single(new long[0]));
    }

    private static long wrap(long value, DType dtype) {
        long[] v = {value};
        FusedEvaluator.finishL(dtype, v, 1);
        return v[0];
    }

    // ---- elementwise ------------------------------------------------------------------------

    /**
     * An elementwise operation of broadcast-compatible inputs: each input is converted to the dtype the
     * operation's type rule gives for {@code common} (the dtype the values combine in), then all are
     * broadcast to one shape and chunks.
     */
    static Expr elementwise(ElementwiseOp op, List<Expr> inputs, DType common) {
        List<DType> types = new ArrayList<>(inputs.size());
        List<Expr> converted = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            DType type = op.operandType(i, inputs.get(i).dtype(), common);
            types.add(type);
            converted.add(cast(inputs.get(i), type));
        }
        List<Expr> operands = converted.size() == 1 ? converted : broadcastAll(converted);
        return elementwiseOf(op, operands, op.resultType(types));
    }

    /** The node of {@code op} over operands already converted and broadcast, named from theirs. */
    static Expr.Elementwise elementwiseOf(ElementwiseOp op, List<Expr> operands, DType result) {
        List<Object> parts = new ArrayList<>();
        for (Expr operand : operands) {
            parts.add(operand.name());
        }
        parts.addAll(op.nameParts(result));
        return new Expr.Elementwise(Tokens.name(op.label(), parts.toArray()), op, List.copyOf(operands), result);
    }

    static Expr cast(Expr input, DType dtype) {
        return input.dtype() == dtype ? input : elementwiseOf(new ElementwiseOp.CastTo(dtype), List.of(input), dtype);
    }

    static Expr unary(UnaryOp op, Expr input) {
        return elementwise(new ElementwiseOp.Apply1(op), List.of(input), input.dtype());
    }

    /** A binary operation of two arrays of any broadcast-compatible shapes. */
    static Expr binary(BinaryOp op, Expr left, Expr right) {
        return binaryTyped(op, left, right, DType.promote(left.dtype(), right.dtype()));
    }

    /** A binary operation whose operands are promoted to {@code common} (scalars use NEP 50's type). */
    static Expr binaryTyped(BinaryOp op, Expr left, Expr right, DType common) {
        return elementwise(new ElementwiseOp.Apply2(op), List.of(left, right), common);
    }

    static Expr where(Expr condition, Expr ifTrue, Expr ifFalse) {
        return whereTyped(condition, ifTrue, ifFalse, DType.promote(ifTrue.dtype(), ifFalse.dtype()));
    }

    static Expr whereTyped(Expr condition, Expr ifTrue, Expr ifFalse, DType common) {
        return elementwise(new ElementwiseOp.Select(), List.of(condition, ifTrue, ifFalse), common);
    }

    static Expr clip(Expr input, double min, double max) {
        return elementwise(new ElementwiseOp.ClipTo(min, max), List.of(input), input.dtype());
    }

    // ---- broadcasting -----------------------------------------------------------------------

    /** NumPy's broadcast shape, or an error naming every shape. */
    static long[] broadcastShape(List<Expr> operands) {
        int nd = 0;
        for (Expr e : operands) {
            nd = Math.max(nd, e.shape().length);
        }
        long[] shape = new long[nd];
        Arrays.fill(shape, 1);
        for (Expr e : operands) {
            long[] s = e.shape();
            int offset = nd - s.length;
            for (int k = 0; k < s.length; k++) {
                long have = shape[k + offset];
                if (s[k] != 1 && have != 1 && s[k] != have) {
                    StringBuilder shapes = new StringBuilder();
                    for (Expr o : operands) {
                        shapes.append(' ').append(Shapes.format(o.shape()));
                    }
                    throw new IllegalArgumentException("operands could not be broadcast together with shapes"
                            + shapes + ": axis " + (k + offset) + " has lengths " + have + " and " + s[k]
                            + "; make them equal or 1");
                }
                if (s[k] != 1) {
                    shape[k + offset] = s[k];
                }
            }
        }
        return shape;
    }

    /** Broadcasts operands to a common shape and unifies their chunks (rechunking where they differ). */
    static List<Expr> broadcastAll(List<Expr> operands) {
        long[] shape = broadcastShape(operands);
        int nd = shape.length;
        long[][] unified = new long[nd][];
        for (int axis = 0; axis < nd; axis++) {
            long[] boundaries = null;
            for (Expr e : operands) {
                long[] s = e.shape();
                int k = axis - (nd - s.length);
                if (k >= 0 && s[k] == shape[axis]) {
                    long[] b = e.chunks().boundaries(k);
                    boundaries = boundaries == null ? b : union(boundaries, b);
                }
            }
            unified[axis] = boundaries == null ? new long[] {shape[axis]} : sizesFrom(boundaries);
        }
        Chunks target = Chunks.of(unified);
        List<Expr> out = new ArrayList<>(operands.size());
        for (Expr e : operands) {
            long[] s = e.shape();
            int offset = nd - s.length;
            long[][] own = new long[s.length][];
            for (int k = 0; k < s.length; k++) {
                own[k] = s[k] == shape[k + offset] ? unified[k + offset] : new long[] {s[k]};
            }
            Expr aligned = rechunk(e, Chunks.of(own));
            out.add(Arrays.equals(s, shape) ? aligned : broadcastTo(aligned, target));
        }
        return out;
    }

    static Expr broadcastTo(Expr input, Chunks chunks) {
        if (input.chunks().equals(chunks)) {
            return input;
        }
        return new Expr.Broadcast(Tokens.name("broadcast_to", input.name(), chunks.sizes()), input, chunks);
    }

    private static long[] union(long[] a, long[] b) {
        return LongStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    private static long[] sizesFrom(long[] boundaries) {
        if (boundaries.length == 1) {
            return new long[] {0};
        }
        long[] sizes = new long[boundaries.length - 1];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = boundaries[i + 1] - boundaries[i];
        }
        return sizes;
    }

    // ---- structure --------------------------------------------------------------------------

    static Expr rechunk(Expr input, Chunks target) {
        if (input.chunks().equals(target)) {
            return input;
        }
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Chunks " + target + " do not match the shape " + Shapes.format(input.shape()));
        }
        return new Expr.Rechunk(Tokens.name("rechunk", input.name(), target.sizes()), input, target);
    }

    /**
     * Selects {@code start + i * step} for {@code i < count} on every axis (the simplification pass moves
     * it below elementwise operations into source regions, {@link SlicePushDown}).
     */
    static Expr slice(Expr input, long[] start, long[] step, long[] count) {
        long[] shape = input.shape();
        boolean whole = true;
        for (int k = 0; k < shape.length; k++) {
            whole &= start[k] == 0 && step[k] == 1 && count[k] == shape[k];
        }
        if (whole) {
            return input;
        }
        Chunks chunks = slicedChunks(input.chunks(), start, step, count);
        return new Expr.Slice(Tokens.name("getitem", input.name(), start, step, count), input, start.clone(),
                step.clone(), chunks);
    }

    /** Chunks of a strided selection: each original block contributes the selected positions inside it. */
    static Chunks slicedChunks(Chunks chunks, long[] start, long[] step, long[] count) {
        long[][] sizes = new long[count.length][];
        for (int k = 0; k < count.length; k++) {
            if (count[k] == 0) {
                sizes[k] = new long[] {0};
                continue;
            }
            List<Long> axis = new ArrayList<>();
            long i = 0;
            while (i < count[k]) {
                long position = start[k] + i * step[k];
                int b = chunks.blockOf(k, position);
                long blockStart = chunks.blockOffset(k, b);
                long blockEnd = blockStart + chunks.blockSize(k, b);
                long last = step[k] > 0
                        ? Math.min(count[k] - 1, i + (blockEnd - 1 - position) / step[k])
                        : Math.min(count[k] - 1, i + (position - blockStart) / (-step[k]));
                axis.add(last + 1 - i);
                i = last + 1;
            }
            sizes[k] = axis.stream().mapToLong(Long::longValue).toArray();
        }
        return Chunks.of(sizes);
    }

    static Expr transpose(Expr input, int[] permutation) {
        boolean identity = true;
        for (int k = 0; k < permutation.length; k++) {
            identity &= permutation[k] == k;
        }
        if (identity) {
            return input;
        }
        long[][] sizes = new long[permutation.length][];
        for (int k = 0; k < permutation.length; k++) {
            sizes[k] = input.chunks().sizes(permutation[k]);
        }
        return new Expr.Transpose(Tokens.name("transpose", input.name(), permutation), input, permutation.clone(),
                Chunks.of(sizes));
    }

    static Expr reshape(Expr input, long[] newShape) {
        Reshaping.Plan plan = Reshaping.plan(input.chunks(), newShape);
        Expr aligned = rechunk(input, plan.inputChunks());
        if (plan.outputChunks().equals(aligned.chunks())) {
            return aligned;
        }
        return new Expr.Reshape(Tokens.name("reshape", aligned.name(), newShape, plan.outputChunks().sizes()), aligned,
                plan.outputChunks());
    }

    static Expr reduce(Expr input, Reduction reduction, ReduceOptions options) {
        return reduce(input, reduction, options, null);
    }

    /** A reduction, grouped along one of its axes when {@code grouping} is given. */
    static Expr reduce(Expr input, Reduction reduction, ReduceOptions options, Expr.Grouping grouping) {
        int nd = input.shape().length;
        int[] axes = Shapes.axes(options.axes(), nd);
        if (grouping != null) {
            if (reduction.isArg()) {
                throw new IllegalArgumentException(reduction.label() + " cannot be grouped; use idxmin/idxmax per group");
            }
            if (Arrays.stream(axes).noneMatch(a -> a == grouping.axis())) {
                throw new IllegalArgumentException("The grouped axis " + grouping.axis() + " must be reduced");
            }
            if (grouping.codes().length != input.shape()[grouping.axis()]) {
                throw new IllegalArgumentException("Group codes have length " + grouping.codes().length + " but axis "
                        + grouping.axis() + " has length " + input.shape()[grouping.axis()]);
            }
        }
        if (reduction.isArg() && options.axes().length > 1) {
            throw new IllegalArgumentException(reduction.label() + " takes one axis or none (all axes, giving a flat"
                    + " index), got " + Arrays.toString(options.axes()));
        }
        long[] shape = input.shape();
        boolean[] reduced = new boolean[nd];
        for (int axis : axes) {
            reduced[axis] = true;
        }
        if (reduction.needsElements()) {
            for (int axis : axes) {
                if (shape[axis] == 0) {
                    throw new IllegalArgumentException("zero-size array to reduction operation " + reduction.label()
                            + " which has no identity (axis " + axis + " has length 0)");
                }
            }
        }
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < nd; k++) {
            if (grouping != null && k == grouping.axis()) {
                out.add(new long[] {grouping.count()});
            } else if (!reduced[k]) {
                out.add(input.chunks().sizes(k));
            } else if (options.keepdims()) {
                out.add(new long[] {1});
            }
        }
        Chunks chunks = Chunks.of(out.toArray(new long[0][]));
        DType dtype = reduction.resultType(input.dtype());
        Object groupToken = grouping == null ? "" : new Object[] {grouping.axis(), grouping.count(),
                Long.toHexString(Arrays.hashCode(grouping.codes())), grouping.codes().length};
        return new Expr.Reduce(Tokens.name(reduction.label(), input.name(), axes, options.keepdims(), options.ddof(),
                options.splitEvery(), groupToken), input, reduction, axes, options.keepdims(), options.ddof(),
                options.splitEvery(), grouping, dtype, chunks);
    }

    /**
     * Elements at {@code indices} along {@code axis}; output blocks along the axis have
     * {@code blockSizes} (which must add up to the number of indices).
     */
    static Expr take(Expr input, int axis, long[] indices, long[] blockSizes) {
        long length = input.shape()[axis];
        for (long i : indices) {
            if (i < 0 || i >= length) {
                throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + axis + " with size "
                        + length);
            }
        }
        boolean identity = indices.length == length;
        for (int i = 0; identity && i < indices.length; i++) {
            identity = indices[i] == i;
        }
        Chunks chunks = input.chunks().withAxis(axis, indices.length == 0 ? new long[] {0} : blockSizes);
        if (identity) {
            return rechunk(input, chunks);
        }
        return new Expr.Take(Tokens.name("take", input.name(), axis, Long.toHexString(Arrays.hashCode(indices)),
                indices.length, blockSizes), input, axis, indices.clone(), chunks);
    }

    static Expr concat(List<Expr> inputs, int axis) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        int nd = inputs.get(0).shape().length;
        int resolved = Shapes.axis(axis, nd);
        DType dtype = inputs.get(0).dtype();
        for (Expr e : inputs) {
            dtype = DType.promote(dtype, e.dtype());
        }
        long[] first = inputs.get(0).shape();
        List<Expr> typed = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Expr e = inputs.get(i);
            long[] s = e.shape();
            if (s.length != nd) {
                throw new IllegalArgumentException("all the input arrays must have the same number of dimensions, but"
                        + " the array at index 0 has " + nd + " and the array at index " + i + " has " + s.length);
            }
            for (int k = 0; k < nd; k++) {
                if (k != resolved && s[k] != first[k]) {
                    throw new IllegalArgumentException("all the input array dimensions except for the concatenation"
                            + " axis must match exactly, but along dimension " + k + ", the array at index 0 has size "
                            + first[k] + " and the array at index " + i + " has size " + s[k]);
                }
            }
            if (s[resolved] == 0 && inputs.size() > 1) {
                continue;   // contributes no blocks
            }
            typed.add(cast(e, dtype));
        }
        if (typed.isEmpty()) {
            typed.add(cast(inputs.get(0), dtype));
        }
        // other axes take the first input's chunks
        Chunks reference = typed.get(0).chunks();
        List<Expr> aligned = new ArrayList<>();
        for (Expr e : typed) {
            long[][] own = reference.sizes();
            own[resolved] = e.chunks().sizes(resolved);
            Expr r = rechunk(e, Chunks.of(own));
            aligned.add(r);
            for (long size : r.chunks().sizes(resolved)) {
                sizes.add(size);
            }
        }
        if (aligned.size() == 1) {
            return aligned.get(0);
        }
        long[][] outSizes = reference.sizes();
        outSizes[resolved] = sizes.stream().mapToLong(Long::longValue).toArray();
        Object[] names = aligned.stream().map(Expr::name).toArray();
        return new Expr.Concat(Tokens.name("concatenate", names, resolved), List.copyOf(aligned), resolved,
                Chunks.of(outSizes));
    }

    static Expr mapBlocks(List<Expr> inputs, MultiBlockFunction function, DType dtype, String label) {
        return mapBlocks(inputs, function, dtype, label, inputs.get(0).chunks());
    }

    /** With output blocks of other sizes (the same block grid). */
    static Expr mapBlocks(List<Expr> inputs, MultiBlockFunction function, DType dtype, String label, Chunks output) {
        Chunks chunks = inputs.get(0).chunks();
        if (!Arrays.equals(output.blockCounts(), chunks.blockCounts())) {
            throw new IllegalArgumentException("Output chunks " + output + " must have the input's block grid "
                    + Arrays.toString(chunks.blockCounts()));
        }
        for (Expr e : inputs) {
            if (!e.chunks().equals(chunks)) {
                throw new IllegalArgumentException("mapBlocks needs inputs with the same chunks, got " + chunks + " and "
                        + e.chunks() + "; rechunk one of them first");
            }
        }
        Object[] names = inputs.stream().map(Expr::name).toArray();
        return new Expr.MapBlocks(Tokens.name(label, names, functionToken(function), dtype, output.sizes()),
                List.copyOf(inputs), function, dtype, output);
    }

    /** A stable token of a function and what it captured (its serialized form). */
    private static String functionToken(Object function) {
        return Tokenize.of(function);
    }

    static Expr persisted(Chunks chunks, DType dtype, DenseArray[] blocks, String token) {
        return source(new BlockStore(chunks, dtype, blocks, token), chunks);
    }

    /** Blocks a cluster keeps ({@code keys[i]} names block {@code i}), read from it by the tasks that need them. */
    static Expr kept(Chunks chunks, DType dtype, ResultStore store, List<TaskKey> keys,
                     String token) {
        return source(new BlockStore(chunks, dtype, store, keys.toArray(new TaskKey[0]), token), chunks);
    }
}
