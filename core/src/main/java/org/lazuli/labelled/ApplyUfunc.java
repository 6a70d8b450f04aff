package org.lazuli.labelled;

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

/**
 * xarray's {@code apply_ufunc} with {@code dask="parallelized"}: the arguments are aligned (inner join)
 * and broadcast by name over their non-core dimensions, each argument's core dimensions move last and
 * must be one chunk each, and the function runs once per block of the broadcast dimensions, where the
 * blocks are (or, vectorised, once per point). The result is lazy when an argument is; its dimensions
 * are the broadcast ones, then the output core dimensions; attributes are dropped, as xarray's default.
 */
public final class ApplyUfunc {
    private ApplyUfunc() {
    }

    /** Applies {@code function} as {@code options} say; see {@code Lazuli.applyUfunc}. */
    public static DataArray apply(Ufunc function, List<DataArray> arguments, UfuncOptions options) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("applyUfunc needs at least one argument");
        }
        if (options.inputCoreDims().size() > arguments.size()) {
            throw new IllegalArgumentException("applyUfunc got core dimensions for " + options.inputCoreDims().size()
                    + " arguments but " + arguments.size() + " arguments");
        }
        List<DataArray> aligned = DataArray.align(Join.INNER, arguments.toArray(DataArray[]::new));
        Map<String, Long> broadcast = new LinkedHashMap<>();
        Map<String, Long> coreSizes = new LinkedHashMap<>();
        for (int i = 0; i < aligned.size(); i++) {
            DataArray arg = aligned.get(i);
            List<String> core = options.coreDimsOf(i);
            for (String dim : core) {
                if (!arg.dims().contains(dim)) {
                    throw new IllegalArgumentException("Core dimension '" + dim + "' of argument " + i + " is not one of"
                            + " its dimensions " + arg.dims());
                }
                coreSizes.merge(dim, arg.sizes().get(dim), (a, b) -> checkedSize(dim, a, b));
            }
            for (String dim : arg.dims()) {
                if (!core.contains(dim)) {
                    broadcast.merge(dim, arg.sizes().get(dim), (a, b) -> checkedSize(dim, a, b));
                }
            }
        }
        for (String dim : broadcast.keySet()) {
            if (coreSizes.containsKey(dim)) {
                throw new IllegalArgumentException("Dimension '" + dim + "' is a core dimension of one argument and"
                        + " broadcast in another; make it a core dimension of every argument that has it");
            }
        }
        Map<String, Long> outputCore = new LinkedHashMap<>();
        for (String dim : options.outputCoreDims()) {
            Long size = options.outputSizes().containsKey(dim) ? options.outputSizes().get(dim) : coreSizes.get(dim);
            if (size == null) {
                throw new IllegalArgumentException("Output core dimension '" + dim + "' has no size: it is no argument's"
                        + " core dimension; give it with withOutputSizes(Map.of(\"" + dim + "\", n))");
            }
            if (broadcast.containsKey(dim)) {
                throw new IllegalArgumentException("Output core dimension '" + dim + "' is also a broadcast dimension");
            }
            outputCore.put(dim, size);
        }
        List<String> broadcastDims = new ArrayList<>(broadcast.keySet());
        DataArray template = template(aligned, options);
        long[][] broadcastChunks = broadcastChunks(aligned, broadcastDims);
        List<ChunkedArray> inputs = new ArrayList<>();
        List<long[]> coreShapes = new ArrayList<>();
        for (int i = 0; i < aligned.size(); i++) {
            List<String> core = options.coreDimsOf(i);
            List<String> order = new ArrayList<>(broadcastDims);
            order.addAll(core);
            DataArray full = aligned.get(i).add(template).transpose(order.toArray(String[]::new));
            long[][] chunks = new long[order.size()][];
            System.arraycopy(broadcastChunks, 0, chunks, 0, broadcastDims.size());
            long[] coreShape = new long[core.size()];
            for (int k = 0; k < core.size(); k++) {
                coreShape[k] = coreSizes.get(core.get(k));
                chunks[broadcastDims.size() + k] = new long[] {coreShape[k]};
                int blocks = aligned.get(i).data().chunks().numBlocks(aligned.get(i).dims().indexOf(core.get(k)));
                if (aligned.get(i).isLazy() && blocks > 1) {
                    throw new IllegalArgumentException("Core dimension '" + core.get(k) + "' of argument " + i + " is in "
                            + blocks + " chunks; a core dimension must be one chunk (as with dask=\"parallelized\"):"
                            + " rechunk it whole first, e.g. chunk(Map.of(\"" + core.get(k) + "\", -1L))");
                }
            }
            inputs.add(full.data().rechunk(chunks));
            coreShapes.add(coreShape);
        }
        DType dtype = options.outputDtype() != null ? options.outputDtype() : aligned.get(0).dtype();
        long[][] outChunks = new long[broadcastDims.size() + outputCore.size()][];
        System.arraycopy(broadcastChunks, 0, outChunks, 0, broadcastDims.size());
        long[] outCoreShape = outputCore.values().stream().mapToLong(Long::longValue).toArray();
        for (int k = 0; k < outCoreShape.length; k++) {
            outChunks[broadcastDims.size() + k] = new long[] {outCoreShape[k]};
        }
        int nb = broadcastDims.size();
        int[] coreCounts = coreShapes.stream().mapToInt(s -> s.length).toArray();
        BlockSelector selector = outBlock -> {
            List<BlockSelector.Input> needed = new ArrayList<>();
            for (int i = 0; i < coreCounts.length; i++) {
                int[] block = Arrays.copyOf(Arrays.copyOf(outBlock, nb), nb + coreCounts[i]);
                needed.add(new BlockSelector.Input(i, block));
            }
            return needed;
        };
        MultiBlockFunction body = new Body(function, options.vectorize(), nb, coreShapes, outCoreShape, dtype);
        ChunkedArray result = ChunkedArray.blockwise(body, selector, dtype, Chunks.of(outChunks), inputs, "apply_ufunc");
        List<String> dims = new ArrayList<>(broadcastDims);
        dims.addAll(outputCore.keySet());
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (DataArray arg : aligned) {
            arg.coordVariables().forEach((n, c) -> {
                boolean fits = dims.containsAll(c.dims()) && c.dims().stream()
                        .allMatch(d -> c.sizes().get(d).equals(broadcast.containsKey(d) ? broadcast.get(d) : outputCore.get(d)));
                if (fits) {
                    coords.putIfAbsent(n, c);
                }
            });
        }
        String name = aligned.stream().map(DataArray::name).distinct().count() == 1 ? aligned.get(0).name() : null;
        DataArray out = new DataArray(Variable.lazy(dims, result, Map.of()), coords, name);
        return aligned.stream().anyMatch(DataArray::isLazy) ? out : out.compute();
    }

    private static Long checkedSize(String dim, Long a, Long b) {
        if (!a.equals(b)) {
            throw new IllegalArgumentException("Dimension '" + dim + "' has size " + a + " in one argument and " + b
                    + " in another after alignment; applyUfunc needs one size per dimension");
        }
        return a;
    }

    /** False everywhere over every argument's broadcast dimensions: adding it broadcasts an argument, type kept. */
    private static DataArray template(List<DataArray> aligned, UfuncOptions options) {
        DataArray template = null;
        for (int i = 0; i < aligned.size(); i++) {
            DataArray arg = aligned.get(i);
            for (String core : options.coreDimsOf(i)) {
                arg = arg.isel(core, 0L);
            }
            DataArray none = arg.isin();
            template = template == null ? none : template.add(none).isin();
        }
        return template;
    }

    /** Each broadcast dimension's chunks: the first lazy argument's that has it, else one chunk. */
    private static long[][] broadcastChunks(List<DataArray> aligned, List<String> dims) {
        long[][] chunks = new long[dims.size()][];
        for (int k = 0; k < dims.size(); k++) {
            String dim = dims.get(k);
            for (DataArray arg : aligned) {
                if (chunks[k] == null && arg.isLazy() && arg.dims().contains(dim)) {
                    chunks[k] = arg.data().chunks().sizes(arg.dims().indexOf(dim));
                }
            }
            if (chunks[k] == null) {
                long size = aligned.stream().filter(a -> a.dims().contains(dim)).findFirst().orElseThrow().sizes().get(dim);
                chunks[k] = new long[] {size};
            }
        }
        return chunks;
    }

    /** The task body: the user's function on one block of each argument (or on each point, vectorised). */
    private record Body(Ufunc function, boolean vectorize, int broadcastRank, List<long[]> coreShapes,
                        long[] outCoreShape, DType dtype) implements MultiBlockFunction {
        @Override
        public DenseArray apply(List<DenseArray> blocks) {
            long[] broadcastShape = Arrays.copyOf(blocks.get(0).shape(), broadcastRank);
            long[] outShape = Arrays.copyOf(broadcastShape, broadcastRank + outCoreShape.length);
            System.arraycopy(outCoreShape, 0, outShape, broadcastRank, outCoreShape.length);
            DenseArray result = vectorize ? perPoint(blocks, broadcastShape, outShape) : function.apply(blocks);
            if (!Arrays.equals(result.shape(), outShape)) {
                throw new IllegalStateException("The function given to applyUfunc returned a block of shape "
                        + Arrays.toString(result.shape()) + " where " + Arrays.toString(outShape) + " (the broadcast"
                        + " dimensions, then the output core dimensions) was due");
            }
            return result.dtype() == dtype ? result : result.astype(dtype);
        }

        private DenseArray perPoint(List<DenseArray> blocks, long[] broadcastShape, long[] outShape) {
            long points = 1;
            for (long s : broadcastShape) {
                points *= s;
            }
            long outCore = 1;
            for (long s : outCoreShape) {
                outCore *= s;
            }
            List<double[]> values = blocks.stream().map(DenseArray::toDoubleArray).toList();
            double[] out = new double[Math.toIntExact(points * outCore)];
            for (int p = 0; p < points; p++) {
                List<DenseArray> slices = new ArrayList<>();
                for (int i = 0; i < blocks.size(); i++) {
                    long[] core = coreShapes.get(i);
                    int size = (int) Arrays.stream(core).reduce(1, (a, b) -> a * b);
                    double[] slice = Arrays.copyOfRange(values.get(i), p * size, (p + 1) * size);
                    slices.add(DenseArray.of(slice, core));
                }
                DenseArray one = function.apply(slices);
                if (!Arrays.equals(one.shape(), outCoreShape)) {
                    throw new IllegalStateException("The vectorised function given to applyUfunc returned shape "
                            + Arrays.toString(one.shape()) + " where the output core shape "
                            + Arrays.toString(outCoreShape) + " was due");
                }
                System.arraycopy(one.toDoubleArray(), 0, out, (int) (p * outCore), (int) outCore);
            }
            return DenseArray.of(out, outShape);
        }
    }
}
