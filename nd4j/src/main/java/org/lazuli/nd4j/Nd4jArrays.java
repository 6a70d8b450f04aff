package org.lazuli.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.BlockSelector;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.array.MultiBlockFunction;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J interop: {@link INDArray} ⇄ {@link DenseArray} / {@link ChunkedArray} / {@link DataArray}
 * conversions (one copy each way: ND4J keeps its data off-heap), and chunked linear algebra delegated
 * to ND4J's BLAS — {@link #matmul}, {@link #dot}, {@link #tensordot} — where every block product is one
 * BLAS call and the partial products are summed in Lazuli's reduction tree.
 *
 * <p>The scheduler provides the parallelism, so ND4J uses one thread per task: the first block
 * product sets OpenBLAS to one thread (process-wide; {@code Nd4j.factory().blas().setMaxThreads(n)}
 * restores more for whole-array calls), and {@code OMP_NUM_THREADS=1} in the JVM's environment does
 * the same for ND4J's own OpenMP loops. Cap its off-heap memory with {@code -Dorg.bytedeco.javacpp.maxbytes=…} and
 * {@code -Dorg.bytedeco.javacpp.maxphysicalbytes=…} (uncapped it grew to about 7 GB here).
 *
 * <pre>{@code
 * INDArray m = Nd4jArrays.toINDArray(Nd4jArrays.matmul(
 *         Nd4jArrays.toChunked(Nd4j.rand(DataType.DOUBLE, 300, 200), new long[]{100, 100}),
 *         Nd4jArrays.toChunked(Nd4j.rand(DataType.DOUBLE, 200, 250), new long[]{100, 100})).compute());
 * }</pre>
 */
public final class Nd4jArrays {
    private static volatile boolean configured;

    private Nd4jArrays() {
    }

    private static void configure() {
        if (!configured) {
            synchronized (Nd4jArrays.class) {
                if (!configured) {
                    Nd4j.getEnvironment().setMaxMasterThreads(1);
                    configured = true;
                }
            }
        }
    }

    // ---- conversions -------------------------------------------------------------------------

    /** The values of an INDArray (one copy, row-major), with the matching dtype. */
    public static DenseArray toDense(INDArray array) {
        configure();
        INDArray c = array.ordering() == 'c' && !array.isView() ? array : array.dup('c');
        long[] shape = c.shape();
        return switch (c.dataType()) {
            case DOUBLE -> DenseArray.adopt(DType.FLOAT64, c.data().asDouble(), shape);
            case FLOAT -> DenseArray.adopt(DType.FLOAT32, c.data().asFloat(), shape);
            case LONG -> DenseArray.adopt(DType.INT64, c.data().asLong(), shape);
            case INT -> DenseArray.adopt(DType.INT32, c.data().asInt(), shape);
            case SHORT -> DenseArray.of(c.data().asInt(), shape).astype(DType.INT16);
            case BYTE -> DenseArray.of(c.data().asInt(), shape).astype(DType.INT8);
            case UBYTE -> DenseArray.of(c.data().asInt(), shape).astype(DType.UINT8);
            case BOOL -> DenseArray.of(c.data().asInt(), shape).astype(DType.BOOL);
            default -> DenseArray.adopt(DType.FLOAT64, c.castTo(DataType.DOUBLE).data().asDouble(), shape);
        };
    }

    /** An INDArray holding the values (one copy into ND4J's off-heap memory), with the matching data type. */
    @SuppressWarnings("deprecation")   // SHORT, BYTE, UBYTE: the types toDense reads back (ND4J reports them so)
    public static INDArray toINDArray(DenseArray array) {
        configure();
        long[] shape = array.shape();
        if (shape.length > 0 && array.size() > 0 && (array.dtype() == DType.FLOAT64 || array.dtype() == DType.FLOAT32)) {
            return copyFloats(array, shape);
        }
        long[] shapeOrScalar = shape.length == 0 ? new long[0] : shape;
        INDArray out = switch (array.dtype()) {
            case FLOAT64 -> Nd4j.create(array.toDoubleArray(), shapeOrScalar, 'c');
            case FLOAT32 -> Nd4j.create(array.toFloatArray(), shapeOrScalar, 'c');
            case INT64 -> Nd4j.createFromArray(array.toLongArray());
            case INT32 -> Nd4j.createFromArray(array.toIntArray());
            case INT16 -> Nd4j.createFromArray(array.toIntArray()).castTo(DataType.SHORT);
            case INT8 -> Nd4j.createFromArray(array.toIntArray()).castTo(DataType.BYTE);
            case UINT8 -> Nd4j.createFromArray(array.toIntArray()).castTo(DataType.UBYTE);
            case BOOL -> Nd4j.createFromArray(array.toBooleanArray());
        };
        return out.length() == 1 && shape.length == 0 ? out.reshape() : out.reshape('c', shape);
    }

