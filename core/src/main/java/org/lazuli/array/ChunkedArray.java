package org.lazuli.array;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.Persistable;
import org.lazuli.exec.ResultStore;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.graph.Computation;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;
import org.lazuli.graph.Tokenize;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.UnaryOp;

/**
 * A lazy n-dimensional array cut into blocks (dask's {@code dask.array}): an immutable expression,
 * its {@link Chunks} and its {@link DType}. Operations build new expressions and read or compute
 * nothing; {@link #compute()} lowers the expression to a task graph — fusing elementwise chains into
 * one loop per block, reading only the selected parts of sources — and runs it on the current
 * {@link Scheduler} (a threaded one per process by default, or an open client's cluster).
 *
 * <p>Arithmetic follows NumPy: type promotion ({@link DType#promote}), broadcasting by shape (blocks
 * are realigned when chunks differ), integer wrap-around, NaN propagation. Reductions combine
 * mergeable per-block states in a fixed tree, so results are the same on every run and for every
 * number of threads. Random arrays depend only on the seed, never on chunks or threads.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ChunkedArray x = ChunkedArray.random(new long[]{10000, 10000}, new long[]{1000, 1000}, 42L);
 * ChunkedArray y = ChunkedArray.ones(new long[]{10000, 10000}, new long[]{1000, 1000});
 * double mean = x.add(y).mean().compute().getDouble();   // ~1.5
 * }</pre>
 */
