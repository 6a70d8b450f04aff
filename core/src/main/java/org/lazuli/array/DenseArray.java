package org.lazuli.array;

import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Function;
import org.lazuli.graph.Sized;

/**
 * An eager, in-memory n-dimensional array: what {@link ChunkedArray#compute()} returns, and the
 * block type that tasks pass between each other.
 *
 * <p>Elements are stored row-major in one primitive Java array matching the dtype ({@code double[]}
 * for float64, {@code byte[]} for int8 and uint8, {@code boolean[]} for bool …), so an array holds at
 * most 2^31 - 9 elements. Immutable: the {@code toXxxArray()} methods return copies and no method
 * writes after construction; safe to share between threads.
 *
 * <pre>{@code
 * DenseArray a = DenseArray.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
 * a.getDouble(1, 2);   // 6.0
 * a.toString();        // array([[1., 2., 3.],
 *                      //        [4., 5., 6.]])
 * }</pre>
 */
public final class DenseArray implements Serializable, Sized {
    private static final long serialVersionUID = 1L;

    private final DType dtype;
    private final long[] shape;
    private final Storage storage;
    private transient long contentHash;

    private DenseArray(DType dtype, long[] shape, Storage storage) {
        this.dtype = dtype;
        this.shape = shape;
        this.storage = storage;
    }

    // ---- factories -------------------------------------------------------------------------

    public static DenseArray of(double[] data, long... shape) {
        return wrap(DType.FLOAT64, checked(shape, data.length), data.clone());
    }

    public static DenseArray of(float[] data, long... shape) {
        return wrap(DType.FLOAT32, checked(shape, data.length), data.clone());
    }

    public static DenseArray of(long[] data, long... shape) {
        return wrap(DType.INT64, checked(shape, data.length), data.clone());
    }

    public static DenseArray of(int[] data, long... shape) {
        return wrap(DType.INT32, checked(shape, data.length), data.clone());
    }

    public static DenseArray of(short[] data, long... shape) {
        return wrap(DType.INT16, checked(shape, data.length), data.clone());
    }

    /** int8 data; see {@link #ofUnsigned(byte[], long...)} for uint8. */
    public static DenseArray of(byte[] data, long... shape) {
        return wrap(DType.INT8, checked(shape, data.length), data.clone());
    }

    /** uint8 data: each byte is read as 0..255. */
    public static DenseArray ofUnsigned(byte[] data, long... shape) {
        return wrap(DType.UINT8, checked(shape, data.length), data.clone());
    }

    public static DenseArray of(boolean[] data, long... shape) {
        return wrap(DType.BOOL, checked(shape, data.length), data.clone());
    }

    /** A 0-dimensional float64 array. */
    public static DenseArray scalar(double value) {
        return wrap(DType.FLOAT64, new long[0], new double[] {value});
    }

    /** An array of the given type and shape filled with zeros (false for bool). */
    public static DenseArray zeros(DType dtype, long... shape) {
        Shapes.checkShape(shape);
        return wrap(dtype, shape.clone(), allocate(dtype, Shapes.toIntSize(shape, "An array")));
    }

    /**
     * Takes ownership of a primitive array without copying (for readers handing over fresh buffers):
     * the caller must never write to {@code storage} afterwards. The storage type must match the dtype
     * ({@code double[]} for float64, {@code byte[]} for int8 and uint8 …).
     */
    public static DenseArray adopt(DType dtype, Object storage, long... shape) {
        Storage elements = Storage.of(dtype, storage);
        return new DenseArray(dtype, checked(shape, elements.length()), elements);
    }

    /** Takes ownership of {@code data} without copying: callers must not write to it afterwards. */
    static DenseArray wrap(DType dtype, long[] shape, Object data) {
        return new DenseArray(dtype, shape, Storage.of(dtype, data));
    }

    /**
     * A new zeroed primitive array of {@code n} elements, of the storage type {@link #adopt} takes for
     * {@code dtype} (for readers that fill their buffer, then hand it over).
     */
    public static Object allocate(DType dtype, int n) {
        return Storage.allocate(dtype, n).array();
    }