    /** Floating-point values go straight from the JVM array into ND4J's buffer: one copy. */
    private static INDArray copyFloats(DenseArray array, long[] shape) {
        boolean doubles = array.dtype() == DType.FLOAT64;
        INDArray out = Nd4j.createUninitialized(doubles ? DataType.DOUBLE : DataType.FLOAT, shape, 'c');
        ByteBuffer target = out.data().asNio().order(ByteOrder.nativeOrder());
        if (doubles) {
            target.asDoubleBuffer().put(array.asDoubleBuffer());
        } else {
            target.asFloatBuffer().put(array.asFloatBuffer());
        }
        return out;
    }

    /** A chunked view of an INDArray's values (copied once into the JVM heap). */
    public static ChunkedArray toChunked(INDArray array, long[] chunks) {
        return ChunkedArray.fromDense(toDense(array), chunks);
    }

    /** A labelled array of an INDArray's values, with dimension names and optional coordinates. */
    public static DataArray toDataArray(INDArray array, List<String> dims, Map<String, Variable> coords, String name) {
        return DataArray.of(Variable.of(dims, toDense(array)), coords, name);
    }

    /** A labelled array's values as an INDArray (computing them if lazy). */
    public static INDArray toINDArray(DataArray array) {
        return toINDArray(array.values());
    }

    // ---- linear algebra ----------------------------------------------------------------------

    /** What one task reads at most for a block of the product: its share of A's row and B's column of blocks. */
    private static final long TASK_INPUT_BYTES = 256L << 20;

    /**
     * The matrix product of (m, k) and (k, n) chunked arrays. A task makes output block (i, j) from a group
     * of consecutive k-blocks l, one BLAS call per l accumulating into the same block (dgemm's beta = 1), so
     * no partial product is ever stored; the groups are as long as fit in {@link #TASK_INPUT_BYTES} of
     * input (usually the whole of k), and the groups' blocks are summed in the reduction tree. B is
     * rechunked along k to A's blocks if they differ. Float64 unless both are float32.
     */
    public static ChunkedArray matmul(ChunkedArray a, ChunkedArray b) {
        return matmul(a, b, TASK_INPUT_BYTES);
    }

    /** As {@link #matmul(ChunkedArray, ChunkedArray)}, a task reading at most {@code taskInputBytes} of blocks. */
    static ChunkedArray matmul(ChunkedArray a, ChunkedArray b, long taskInputBytes) {
        if (a.ndim() != 2 || b.ndim() != 2) {
            throw new IllegalArgumentException("matmul needs two matrices, got shapes " + Arrays.toString(a.shape())
                    + " and " + Arrays.toString(b.shape()) + "; use tensordot for more dimensions");
        }
        if (a.shape()[1] != b.shape()[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " do not align (" + a.shape()[1] + " != " + b.shape()[0] + ")");
        }
        DType dtype = a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        ChunkedArray left = a.astype(dtype);
        ChunkedArray right = b.astype(dtype).rechunk(new long[][] {a.chunks().sizes(1), b.chunks().sizes(1)});
        int kBlocks = left.chunks().numBlocks(1);
        long blockBytes = (maxSize(left.chunks().sizes(0)) * maxSize(left.chunks().sizes(1))
                + maxSize(right.chunks().sizes(0)) * maxSize(right.chunks().sizes(1))) * dtype.itemSize();
        int perGroup = (int) Math.max(1, Math.min(kBlocks, taskInputBytes / Math.max(1, blockBytes)));
        int groups = (kBlocks + perGroup - 1) / perGroup;
        Chunks products = Chunks.of(new long[][] {left.chunks().sizes(0), right.chunks().sizes(1), ones(groups)});
        ChunkedArray partial = ChunkedArray.blockwise(new BlockProduct(), new ProductSelector(kBlocks, perGroup), dtype,
                products, List.of(left, right), "matmul");
        ChunkedArray summed = groups == 1 ? partial.reshape(a.shape()[0], b.shape()[1]) : partial.sum(2);
        return summed.astype(dtype);
    }

