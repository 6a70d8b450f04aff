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
 * xarray's {@code map_blocks} for a Dataset: the function sees each block as a Dataset of every variable
 * cut to it, and runs once per block. Its data variables, flattened into one float64 block, are the one
 * task per block; each output variable's block is a slice of it, so results of several variables do not
 * run the function again. Output blocks follow {@link LabelledBlocks}' rules per data variable of the
 * template (one input block to one output block; dimensions added are whole, dimensions dropped must be one
 * block). Variables must share their chunks along each dimension, as xarray's {@code unify_chunks} requires.
 */
final class DatasetBlocks {
    private DatasetBlocks() {
    }

    static Dataset map(Dataset ds, DatasetBlockMapper function, Dataset template) {
        List<String> dims = new ArrayList<>(ds.sizes().keySet());
        long[][] blocks = commonChunks(ds, dims);
        List<String> outNames = new ArrayList<>(template.dataVarNames());
        Map<String, long[][]> outBlocks = new LinkedHashMap<>();
        for (String name : outNames) {
            outBlocks.put(name, outputBlocks(template.get(name), name, dims, blocks));
        }
        for (int k = 0; k < dims.size(); k++) {
            String dim = dims.get(k);
            boolean kept = outNames.stream().anyMatch(n -> template.get(n).dims().contains(dim));
            if (!kept && blocks[k].length > 1) {   // else one block's result would stand for all of them
                throw new IllegalArgumentException("mapBlocks drops the dimension '" + dim + "', which has "
                        + blocks[k].length + " blocks; chunk it into one block first (chunk(Map.of(\"" + dim + "\", -1L)))");
            }
        }
        int[] grid = Arrays.stream(blocks).mapToInt(b -> b.length).toArray();
        Map<String, List<DataArray>> pieces = new LinkedHashMap<>();
        outNames.forEach(n -> pieces.put(n, new ArrayList<>()));
        int total = Arrays.stream(grid).reduce(1, Math::multiplyExact);
        for (int linear = 0; linear < total; linear++) {
            int[] block = unravel(linear, grid);
            Map<String, DataArray> outputs = mapOne(ds, function, template, outNames, outBlocks, dims, blocks, block);
            outputs.forEach((n, a) -> pieces.get(n).add(a));
        }
        Map<String, Variable> data = new LinkedHashMap<>();
        for (String name : outNames) {
            DataArray joined = join(pieces.get(name), grid, dims, template.get(name).dims(), 0, 0, total);
            DataArray shape = template.get(name);
            data.put(name, joined.variable().withAttrs(shape.attrs()));
        }
        Map<String, Variable> coords = new LinkedHashMap<>();
        template.coordNames().forEach(c -> coords.put(c, template.variables().get(c)));
        return Dataset.of(data, coords, template.attrs());
    }

    /** Each dimension's block sizes, which every chunked variable must share. */
    private static long[][] commonChunks(Dataset ds, List<String> dims) {
        long[][] out = new long[dims.size()][];
        String[] from = new String[dims.size()];
        ds.variables().forEach((name, v) -> {
            if (!v.isLazy()) {
                return;
            }
            long[][] sizes = v.array().chunks().sizes();
            for (int axis = 0; axis < v.ndim(); axis++) {
                int k = dims.indexOf(v.dims().get(axis));
                if (out[k] == null) {
                    out[k] = sizes[axis];
                    from[k] = name;
                } else if (!Arrays.equals(out[k], sizes[axis])) {
                    throw new IllegalArgumentException("mapBlocks needs one chunking per dimension: '" + dims.get(k)
                            + "' is chunked " + Arrays.toString(out[k]) + " in '" + from[k] + "' but "
                            + Arrays.toString(sizes[axis]) + " in '" + name + "'; chunk the dataset with one"
                            + " chunk(...) call first");
                }
            }
        });
        for (int k = 0; k < out.length; k++) {
            if (out[k] == null) {
                out[k] = new long[] {ds.sizes().get(dims.get(k))};
            }
        }
        return out;
    }