    private static long[] checked(long[] shape, int length) {
        Shapes.checkShape(shape);
        long size = Shapes.size(shape);
        if (size != length) {
            throw new IllegalArgumentException("Shape " + Shapes.format(shape) + " holds " + size
                    + " elements but " + length + " values were given");
        }
        return shape.clone();
    }

    // ---- accessors ---------------------------------------------------------------------------

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public long size() {
        return length();
    }

    /** Bytes of the elements. */
    @Override
    public long nbytes() {
        return (long) length() * dtype.itemSize();
    }

    int length() {
        return storage.length();
    }

    long[] shapeRef() {
        return shape;
    }

    Object data() {
        return storage.array();
    }

    /**
     * The element at an index, as a double; with no index, the single element of a 0-d or 1-element
     * array (NumPy's {@code item()}).
     */
    public double getDouble(long... index) {
        return getD(flat(index));
    }

    /** The element at an index as a long (floats are truncated towards zero). */
    public long getLong(long... index) {
        return getL(flat(index));
    }

    /** The element at an index as a boolean (non-zero is true). */
    public boolean getBoolean(long... index) {
        return storage.getD(flat(index)) != 0;
    }

    private int flat(long[] index) {
        if (index.length == 0) {
            if (length() != 1) {
                throw new IllegalArgumentException("Only an array of one element converts to a scalar; this one has shape "
                        + Shapes.format(shape) + "; pass an index");
            }
            return 0;
        }
        if (index.length != shape.length) {
            throw new IllegalArgumentException("Index " + Arrays.toString(index) + " has " + index.length
                    + " entries but the array has " + shape.length + " dimensions");
        }
        long flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            long i = index[axis] < 0 ? index[axis] + shape[axis] : index[axis];
            if (i < 0 || i >= shape[axis]) {
                throw new IndexOutOfBoundsException("index " + index[axis] + " is out of bounds for axis " + axis
                        + " with size " + shape[axis]);
            }
            flat = flat * shape[axis] + i;
        }
        return (int) flat;
    }

    /** Element at a flat position as a double. */
    double getD(int i) {
        return storage.getD(i);
    }

    /** Element at a flat position as a long. */
    long getL(int i) {
        return storage.getL(i);
    }

    /** Copies {@code len} elements from flat position {@code from} into a double tile. */
    void readD(int from, double[] dst, int off, int len) {
        storage.readD(from, dst, off, len);
    }

    /** Copies {@code len} elements from flat position {@code from} into a long tile. */
    void readL(int from, long[] dst, int off, int len) {
        storage.readL(from, dst, off, len);
    }

    // ---- writing into freshly allocated storage (package-private, before publication) ----------

    static void writeD(Object storage, DType dtype, int to, double[] src, int off, int len) {
        Storage.of(dtype, storage).writeD(to, src, off, len);
    }

    static void writeL(Object storage, DType dtype, int to, long[] src, int off, int len) {
        Storage.of(dtype, storage).writeL(to, src, off, len);
    }

    // ---- conversions ----------------------------------------------------------------------

    /**
     * A read-only view of float64 elements, row-major, without copying: for bulk transfer into other
     * libraries' buffers (one copy instead of two).
     *
     * @throws IllegalStateException if the dtype is not float64
     */
    public DoubleBuffer asDoubleBuffer() {
        if (!(storage.array() instanceof double[] d)) {
            throw new IllegalStateException("asDoubleBuffer needs float64 values, this array is " + dtype
                    + "; convert with astype(DType.FLOAT64) first");
        }
        return DoubleBuffer.wrap(d).asReadOnlyBuffer();
    }

    /**
     * Lends the float64 elements, row-major, to {@code reader} without copying (as native libraries such as
     * BLAS take them: a {@code double[]}); converts other dtypes first. The reader must neither change the
     * array nor keep it past the call: this array stays immutable only if it does not.
     */
    public <R> R readDoubles(Function<double[], R> reader) {
        return reader.apply(storage.array() instanceof double[] d ? d : toDoubleArray());
    }

    /** As {@link #readDoubles}, for float32 elements. */
    public <R> R readFloats(Function<float[], R> reader) {
        return reader.apply(storage.array() instanceof float[] f ? f : toFloatArray());
    }

    /**
     * A read-only view of float32 elements, row-major, without copying.
     *
     * @throws IllegalStateException if the dtype is not float32
     */
    public FloatBuffer asFloatBuffer() {
        if (!(storage.array() instanceof float[] f)) {
            throw new IllegalStateException("asFloatBuffer needs float32 values, this array is " + dtype
                    + "; convert with astype(DType.FLOAT32) first");
        }
        return FloatBuffer.wrap(f).asReadOnlyBuffer();
    }

    /** The elements, row-major, as doubles (a copy). */
    public double[] toDoubleArray() {
        int n = length();
        double[] out = new double[n];
        readD(0, out, 0, n);
        return out;
    }

    /** The elements as floats (a copy; wider values are rounded). */
    public float[] toFloatArray() {
        if (storage.array() instanceof float[] f) {
            return f.clone();
        }
        int n = length();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) getD(i);
        }
        return out;
    }

    /** The elements as longs (a copy; floats truncated towards zero). */
    public long[] toLongArray() {
        int n = length();
        long[] out = new long[n];
        readL(0, out, 0, n);
        return out;
    }

    /** The elements as ints (a copy; wider values wrap as a C cast does). */
    public int[] toIntArray() {
        if (storage.array() instanceof int[] a) {
            return a.clone();
        }
        int n = length();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) getL(i);
        }
        return out;
    }

    public short[] toShortArray() {
        int n = length();
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) getL(i);
        }
        return out;
    }

    public byte[] toByteArray() {
        int n = length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) getL(i);
        }
        return out;
    }

    public boolean[] toBooleanArray() {
        if (storage.array() instanceof boolean[] b) {
            return b.clone();
        }
        int n = length();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = getD(i) != 0;
        }
        return out;
    }

    /** The same elements under another shape of equal size (shares storage; no copy). */
    public DenseArray reshape(long... newShape) {
        long[] resolved = Reshaping.resolveShape(shape, newShape);
        return new DenseArray(dtype, resolved, storage);
    }

    /** A copy converted to another dtype with NumPy's {@code astype} (unsafe casting) semantics. */
    public DenseArray astype(DType target) {
        if (target == dtype) {
            return this;
        }
        int n = length();
        Storage out = Storage.allocate(target, n);
        if (dtype.isFloat() || target.isFloat()) {
            double[] tile = new double[Math.min(n, 4096)];
            for (int start = 0; start < n; start += tile.length) {
                int len = Math.min(tile.length, n - start);
                storage.readD(start, tile, 0, len);
                out.writeD(start, tile, 0, len);
            }
        } else {
            long[] tile = new long[Math.min(n, 4096)];
            for (int start = 0; start < n; start += tile.length) {
                int len = Math.min(tile.length, n - start);
                storage.readL(start, tile, 0, len);
                out.writeL(start, tile, 0, len);
            }
        }
        return new DenseArray(target, shape.clone(), out);
    }

    /** A chunked (lazy) view of this array, cut into blocks as {@code chunks} says. */
    public ChunkedArray chunk(long... chunks) {
        return ChunkedArray.fromDense(this, chunks);
    }

    /** A hash of dtype, shape and contents, computed once; used for deterministic task names. */
    long contentHash() {
        long h = contentHash;
        if (h == 0) {
            h = Tokens.hashContents(dtype, shape, storage.array());
            contentHash = h == 0 ? 1 : h;
        }
        return contentHash;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DenseArray that) || dtype != that.dtype || !Arrays.equals(shape, that.shape)) {
            return false;
        }
        return storage.sameElements(that.storage);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(contentHash());
    }

    /** NumPy's repr: {@code array([[1., 2.], [3., 4.]])}, summarised with "..." past 1000 elements. */
    @Override
    public String toString() {
        return ArrayFormat.format(this);
    }
}