public final class ChunkedArray implements Computation.Source<DenseArray>,
        Persistable<ChunkedArray>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Expr expr;
    private volatile int taskCount = -1;

    private ChunkedArray(Expr expr) {
        this.expr = expr;
    }

    static ChunkedArray of(Expr expr) {
        return new ChunkedArray(expr);
    }

    Expr expr() {
        return expr;
    }

    // ---- creation ---------------------------------------------------------------------------

    /** An array of float64 zeros. */
    public static ChunkedArray zeros(long[] shape, long[] chunks) {
        return zeros(shape, ChunkSpec.of(chunks), DType.FLOAT64);
    }

    public static ChunkedArray zeros(long[] shape, ChunkSpec chunks, DType dtype) {
        return full(shape, 0, chunks, dtype, "zeros");
    }

    /** An array of float64 ones. */
    public static ChunkedArray ones(long[] shape, long[] chunks) {
        return ones(shape, ChunkSpec.of(chunks), DType.FLOAT64);
    }

    public static ChunkedArray ones(long[] shape, ChunkSpec chunks, DType dtype) {
        return full(shape, 1, chunks, dtype, "ones");
    }

    /** An array filled with one value (float64). */
    public static ChunkedArray full(long[] shape, double value, long[] chunks) {
        return full(shape, value, ChunkSpec.of(chunks), DType.FLOAT64);
    }

    public static ChunkedArray full(long[] shape, double value, ChunkSpec chunks, DType dtype) {
        return full(shape, value, chunks, dtype, "full");
    }

    /**
     * An array whose values are not meant to be read (dask's {@code empty}). This one holds zeros, so
     * that results never depend on leftover memory.
     */
    public static ChunkedArray empty(long[] shape, long[] chunks) {
        return empty(shape, ChunkSpec.of(chunks), DType.FLOAT64);
    }

    public static ChunkedArray empty(long[] shape, ChunkSpec chunks, DType dtype) {
        return full(shape, 0, chunks, dtype, "empty");
    }

    private static ChunkedArray full(long[] shape, double value, ChunkSpec chunks, DType dtype, String label) {
        Objects.requireNonNull(dtype, "dtype");
        Chunks resolved = chunks.resolve(shape, dtype);
        double stored = dtype.isFloat() ? (dtype == DType.FLOAT32 ? (float) value : value) : value;
        return of(Exprs.source(new Generator.Constant(shape, dtype, stored, label), resolved));
    }

    /**
     * Uniform float64 values in [0, 1) from a seed. Element i (row-major) is a pure function of the
     * seed and i, so the array is the same whatever its chunks or the number of threads.
     */
    public static ChunkedArray random(long[] shape, long[] chunks, long seed) {
        return random(shape, ChunkSpec.of(chunks), seed);
    }

    public static ChunkedArray random(long[] shape, ChunkSpec chunks, long seed) {
        return of(Exprs.source(new Generator.Uniform(shape, seed), chunks.resolve(shape, DType.FLOAT64)));
    }

    /** Standard normal float64 values from a seed (chunking-invariant like {@link #random}). */
    public static ChunkedArray normal(long[] shape, long[] chunks, long seed) {
        return normal(shape, ChunkSpec.of(chunks), seed, 0, 1);
    }

    /** Normal values with a mean and standard deviation. */
    public static ChunkedArray normal(long[] shape, ChunkSpec chunks, long seed, double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("The standard deviation must be >= 0, got " + std);
        }
        return of(Exprs.source(new Generator.Normal(shape, seed, mean, std), chunks.resolve(shape, DType.FLOAT64)));
    }

    /** {@code 0, 1, …, stop - 1} as int64, in blocks of {@code chunk}. */
    public static ChunkedArray arange(long stop, long chunk) {
        return arange(0L, stop, 1L, chunk);
    }

    /** Integers {@code start, start + step, …} below {@code stop} (above it for a negative step), as int64. */
    public static ChunkedArray arange(long start, long stop, long step, long chunk) {
        if (step == 0) {
            throw new IllegalArgumentException("arange needs a non-zero step");
        }
        long n = Math.max(0, step > 0 ? Math.floorDiv(stop - start + step - 1, step)
                : Math.floorDiv(start - stop - step - 1, -step));
        return of(Exprs.source(new Generator.Arange(n, start, step, DType.INT64),
                ChunkSpec.of(chunk).resolve(new long[] {n}, DType.INT64)));
    }

    /** Float64 values {@code start + i * step} below {@code stop}, as NumPy's {@code arange} with floats. */
    public static ChunkedArray arange(double start, double stop, double step, long chunk) {
        if (step == 0 || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange needs a finite non-zero step, got " + step);
        }
        long n = Math.max(0, (long) Math.ceil((stop - start) / step));
        return of(Exprs.source(new Generator.Arange(n, start, step, DType.FLOAT64),
                ChunkSpec.of(chunk).resolve(new long[] {n}, DType.FLOAT64)));
    }

    /** {@code num} evenly spaced float64 values from start to stop inclusive. */
    public static ChunkedArray linspace(double start, double stop, long num, long chunk) {
        return linspace(start, stop, num, true, chunk);
    }

    /** As NumPy's {@code linspace}, optionally without the endpoint. */
    public static ChunkedArray linspace(double start, double stop, long num, boolean endpoint, long chunk) {
        if (num < 0) {
            throw new IllegalArgumentException("Number of samples, " + num + ", must be non-negative");
        }
        return of(Exprs.source(new Generator.Linspace(start, stop, num, endpoint),
                ChunkSpec.of(chunk).resolve(new long[] {num}, DType.FLOAT64)));
    }

    /** A chunked view of in-memory values (row-major) with a shape. */
    public static ChunkedArray fromArray(double[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    public static ChunkedArray fromArray(float[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    public static ChunkedArray fromArray(long[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    public static ChunkedArray fromArray(int[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    public static ChunkedArray fromArray(short[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    /** int8 values; use {@link #fromDense} with {@link DenseArray#ofUnsigned} for uint8. */
    public static ChunkedArray fromArray(byte[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    public static ChunkedArray fromArray(boolean[] data, long[] shape, long[] chunks) {
        return fromDense(DenseArray.of(data, shape), chunks);
    }

    /** A chunked view of an in-memory array (no copy: tasks read regions of it). */
    public static ChunkedArray fromDense(DenseArray array, long[] chunks) {
        return fromDense(array, ChunkSpec.of(chunks));
    }

    /** With explicit, possibly irregular block sizes per axis. */
    public static ChunkedArray fromDense(DenseArray array, long[][] chunks) {
        return fromDense(array, ChunkSpec.explicit(chunks));
    }

    public static ChunkedArray fromDense(DenseArray array, ChunkSpec chunks) {
        return of(Exprs.source(new DenseSource(array), chunks.resolve(array.shapeRef(), array.dtype())));
    }

    /** A chunked array reading from any {@link ArraySource} (how I/O modules plug in). */
    public static ChunkedArray fromSource(ArraySource source, ChunkSpec chunks) {
        return of(Exprs.source(source, chunks.resolve(source.shape(), source.dtype())));
    }

    // ---- description ------------------------------------------------------------------------

    public long[] shape() {
        return expr.shape();
    }

    public int ndim() {
        return expr.chunks().ndim();
    }

    public long size() {
        return Shapes.size(expr.shape());
    }

    public DType dtype() {
        return expr.dtype();
    }

    /** Block sizes per axis. */
    public Chunks chunks() {
        return expr.chunks();
    }

    /** Shape of the largest block (dask's {@code chunksize}). */
    public long[] chunkSize() {
        return expr.chunks().maxBlockShape();
    }

    public long numBlocks() {
        return expr.chunks().numBlocks();
    }

    /** Bytes of the whole array if it were computed. */
    public long nbytes() {
        return size() * dtype().itemSize();
    }

    /** The deterministic name of this array's expression; its tasks' keys start with it. */
    public String name() {
        return expr.name();
    }

    // ---- elementwise ------------------------------------------------------------------------

    private ChunkedArray binary(BinaryOp op, ChunkedArray other) {
        return of(Exprs.binary(op, expr, other.expr));
    }

    private ChunkedArray binary(BinaryOp op, double scalar) {
        DType common = DType.promoteWithScalar(dtype(), true);
        return of(Exprs.binaryTyped(op, expr, Exprs.scalar(scalar, common), common));
    }

    private ChunkedArray binary(BinaryOp op, long scalar) {
        DType common = DType.promoteWithScalar(dtype(), false);
        return of(Exprs.binaryTyped(op, expr, Exprs.scalar(scalar, common), common));
    }

    private ChunkedArray unary(UnaryOp op) {
        return of(Exprs.unary(op, expr));
    }

    /** Elementwise sum, broadcasting shapes as NumPy does. */
    public ChunkedArray add(ChunkedArray other) {
        return binary(BinaryOp.ADD, other);
    }

    public ChunkedArray add(double scalar) {
        return binary(BinaryOp.ADD, scalar);
    }

    /** Adds an integer scalar; integer arrays keep their type (NumPy 2's rule for Python ints). */
    public ChunkedArray add(long scalar) {
        return binary(BinaryOp.ADD, scalar);
    }

    public ChunkedArray subtract(ChunkedArray other) {
        return binary(BinaryOp.SUBTRACT, other);
    }

    public ChunkedArray subtract(double scalar) {
        return binary(BinaryOp.SUBTRACT, scalar);
    }

    public ChunkedArray subtract(long scalar) {
        return binary(BinaryOp.SUBTRACT, scalar);
    }

    public ChunkedArray multiply(ChunkedArray other) {
        return binary(BinaryOp.MULTIPLY, other);
    }

    public ChunkedArray multiply(double scalar) {
        return binary(BinaryOp.MULTIPLY, scalar);
    }

    public ChunkedArray multiply(long scalar) {
        return binary(BinaryOp.MULTIPLY, scalar);
    }

    /** True division: integers give float64, as NumPy's {@code /}. */
    public ChunkedArray divide(ChunkedArray other) {
        return binary(BinaryOp.DIVIDE, other);
    }

    public ChunkedArray divide(double scalar) {
        return binary(BinaryOp.DIVIDE, scalar);
    }

    public ChunkedArray divide(long scalar) {
        return binary(BinaryOp.DIVIDE, scalar);
    }

    /** Power; integer arrays to negative integer powers fail when computed, as in NumPy. */
    public ChunkedArray pow(ChunkedArray other) {
        return binary(BinaryOp.POW, other);
    }

    public ChunkedArray pow(double scalar) {
        return binary(BinaryOp.POW, scalar);
    }

    public ChunkedArray pow(long scalar) {
        return binary(BinaryOp.POW, scalar);
    }

    /** Remainder with the sign of the divisor (NumPy's {@code mod}); integer mod 0 gives 0. */
    public ChunkedArray mod(ChunkedArray other) {
        return binary(BinaryOp.MOD, other);
    }

    public ChunkedArray mod(double scalar) {
        return binary(BinaryOp.MOD, scalar);
    }

    public ChunkedArray mod(long scalar) {
        return binary(BinaryOp.MOD, scalar);
    }

    /** Elementwise maximum; NaN propagates. */
    public ChunkedArray maximum(ChunkedArray other) {
        return binary(BinaryOp.MAXIMUM, other);
    }

    public ChunkedArray maximum(double scalar) {
        return binary(BinaryOp.MAXIMUM, scalar);
    }

    public ChunkedArray minimum(ChunkedArray other) {
        return binary(BinaryOp.MINIMUM, other);
    }

    public ChunkedArray minimum(double scalar) {
        return binary(BinaryOp.MINIMUM, scalar);
    }

    public ChunkedArray negate() {
        return unary(UnaryOp.NEGATE);
    }

    public ChunkedArray abs() {
        return unary(UnaryOp.ABS);
    }

    /** Square root; integer input gives a float type (float32 up to 16-bit input, else float64). */
    public ChunkedArray sqrt() {
        return unary(UnaryOp.SQRT);
    }

    public ChunkedArray exp() {
        return unary(UnaryOp.EXP);
    }

    /** Natural logarithm (NaN below 0, -inf at 0). */
    public ChunkedArray log() {
        return unary(UnaryOp.LOG);
    }

    public ChunkedArray sin() {
        return unary(UnaryOp.SIN);
    }

    public ChunkedArray cos() {
        return unary(UnaryOp.COS);
    }

    public ChunkedArray floor() {
        return unary(UnaryOp.FLOOR);
    }

    public ChunkedArray tan() {
        return unary(UnaryOp.TAN);
    }

    /** NaN outside [-1, 1]. */
    public ChunkedArray arcsin() {
        return unary(UnaryOp.ARCSIN);
    }

    /** NaN outside [-1, 1]. */
    public ChunkedArray arccos() {
        return unary(UnaryOp.ARCCOS);
    }

    public ChunkedArray arctan() {
        return unary(UnaryOp.ARCTAN);
    }

    public ChunkedArray sinh() {
        return unary(UnaryOp.SINH);
    }

    public ChunkedArray cosh() {
        return unary(UnaryOp.COSH);
    }

    public ChunkedArray tanh() {
        return unary(UnaryOp.TANH);
    }

    /** Degrees to radians. */
    public ChunkedArray deg2rad() {
        return unary(UnaryOp.DEG2RAD);
    }

    /** Radians to degrees. */
    public ChunkedArray rad2deg() {
        return unary(UnaryOp.RAD2DEG);
    }

    public ChunkedArray log10() {
        return unary(UnaryOp.LOG10);
    }

    public ChunkedArray log2() {
        return unary(UnaryOp.LOG2);
    }

    /** {@code log(1 + x)}, exact for small x. */
    public ChunkedArray log1p() {
        return unary(UnaryOp.LOG1P);
    }

    /** {@code exp(x) - 1}, exact for small x. */
    public ChunkedArray expm1() {
        return unary(UnaryOp.EXPM1);
    }

    /** Rounds towards zero; integers unchanged. */
    public ChunkedArray trunc() {
        return unary(UnaryOp.TRUNC);
    }

    /** -1, 0 or 1 (NaN stays NaN), in the input's type. */
    public ChunkedArray sign() {
        return unary(UnaryOp.SIGN);
    }

    /** True where neither NaN nor infinite (always true for integer types). */
    public ChunkedArray isfinite() {
        return unary(UnaryOp.ISFINITE);
    }

    /** True where infinite (always false for integer types). */
    public ChunkedArray isinf() {
        return unary(UnaryOp.ISINF);
    }

    /**
     * Values moved {@code n} places along {@code axis} (forward for n > 0); the places left empty hold
     * {@code fill} (NaN promotes integers to float64). Lazy; the blocks stay as they are.
     */
    public ChunkedArray shift(int axis, long n, double fill) {
        return AxisOps.shift(this, Shapes.axis(axis, shape().length), n, fill);
    }

    /** Values rotated {@code n} places along {@code axis}, as {@code np.roll}. Lazy. */
    public ChunkedArray roll(int axis, long n) {
        return AxisOps.roll(this, Shapes.axis(axis, shape().length), n);
    }

    /** The {@code n}-th difference along {@code axis}, as {@code np.diff}: one element shorter per order. */
    public ChunkedArray diff(int axis, int n) {
        return AxisOps.diff(this, Shapes.axis(axis, shape().length), n);
    }

    /** Cumulative sum along {@code axis}; NaN propagates ({@link #nancumsum} skips it). Lazy across blocks. */
    public ChunkedArray cumsum(int axis) {
        return AxisOps.cumulative(this, Shapes.axis(axis, shape().length), false, false);
    }

    /** Cumulative sum with NaN counted as zero, as {@code np.nancumsum}. */
    public ChunkedArray nancumsum(int axis) {
        return AxisOps.cumulative(this, Shapes.axis(axis, shape().length), false, true);
    }

    public ChunkedArray cumprod(int axis) {
        return AxisOps.cumulative(this, Shapes.axis(axis, shape().length), true, false);
    }

    /** Cumulative product with NaN counted as one, as {@code np.nancumprod}. */
    public ChunkedArray nancumprod(int axis) {
        return AxisOps.cumulative(this, Shapes.axis(axis, shape().length), true, true);
    }

    /** The angle of the point (other, this), as {@code np.arctan2(this, other)}, in radians. */
    public ChunkedArray arctan2(ChunkedArray other) {
        return binary(BinaryOp.ARCTAN2, other);
    }

    /** {@code sqrt(this² + other²)} without overflow or underflow in between. */
    public ChunkedArray hypot(ChunkedArray other) {
        return binary(BinaryOp.HYPOT, other);
    }

    public ChunkedArray ceil() {
        return unary(UnaryOp.CEIL);
    }

    /** Rounds half to even, as {@code np.round}. */
    public ChunkedArray round() {
        return unary(UnaryOp.ROUND);
    }

    public ChunkedArray eq(ChunkedArray other) {
        return binary(BinaryOp.EQ, other);
    }

    public ChunkedArray eq(double scalar) {
        return binary(BinaryOp.EQ, scalar);
    }

    public ChunkedArray ne(ChunkedArray other) {
        return binary(BinaryOp.NE, other);
    }

    public ChunkedArray ne(double scalar) {
        return binary(BinaryOp.NE, scalar);
    }

    public ChunkedArray lt(ChunkedArray other) {
        return binary(BinaryOp.LT, other);
    }

    public ChunkedArray lt(double scalar) {
        return binary(BinaryOp.LT, scalar);
    }

    public ChunkedArray le(ChunkedArray other) {
        return binary(BinaryOp.LE, other);
    }

    public ChunkedArray le(double scalar) {
        return binary(BinaryOp.LE, scalar);
    }

    public ChunkedArray gt(ChunkedArray other) {
        return binary(BinaryOp.GT, other);
    }

    public ChunkedArray gt(double scalar) {
        return binary(BinaryOp.GT, scalar);
    }

    public ChunkedArray ge(ChunkedArray other) {
        return binary(BinaryOp.GE, other);
    }

    public ChunkedArray ge(double scalar) {
        return binary(BinaryOp.GE, scalar);
    }

    /** Logical and of truth values (non-zero is true). */
    public ChunkedArray and(ChunkedArray other) {
        return binary(BinaryOp.AND, other);
    }

    public ChunkedArray or(ChunkedArray other) {
        return binary(BinaryOp.OR, other);
    }

    public ChunkedArray xor(ChunkedArray other) {
        return binary(BinaryOp.XOR, other);
    }

    public ChunkedArray not() {
        return unary(UnaryOp.NOT);
    }

    /** True where NaN (always false for integer types). */
    public ChunkedArray isnan() {
        return unary(UnaryOp.ISNAN);
    }

    /** Limits values to [min, max]; NaN stays NaN. */
    public ChunkedArray clip(double min, double max) {
        return of(Exprs.clip(expr, min, max));
    }

    /** Converts to another dtype with NumPy's unsafe casting (floats truncate, integers wrap). */
    public ChunkedArray astype(DType dtype) {
        return of(Exprs.cast(expr, dtype));
    }

    /** {@code condition ? ifTrue : ifFalse} elementwise, with broadcasting and type promotion. */
    public static ChunkedArray where(ChunkedArray condition, ChunkedArray ifTrue, ChunkedArray ifFalse) {
        return of(Exprs.where(condition.expr, ifTrue.expr, ifFalse.expr));
    }

    public static ChunkedArray where(ChunkedArray condition, ChunkedArray ifTrue, double ifFalse) {
        DType common = DType.promoteWithScalar(ifTrue.dtype(), true);
        return of(Exprs.whereTyped(condition.expr, ifTrue.expr, Exprs.scalar(ifFalse, common), common));
    }

    public static ChunkedArray where(ChunkedArray condition, double ifTrue, ChunkedArray ifFalse) {
        DType common = DType.promoteWithScalar(ifFalse.dtype(), true);
        return of(Exprs.whereTyped(condition.expr, Exprs.scalar(ifTrue, common), ifFalse.expr, common));
    }

    public static ChunkedArray where(ChunkedArray condition, double ifTrue, double ifFalse) {
        return of(Exprs.whereTyped(condition.expr, Exprs.scalar(ifTrue, DType.FLOAT64),
                Exprs.scalar(ifFalse, DType.FLOAT64), DType.FLOAT64));
    }

    // ---- reductions -------------------------------------------------------------------------

    /**
     * Any reduction with options (axes, keepdims, ddof, tree fan-in). Reducing an axis of length 0
     * gives the identity (0 for sums, 1 for products, NaN for means); min, max and arg reductions of
     * nothing are an error.
     */
    public ChunkedArray reduce(Reduction reduction, ReduceOptions options) {
        return of(Exprs.reduce(expr, reduction, options));
    }

    private ChunkedArray reduce(Reduction reduction, int[] axes) {
        return reduce(reduction, ReduceOptions.axes(axes));
    }

    /** Sum over the axes (all when none are given); integers sum to int64. NaN propagates. */
    public ChunkedArray sum(int... axes) {
        return reduce(Reduction.SUM, axes);
    }

    public ChunkedArray prod(int... axes) {
        return reduce(Reduction.PROD, axes);
    }

    public ChunkedArray min(int... axes) {
        return reduce(Reduction.MIN, axes);
    }

    public ChunkedArray max(int... axes) {
        return reduce(Reduction.MAX, axes);
    }

    /** Arithmetic mean; integers give float64. */
    public ChunkedArray mean(int... axes) {
        return reduce(Reduction.MEAN, axes);
    }

    /** Population variance (ddof 0); see {@link #reduce} for other ddof. */
    public ChunkedArray var(int... axes) {
        return reduce(Reduction.VAR, axes);
    }

    public ChunkedArray std(int... axes) {
        return reduce(Reduction.STD, axes);
    }

    public ChunkedArray any(int... axes) {
        return reduce(Reduction.ANY, axes);
    }

    public ChunkedArray all(int... axes) {
        return reduce(Reduction.ALL, axes);
    }

    /** Number of non-NaN elements (xarray's {@code count}). */
    public ChunkedArray count(int... axes) {
        return reduce(Reduction.COUNT, axes);
    }

    /** Index of the minimum along one axis, or the flat index over all axes when none is given. */
    public ChunkedArray argmin(int... axis) {
        return reduce(Reduction.ARGMIN, axis);
    }

    public ChunkedArray argmax(int... axis) {
        return reduce(Reduction.ARGMAX, axis);
    }

    public ChunkedArray nansum(int... axes) {
        return reduce(Reduction.NANSUM, axes);
    }

    public ChunkedArray nanprod(int... axes) {
        return reduce(Reduction.NANPROD, axes);
    }

    public ChunkedArray nanmin(int... axes) {
        return reduce(Reduction.NANMIN, axes);
    }

    public ChunkedArray nanmax(int... axes) {
        return reduce(Reduction.NANMAX, axes);
    }

    public ChunkedArray nanmean(int... axes) {
        return reduce(Reduction.NANMEAN, axes);
    }

    public ChunkedArray nanvar(int... axes) {
        return reduce(Reduction.NANVAR, axes);
    }

    public ChunkedArray nanstd(int... axes) {
        return reduce(Reduction.NANSTD, axes);
    }

    public ChunkedArray nanargmin(int... axis) {
        return reduce(Reduction.NANARGMIN, axis);
    }

    public ChunkedArray nanargmax(int... axis) {
        return reduce(Reduction.NANARGMAX, axis);
    }

    /**
     * A reduction per group along one axis, as one map-reduce over the blocks (no task per group):
     * element i of {@code axis} belongs to group {@code codes[i]} ({@code -1}: to none), and the
     * result has {@code groups} elements along that axis. The axes of {@code options} are the
     * further axes to reduce (none: only the grouped axis).
     *
     * <pre>{@code
     * // monthly climatology of a (time, lat, lon) array: codes = month - 1 of each time step
     * ChunkedArray climatology = data.reduceByGroup(Reduction.NANMEAN, ReduceOptions.axes(0), 0, codes, 12);
     * }</pre>
     */
    public ChunkedArray reduceByGroup(Reduction reduction, ReduceOptions options, int axis, int[] codes, int groups) {
        int a = Shapes.axis(axis, ndim());
        int[] axes = options.axes();
        int[] withGroup = IntStream.concat(Arrays.stream(axes).map(x -> Shapes.axis(x, ndim())),
                IntStream.of(a)).distinct().toArray();
        for (int code : codes) {
            if (code < -1 || code >= groups) {
                throw new IllegalArgumentException("Group code " + code + " is outside [-1, " + groups + ")");
            }
        }
        ReduceOptions all = ReduceOptions.axes(withGroup).withKeepdims(options.keepdims()).withDdof(options.ddof())
                .withSplitEvery(options.splitEvery());
        return of(Exprs.reduce(expr, reduction, all, new Expr.Grouping(a, codes.clone(), groups)));
    }

    // ---- structure --------------------------------------------------------------------------

    /**
     * The elements at {@code indices} along an axis, in that order (repeats allowed): NumPy's
     * {@code take}. Only the blocks holding the indices are read.
     */
    public ChunkedArray take(int axis, long[] indices) {
        int a = Shapes.axis(axis, ndim());
        long block = Math.max(1, chunks().maxBlockShape()[a]);
        return take(a, indices, Chunks.split(indices.length, block));
    }

    /** As {@link #take(int, long[])}, with the result's block sizes along the axis. */
    public ChunkedArray take(int axis, long[] indices, long[] blockSizes) {
        return of(Slicing.take(expr, shape(), Shapes.axis(axis, ndim()), indices, blockSizes));
    }

    /**
     * Basic slicing of one axis with Python's rules: negative positions count from the end, bounds are
     * clamped, {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} mean "from the start/to the end" in the
     * direction of the step.
     */
    public ChunkedArray slice(int axis, long start, long stop, long step) {
        return of(Slicing.sliceAxis(expr, shape(), axis, start, stop, step));
    }

    public ChunkedArray slice(int axis, long start, long stop) {
        return slice(axis, start, stop, 1);
    }

    /** Slices every axis at once ({@code x[s0:e0:t0, s1:e1:t1, …]}). */
    public ChunkedArray slice(long[] starts, long[] stops, long[] steps) {
        return of(Slicing.slice(expr, shape(), starts, stops, steps));
    }

    /** Selects one position of an axis, dropping it ({@code x[..., i, ...]}); negative counts from the end. */
    public ChunkedArray index(int axis, long i) {
        int a = Shapes.axis(axis, ndim());
        long resolved = Slicing.index(i, shape()[a], a);
        return slice(a, resolved, resolved + 1, 1).squeeze(a);
    }

    /** Integer indexing of the leading axes: {@code get(i, j)} is {@code x[i, j]}. */
    public ChunkedArray get(long... index) {
        if (index.length > ndim()) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + ndim()
                    + "-dimensional, but " + index.length + " were indexed");
        }
        ChunkedArray result = this;
        for (int k = index.length - 1; k >= 0; k--) {
            result = result.index(k, index[k]);
        }
        return result;
    }

    /** Reverses the axes. */
    public ChunkedArray transpose() {
        return transpose(Slicing.reversed(ndim()));
    }

    /** Permutes the axes: output axis k is input axis {@code permutation[k]}. */
    public ChunkedArray transpose(int... permutation) {
        return of(Exprs.transpose(expr, Slicing.permutation(permutation, ndim())));
    }

    /**
     * The same elements in row-major order under a new shape (one -1 is inferred). Blocks are first
     * aligned so that each holds whole output blocks, then reshaped without copying.
     */
    public ChunkedArray reshape(long... shape) {
        return of(Exprs.reshape(expr, shape));
    }

    /** New block sizes per axis ({@code -1} for a whole axis). */
    public ChunkedArray rechunk(long... chunks) {
        return rechunk(ChunkSpec.of(chunks));
    }

    /** New explicit block sizes. */
    public ChunkedArray rechunk(long[][] chunks) {
        return rechunk(ChunkSpec.explicit(chunks));
    }

    /** "auto" (about 128 MiB blocks) or a target size such as "64MiB". */
    public ChunkedArray rechunk(String chunks) {
        return rechunk(ChunkSpec.parse(chunks));
    }

    public ChunkedArray rechunk(ChunkSpec chunks) {
        return of(Exprs.rechunk(expr, chunks.resolve(shape(), dtype())));
    }

    /** Removes every axis of length 1. */
    public ChunkedArray squeeze() {
        long[] shape = shape();
        return reshape(Arrays.stream(shape).filter(length -> length != 1).toArray());
    }

    /** Removes the given axes, which must have length 1. */
    public ChunkedArray squeeze(int... axes) {
        return reshape(Slicing.squeezed(shape(), axes));
    }

    /** Inserts an axis of length 1 at {@code axis} (negative counts from the end of the result). */
    public ChunkedArray expandDims(int axis) {
        return reshape(Slicing.expanded(shape(), axis));
    }

    /** Joins arrays along an existing axis; dtypes are promoted, other axes must match. */
    public static ChunkedArray concatenate(List<ChunkedArray> arrays, int axis) {
        return of(Exprs.concat(arrays.stream().map(a -> a.expr).toList(), axis));
    }

    /** Joins arrays of equal shape along a new axis. */
    public static ChunkedArray stack(List<ChunkedArray> arrays, int axis) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("need at least one array to stack");
        }
        long[] first = arrays.get(0).shape();
        for (int i = 1; i < arrays.size(); i++) {
            if (!Arrays.equals(first, arrays.get(i).shape())) {
                throw new IllegalArgumentException("all input arrays must have the same shape: array 0 has "
                        + Shapes.format(first) + ", array " + i + " has " + Shapes.format(arrays.get(i).shape()));
            }
        }
        int a = Shapes.axis(axis, first.length + 1);
        return concatenate(arrays.stream().map(x -> x.expandDims(a)).toList(), a);
    }

    /** Applies {@code function} to every block; the blocks keep their shape and dtype. */
    public ChunkedArray mapBlocks(BlockFunction function) {
        return mapBlocks(function, dtype());
    }

    /** Applies {@code function} to every block, declaring the dtype it returns. */
    public ChunkedArray mapBlocks(BlockFunction function, DType resultType) {
        Objects.requireNonNull(function, "function");
        return of(Exprs.mapBlocks(List.of(expr), blocks -> function.apply(blocks.get(0)), resultType, "map_blocks"));
    }

    /** Applies a function to the corresponding blocks of several arrays with the same chunks. */
    public static ChunkedArray mapBlocks(MultiBlockFunction function, DType resultType, ChunkedArray... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("mapBlocks needs at least one array");
        }
        return of(Exprs.mapBlocks(Arrays.stream(arrays).map(a -> a.expr).toList(), function, resultType, "map_blocks"));
    }

    /**
     * Applies a function to corresponding blocks of arrays with the same chunks, producing blocks of
     * other sizes on the same block grid ({@code outputChunks}), e.g. a per-block reduction with keepdims.
     */
    public static ChunkedArray mapBlocks(MultiBlockFunction function, DType resultType, Chunks outputChunks,
                                         ChunkedArray... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("mapBlocks needs at least one array");
        }
        return of(Exprs.mapBlocks(Arrays.stream(arrays).map(a -> a.expr).toList(), function, resultType, "map_blocks",
                outputChunks));
    }

    /**
     * A new array whose every block is {@code function} of the input blocks {@code selector} names
     * (dask's {@code blockwise}): the general form of block-by-block algorithms such as a matrix
     * product's partial products. The function must return blocks of {@code chunks}' shapes.
     */
    public static ChunkedArray blockwise(MultiBlockFunction function, BlockSelector selector, DType resultType,
                                         Chunks chunks, List<ChunkedArray> inputs, String label) {
        Object[] names = inputs.stream().map(ChunkedArray::name).toArray();
        String name = Tokens.name(label, names, Tokenize.of(function, selector), resultType,
                chunks.sizes());
        return of(new Expr.Blockwise(name, inputs.stream().map(a -> a.expr).toList(), function, selector, resultType,
                chunks));
    }

    /** One block as an array of its own (dask's {@code x.blocks[i, j]}); negative indices count from the end. */
    public ChunkedArray blocks(int... blockIndex) {
        return of(Slicing.block(expr, chunks(), shape(), blockIndex));
    }

    // ---- computing --------------------------------------------------------------------------

    /** Computes the array on the current scheduler. */
    public DenseArray compute() {
        return compute(Schedulers.current());
    }

    /**
     * As {@link #compute()}, waiting at most {@code timeout}: past it the remaining tasks are cancelled
     * and an {@link IllegalStateException} says how long it waited.
     */
    public DenseArray compute(Duration timeout) {
        return Evaluation.compute(List.of(expr), Schedulers.current(), timeout).get(0);
    }

    public DenseArray compute(Scheduler scheduler) {
        return Evaluation.compute(List.of(expr), scheduler, ExecutionListener.NONE).get(0);
    }

    /** Computes on a scheduler, reporting its events to a listener. */
    public DenseArray compute(Scheduler scheduler, ExecutionListener listener) {
        return Evaluation.compute(List.of(expr), scheduler, listener).get(0);
    }

    /** Computes several arrays in one graph: tasks they share run once. */
    public static List<DenseArray> compute(ChunkedArray... arrays) {
        return compute(Schedulers.current(), arrays);
    }

    public static List<DenseArray> compute(Scheduler scheduler, ChunkedArray... arrays) {
        return Evaluation.compute(Arrays.stream(arrays).map(a -> a.expr).toList(), scheduler, ExecutionListener.NONE);
    }

    /**
     * Computes every block and keeps it (in this JVM, or on the cluster of the current default
     * scheduler when that cluster keeps results): the result is a chunked array backed by them.
     */
    public ChunkedArray persist() {
        return persist(Schedulers.current());
    }

    /**
     * Computes every block on {@code scheduler} and returns an array reading them: kept by the cluster
     * when its scheduler keeps results (a local cluster's workers, Spark's cached partitions), else held
     * in this JVM.
     */
    @Override
    public ChunkedArray persist(Scheduler scheduler) {
        Evaluation.Lowered lowered = Evaluation.lower(List.of(expr));
        List<TaskKey> keys = lowered.keys().get(0);
        Optional<ResultStore> kept = scheduler.persist(lowered.graph(), keys);
        if (kept.isPresent()) {
            return of(Exprs.kept(chunks(), dtype(), kept.get(), keys, expr.name()));
        }
        Map<TaskKey, Object> results = scheduler.execute(lowered.graph(), keys);
        DenseArray[] blocks = keys.stream().map(k -> (DenseArray) results.get(k)).toArray(DenseArray[]::new);
        return of(Exprs.persisted(chunks(), dtype(), blocks, expr.name()));
    }

    /** The computation {@link #compute()} runs: its graph, output keys and assembly into one array. */
    @Override
    public Computation<DenseArray> lower() {
        Evaluation.Lowered lowered = Evaluation.lower(List.of(expr));
        List<TaskKey> keys = lowered.keys().get(0);
        Expr e = expr;
        return new Computation<>(lowered.graph(), keys, results -> {
            DenseArray[] blocks = new DenseArray[keys.size()];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = (DenseArray) results.get(keys.get(i));
            }
            return Evaluation.assemble(e, blocks);
        });
    }

    /** The task graph {@link #compute()} would run (after fusion and culling). */
    public TaskGraph taskGraph() {
        return Evaluation.lower(List.of(expr)).graph();
    }

    /** Number of tasks {@link #compute()} would run. */
    public int taskCount() {
        int count = taskCount;
        if (count < 0) {
            count = taskGraph().size();
            taskCount = count;
        }
        return count;
    }

    /**
     * Like dask's repr: {@code ChunkedArray<random, shape=(10000, 10000), dtype=float64,
     * chunksize=(1000, 1000), chunks=100, tasks=100, nbytes=762.94 MiB>}.
     */
    @Override
    public String toString() {
        return ChunkedArrayRepr.text(this);
    }

    /**
     * An HTML repr for notebooks, like dask's: the whole array against one chunk (bytes, shape), then dtype,
     * blocks and tasks, beside a picture of the chunks ({@link ChunkDiagram}).
     */
    public String toHtml() {
        return ChunkedArrayRepr.html(this);
    }
}