    /** The block sizes of one output variable: the template's chunks, the input's, or whole for new dims. */
    private static long[][] outputBlocks(DataArray template, String name, List<String> dims, long[][] blocks) {
        long[][] out = new long[template.ndim()][];
        for (int k = 0; k < template.ndim(); k++) {
            String dim = template.dims().get(k);
            int axis = dims.indexOf(dim);
            long[] own = template.isLazy() ? template.data().chunks().sizes()[k] : null;
            if (axis < 0) {
                if (own != null && own.length != 1) {
                    throw new IllegalArgumentException("mapBlocks adds the dimension '" + dim + "' to '" + name
                            + "', which the template splits into " + own.length + " blocks; a new dimension is whole");
                }
                out[k] = new long[] {template.shape()[k]};
            } else if (own != null) {
                if (own.length != blocks[axis].length) {
                    throw new IllegalArgumentException("mapBlocks makes one output block per input block: along '" + dim
                            + "' the input has " + blocks[axis].length + " blocks and the template's '" + name + "' "
                            + own.length + "; chunk the template to " + blocks[axis].length + " blocks");
                }
                out[k] = own;
            } else if (template.shape()[k] == Arrays.stream(blocks[axis]).sum()) {
                out[k] = blocks[axis];
            } else {
                throw new IllegalArgumentException("mapBlocks with a template whose '" + name + "' changes the length of '"
                        + dim + "' needs the template chunked to the output's blocks");
            }
        }
        return out;
    }

    private static int[] unravel(int linear, int[] grid) {
        int[] block = new int[grid.length];
        for (int k = grid.length - 1; k >= 0; k--) {
            block[k] = linear % grid[k];
            linear /= grid[k];
        }
        return block;
    }