    /**
     * The product of two in-memory matrices in one call of the system's BLAS on every core ({@code dgemm},
     * {@code sgemm} when both are float32): NumPy's {@code a @ b}. For matrices too large for one heap,
     * chunk them and use {@link #matmul(ChunkedArray, ChunkedArray)}.
     */
    public static DenseArray matmul(DenseArray a, DenseArray b) {
        if (a.ndim() != 2 || b.ndim() != 2 || a.shape()[1] != b.shape()[0]) {
            throw new IllegalArgumentException("matmul needs an (m, k) and a (k, n) matrix, got shapes "
                    + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        if ((double) a.shape()[0] * b.shape()[1] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The product of shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " has more elements than one array holds; chunk the matrices and use"
                    + " matmul(ChunkedArray, ChunkedArray)");
        }
        DType dtype = a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        DenseArray left = a.astype(dtype);
        DenseArray right = b.astype(dtype);
        DenseArray product = SystemBlas.allCores(() -> new BlockProduct().multiply(List.of(left, right)));
        return product.reshape(a.shape()[0], b.shape()[1]);
    }

    /** The dot product: matmul for matrices, with vectors promoted as NumPy's {@code dot} does. */
    public static ChunkedArray dot(ChunkedArray a, ChunkedArray b) {
        ChunkedArray left = a.ndim() == 1 ? a.expandDims(0) : a;
        ChunkedArray right = b.ndim() == 1 ? b.expandDims(1) : b;
        ChunkedArray product = matmul(left, right);
        if (a.ndim() == 1 && b.ndim() == 1) {
            return product.reshape();
        }
        if (a.ndim() == 1) {
            return product.squeeze(0);
        }
        return b.ndim() == 1 ? product.squeeze(1) : product;
    }

    /**
     * Contracts two labelled arrays over named dimensions (e.g. a regression or EOF projection over
     * time): the result has a's other dimensions, then b's, with their coordinates.
     */
    public static DataArray tensordot(DataArray a, DataArray b, String... dims) {
        List<String> over = List.of(dims);
        for (String d : over) {
            if (!a.dims().contains(d) || !b.dims().contains(d)) {
                throw new IllegalArgumentException("tensordot over '" + d + "': both arrays need it; dims are "
                        + a.dims() + " and " + b.dims());
            }
            if (!a.sizes().get(d).equals(b.sizes().get(d))) {
                throw new IllegalArgumentException("tensordot over '" + d + "': lengths " + a.sizes().get(d) + " and "
                        + b.sizes().get(d) + " differ; align them first");
            }
        }
        List<String> aKept = a.dims().stream().filter(d -> !over.contains(d)).toList();
        List<String> bKept = b.dims().stream().filter(d -> !over.contains(d)).toList();
        List<String> aOrder = new ArrayList<>(aKept);
        aOrder.addAll(over);
        List<String> bOrder = new ArrayList<>(over);
        bOrder.addAll(bKept);
        long m = aKept.stream().mapToLong(d -> a.sizes().get(d)).reduce(1, (x, y) -> x * y);
        long k = over.stream().mapToLong(d -> a.sizes().get(d)).reduce(1, (x, y) -> x * y);
        long n = bKept.stream().mapToLong(d -> b.sizes().get(d)).reduce(1, (x, y) -> x * y);
        ChunkedArray left = a.transpose(aOrder.toArray(new String[0])).data().reshape(m, k);
        ChunkedArray right = b.transpose(bOrder.toArray(new String[0])).data().reshape(k, n);
        List<String> outDims = new ArrayList<>(aKept);
        outDims.addAll(bKept);
        long[] outShape = outDims.stream().mapToLong(d -> aKept.contains(d) ? a.sizes().get(d) : b.sizes().get(d)).toArray();
        ChunkedArray product = matmul(left, right).reshape(outShape);
        Map<String, Variable> coords = new LinkedHashMap<>();
        a.coords().variables().forEach((name, v) -> {
            if (aKept.containsAll(v.dims())) {
                coords.put(name, v);
            }
        });
        b.coords().variables().forEach((name, v) -> {
            if (bKept.containsAll(v.dims())) {
                coords.putIfAbsent(name, v);
            }
        });
        Variable data = a.isLazy() || b.isLazy() ? Variable.lazy(outDims, product, Map.of())
                : Variable.of(outDims, product.compute());
        return DataArray.of(data, coords, null);
    }

    private static long[] ones(int n) {
        long[] out = new long[n];
        Arrays.fill(out, 1);
        return out;
    }

    private static long maxSize(long[] sizes) {
        return Arrays.stream(sizes).max().orElse(0);
    }

    /**
     * Output block (i, j, g) reads, for each k-block l of group g, A block (i, l) then B block (l, j):
     * the inputs alternate, A's first.
     */
    private record ProductSelector(int kBlocks, int perGroup) implements BlockSelector {
        @Override
        public List<Input> inputsOf(int[] out) {
            List<Input> inputs = new ArrayList<>();
            for (int l = out[2] * perGroup; l < Math.min(kBlocks, (out[2] + 1) * perGroup); l++) {
                inputs.add(new Input(0, new int[] {out[0], l}));
                inputs.add(new Input(1, new int[] {l, out[1]}));
            }
            return inputs;
        }
    }

    /**
     * A block of the product from pairs of blocks (A[i,l], B[l,j]), as an (m, n, 1) block: one {@code dgemm}
     * (or {@code sgemm}) per pair into the same output, the first overwriting it and the rest adding to it
     * (beta 1). The system's BLAS works on the blocks' own heap arrays, through netlib's JNI binding
     * (Debian's OpenBLAS; measured as fast as NumPy's on one 2000x2000 product, where ND4J's bundled
     * OpenBLAS 0.3.19 was slower). Row-major C = A B is column-major C' = B' A', so the operands go in swapped.
     */
    private record BlockProduct() implements MultiBlockFunction {
        @Override
        public DenseArray apply(List<DenseArray> blocks) {
            SystemBlas.singleThreaded();
            return multiply(blocks);
        }

        DenseArray multiply(List<DenseArray> blocks) {
            int m = (int) blocks.get(0).shape()[0];
            int n = (int) blocks.get(1).shape()[1];
            boolean single = blocks.get(0).dtype() == DType.FLOAT32;
            float[] cf = single ? new float[m * n] : null;
            double[] cd = single ? null : new double[m * n];
            for (int p = 0; p + 1 < blocks.size(); p += 2) {
                DenseArray a = blocks.get(p);
                DenseArray b = blocks.get(p + 1);
                int k = (int) a.shape()[1];
                if (m == 0 || n == 0 || k == 0) {
                    continue;
                }
                boolean first = p == 0;
                if (single) {
                    a.readFloats(x -> b.readFloats(y -> {   // the blocks' own arrays, lent without a copy
                        SystemBlas.blas().sgemm("N", "N", n, m, k, 1f, y, n, x, k, first ? 0f : 1f, cf, n);
                        return cf;
                    }));
                } else {
                    a.readDoubles(x -> b.readDoubles(y -> {
                        SystemBlas.blas().dgemm("N", "N", n, m, k, 1.0, y, n, x, k, first ? 0.0 : 1.0, cd, n);
                        return cd;
                    }));
                }
            }
            return single ? DenseArray.adopt(DType.FLOAT32, cf, m, n, 1) : DenseArray.adopt(DType.FLOAT64, cd, m, n, 1);
        }
    }
}