    /** The function on one block: one packed task, and each output variable's block a slice of it. */
    private static Map<String, DataArray> mapOne(Dataset ds, DatasetBlockMapper function, Dataset template,
                                                 List<String> outNames, Map<String, long[][]> outBlocks,
                                                 List<String> dims, long[][] blocks, int[] block) {
        Map<String, Object> slices = new LinkedHashMap<>();
        for (int k = 0; k < dims.size(); k++) {
            long start = 0;
            for (int b = 0; b < block[k]; b++) {
                start += blocks[k][b];
            }
            slices.put(dims.get(k), Slice.of(start, start + blocks[k][block[k]]));
        }
        Dataset piece = ds.isel(slices);
        List<String> lazyNames = new ArrayList<>();
        List<ChunkedArray> inputs = new ArrayList<>();
        List<LabelledBlocks.HeldVariable> held = new ArrayList<>();
        piece.variables().forEach((name, v) -> {
            if (v.isLazy()) {
                lazyNames.add(name);
                inputs.add(v.array());
            } else {
                held.add(LabelledBlocks.HeldVariable.of(name, v));
            }
        });
        List<List<String>> lazyDims = lazyNames.stream().map(n -> List.copyOf(piece.variables().get(n).dims())).toList();
        List<String> coordNames = List.copyOf(piece.coordNames());
        Map<String, Object> attrs = new LinkedHashMap<>(piece.attrs());
        List<long[]> shapes = new ArrayList<>();
        for (String name : outNames) {
            long[][] sizes = outBlocks.get(name);
            List<String> outDims = template.get(name).dims();
            long[] shape = new long[outDims.size()];
            for (int k = 0; k < shape.length; k++) {
                int axis = dims.indexOf(outDims.get(k));
                shape[k] = sizes[k][axis < 0 ? 0 : block[axis]];
            }
            shapes.add(shape);
        }
        List<List<String>> outDims = outNames.stream().map(n -> List.copyOf(template.get(n).dims())).toList();
        long packedLength = shapes.stream().mapToLong(s -> Arrays.stream(s).reduce(1, Math::multiplyExact)).sum();
        String where = "block " + Arrays.toString(block);
        List<String> names = List.copyOf(outNames);
        MultiBlockFunction pack = values -> {
            Map<String, Variable> variables = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                variables.put(lazyNames.get(i), Variable.of(lazyDims.get(i), values.get(i)));
            }
            for (LabelledBlocks.HeldVariable h : held) {
                variables.put(h.name(), h.variable());
            }
            Map<String, Variable> data = new LinkedHashMap<>();
            Map<String, Variable> coords = new LinkedHashMap<>();
            variables.forEach((n, v) -> (coordNames.contains(n) ? coords : data).put(n, v));
            Dataset result = function.apply(Dataset.of(data, coords, attrs));
            double[] packed = new double[(int) packedLength];
            int offset = 0;
            for (int i = 0; i < names.size(); i++) {
                if (result == null || !result.contains(names.get(i))) {
                    throw new IllegalStateException("The function given to mapBlocks returned no '" + names.get(i)
                            + "' for " + where + "; it must return every data variable of the template");
                }
                DataArray out = result.get(names.get(i));
                if (!out.dims().equals(outDims.get(i)) && out.dims().size() == outDims.get(i).size()
                        && out.dims().containsAll(outDims.get(i))) {
                    out = out.transpose(outDims.get(i).toArray(String[]::new));
                }
                if (!out.dims().equals(outDims.get(i)) || !Arrays.equals(out.shape(), shapes.get(i))) {
                    throw new IllegalStateException("The function given to mapBlocks returned '" + names.get(i) + "' as "
                            + out.dims() + " " + Arrays.toString(out.shape()) + " for " + where + ", which should give "
                            + outDims.get(i) + " " + Arrays.toString(shapes.get(i)) + "; give a template of the"
                            + " result's shape");
                }
                double[] flat = out.values().toDoubleArray();
                System.arraycopy(flat, 0, packed, offset, flat.length);
                offset += flat.length;
            }
            return DenseArray.of(packed, packed.length);
        };
        ChunkedArray packedBlock = ChunkedArray.blockwise(pack, out -> allFirst(inputs), DType.FLOAT64,
                Chunks.single(new long[] {packedLength}), inputs, "map_blocks");
        Map<String, DataArray> result = new LinkedHashMap<>();
        long offset = 0;
        for (int i = 0; i < outNames.size(); i++) {
            long[] shape = shapes.get(i);
            long length = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            long from = offset;
            DType dtype = template.get(outNames.get(i)).dtype();
            MultiBlockFunction unpack = values -> {
                double[] all = values.get(0).toDoubleArray();
                DenseArray part = DenseArray.of(Arrays.copyOfRange(all, (int) from, (int) (from + length)), shape);
                return dtype == DType.FLOAT64 ? part : part.astype(dtype);
            };
            ChunkedArray one = ChunkedArray.blockwise(unpack, out -> List.of(new BlockSelector.Input(0, new int[] {0})),
                    dtype, Chunks.single(shape), List.of(packedBlock), "map_blocks-" + outNames.get(i));
            result.put(outNames.get(i), DataArray.of(one, outDims.get(i).toArray(String[]::new)));
            offset += length;
        }
        return result;
    }

    private static List<BlockSelector.Input> allFirst(List<ChunkedArray> inputs) {
        List<BlockSelector.Input> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            out.add(new BlockSelector.Input(i, new int[inputs.get(i).ndim()]));
        }
        return out;
    }

    /** The blocks of one variable joined back along every input dimension it has, in grid order. */
    private static DataArray join(List<DataArray> pieces, int[] grid, List<String> dims, List<String> outDims, int axis,
                                  int from, int count) {
        if (axis == grid.length) {
            return pieces.get(from);
        }
        int stride = count / grid[axis];
        List<DataArray> parts = new ArrayList<>();
        for (int b = 0; b < grid[axis]; b++) {
            parts.add(join(pieces, grid, dims, outDims, axis + 1, from + b * stride, stride));
        }
        if (!outDims.contains(dims.get(axis))) {
            return parts.get(0);   // a dimension the output lacks has one block
        }
        return parts.size() == 1 ? parts.get(0) : DataArray.concat(parts, dims.get(axis));
    }
}
