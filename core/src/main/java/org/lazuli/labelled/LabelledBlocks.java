package org.lazuli.labelled;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lazuli.array.BlockFunction;
import org.lazuli.array.BlockSelector;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.array.MultiBlockFunction;

/**
 * xarray's {@code map_blocks} for a DataArray: the function sees each block as a DataArray with the
 * block's coordinates. Each block is a lazy selection of one chunk, so every task reads its own chunk
 * and nothing else; the results are put back together along every dimension. The template (the input
 * itself by default) gives the result's type, name, attributes and coordinates, and may change the shape
 * as xarray allows: one input block makes one output block, of the template's chunk sizes along the
 * dimensions it shares with the input; its new dimensions are whole in every block; a dimension it drops
 * must be one block of the input.
 */
final class LabelledBlocks {
    private LabelledBlocks() {
    }

    static DataArray map(DataArray data, BlockMapper function, DataArray template) {
        if (!template.dims().equals(data.dims()) || !Arrays.equals(template.shape(), data.shape())) {
            return reshaping(data, function, template);
        }
        if (!data.isLazy()) {
            DataArray out = function.apply(data);
            checkBlock(out, data.dims(), data.shape(), "the whole array");
            return withTemplate(out.astype(template.dtype()).variable().withAttrs(template.attrs()), template);
        }
        Chunks chunks = data.data().chunks();
        DataArray assembled = assemble(data, chunks, new int[chunks.ndim()], 0,
                block -> mapOne(data, function, template.dtype(), chunks, block));
        return withTemplate(assembled.variable().withAttrs(template.attrs()), template);
    }

    /**
     * The mapped blocks of axes {@code axis..} at the block index fixed so far, concatenated along each axis
     * in turn.
     */
    private static DataArray assemble(DataArray data, Chunks chunks, int[] block, int axis,
                                      Function<int[], DataArray> mapBlock) {
        if (axis == block.length) {
            return mapBlock.apply(block);
        }
        List<DataArray> pieces = new ArrayList<>();
        for (int b = 0; b < chunks.numBlocks(axis); b++) {
            block[axis] = b;
            pieces.add(assemble(data, chunks, block, axis + 1, mapBlock));
        }
        return pieces.size() == 1 ? pieces.get(0) : DataArray.concat(pieces, data.dims().get(axis));
    }

    /** The lazy selection of one block: what its task reads, and nothing else. */
    static DataArray piece(DataArray data, Chunks chunks, int[] block) {
        Map<String, Object> slices = new LinkedHashMap<>();
        for (int k = 0; k < block.length; k++) {
            long start = chunks.blockOffset(k, block[k]);
            slices.put(data.dims().get(k), Slice.of(start, start + chunks.blockSize(k, block[k])));
        }
        return data.isel(slices);
    }

    private static DataArray mapOne(DataArray data, BlockMapper function, DType dtype, Chunks chunks, int[] block) {
        DataArray piece = piece(data, chunks, block);
        List<HeldVariable> coords = new ArrayList<>();
        piece.coordVariables().forEach((n, c) -> coords.add(HeldVariable.of(n, c)));
        String where = "block " + Arrays.toString(block);
        BlockMapper mapper = function;
        List<String> dims = piece.dims();
        String name = data.name();
        BlockFunction body = values -> {
            Map<String, Variable> blockCoords = new LinkedHashMap<>();
            for (HeldVariable c : coords) {
                blockCoords.put(c.name(), c.variable());
            }
            DataArray out = mapper.apply(DataArray.of(Variable.of(dims, values), blockCoords, name));
            checkBlock(out, dims, values.shape(), where);
            DenseArray result = out.values();
            return result.dtype() == dtype ? result : result.astype(dtype);
        };
        ChunkedArray mapped = piece.data().mapBlocks(body, dtype);
        return DataArray.of(Variable.lazy(dims, mapped, Map.of()), piece.coordVariables(), name);
    }

    /** One input block to one output block of the template's dims and chunk sizes. */
    private static DataArray reshaping(DataArray data, BlockMapper function, DataArray template) {
        if (!data.isLazy()) {
            DataArray out = function.apply(data);
            checkBlock(ordered(out, template.dims()), template.dims(), template.shape(), "the whole array");
            return withTemplate(ordered(out, template.dims()).astype(template.dtype()).variable()
                    .withAttrs(template.attrs()), template);
        }
        Chunks input = data.data().chunks();
        List<String> outDims = template.dims();
        long[][] outBlocks = new long[outDims.size()][];
        for (int k = 0; k < outDims.size(); k++) {
            String dim = outDims.get(k);
            int axis = data.dims().indexOf(dim);
            long[] own = template.isLazy() ? template.data().chunks().sizes()[k] : new long[] {template.shape()[k]};
            if (axis < 0) {
                if (own.length != 1) {
                    throw new IllegalArgumentException("mapBlocks adds the dimension '" + dim + "', which the template"
                            + " splits into " + own.length + " blocks; a new dimension is whole in every block");
                }
            } else if (template.isLazy() && own.length != input.numBlocks(axis)) {
                throw new IllegalArgumentException("mapBlocks makes one output block per input block: along '" + dim
                        + "' the input has " + input.numBlocks(axis) + " blocks and the template " + own.length
                        + "; chunk the template to " + input.numBlocks(axis) + " blocks");
            } else if (!template.isLazy()) {
                if (template.shape()[k] != data.shape()[axis]) {
                    throw new IllegalArgumentException("mapBlocks with a template that changes the length of '" + dim
                            + "' (" + data.shape()[axis] + " to " + template.shape()[k] + ") needs the template chunked"
                            + " to the output's blocks (template.chunk(...))");
                }
                own = input.sizes()[axis];
            }
            outBlocks[k] = own;
        }
        for (int axis = 0; axis < data.dims().size(); axis++) {
            if (!outDims.contains(data.dims().get(axis)) && input.numBlocks(axis) != 1) {
                throw new IllegalArgumentException("mapBlocks drops the dimension '" + data.dims().get(axis) + "', which"
                        + " has " + input.numBlocks(axis) + " blocks; chunk it into one block first (chunk(Map.of(\""
                        + data.dims().get(axis) + "\", -1L)))");
            }
        }
        DataArray assembled = assemble(data, input, new int[input.ndim()], 0,
                block -> mapReshaped(data, function, template, input, outBlocks, block));
        return withTemplate(assembled.variable().withAttrs(template.attrs()), template);
    }

    private static DataArray mapReshaped(DataArray data, BlockMapper function, DataArray template, Chunks input,
                                         long[][] outBlocks, int[] block) {
        DataArray piece = piece(data, input, block);
        List<String> outDims = template.dims();
        long[] outShape = new long[outDims.size()];
        for (int k = 0; k < outShape.length; k++) {
            int axis = data.dims().indexOf(outDims.get(k));
            outShape[k] = outBlocks[k][axis < 0 ? 0 : block[axis]];
        }
        List<HeldVariable> coords = new ArrayList<>();
        piece.coordVariables().forEach((n, c) -> coords.add(HeldVariable.of(n, c)));
        String where = "block " + Arrays.toString(block);
        BlockMapper mapper = function;
        List<String> dims = piece.dims();
        String name = data.name();
        DType dtype = template.dtype();
        MultiBlockFunction body = values -> {
            Map<String, Variable> blockCoords = new LinkedHashMap<>();
            for (HeldVariable c : coords) {
                blockCoords.put(c.name(), c.variable());
            }
            DataArray out = ordered(mapper.apply(DataArray.of(Variable.of(dims, values.get(0)), blockCoords, name)),
                    outDims);
            checkBlock(out, outDims, outShape, where);
            DenseArray result = out.values();
            return result.dtype() == dtype ? result : result.astype(dtype);
        };
        int[] zeros = new int[dims.size()];
        ChunkedArray mapped = ChunkedArray.blockwise(body, outBlock -> List.of(new BlockSelector.Input(0,
                zeros)), dtype, Chunks.single(outShape), List.of(piece.data()), "map_blocks");
        return DataArray.of(mapped, outDims.toArray(String[]::new));
    }

    /** The function's result with its dims in the template's order, when it has the same ones in another. */
    private static DataArray ordered(DataArray out, List<String> dims) {
        if (out != null && !out.dims().equals(dims) && new HashSet<>(out.dims()).equals(new HashSet<>(dims))
                && out.dims().size() == dims.size()) {
            return out.transpose(dims.toArray(String[]::new));
        }
        return out;
    }

    private static void checkBlock(DataArray out, List<String> dims, long[] shape, String where) {
        if (out == null || !out.dims().equals(dims) || !Arrays.equals(out.shape(), shape)) {
            throw new IllegalStateException("The function given to mapBlocks returned "
                    + (out == null ? "null" : out.dims() + " " + Arrays.toString(out.shape())) + " for " + where
                    + ", which should give " + dims + " " + Arrays.toString(shape) + "; it must keep each block's dims and"
                    + " shape, or give a template of the result's shape");
        }
    }

    private static DataArray withTemplate(Variable variable, DataArray template) {
        return DataArray.of(variable, template.coordVariables(), template.name());
    }

    /** A variable held in memory, as values that travel with a task (a Variable does not serialize). */
    record HeldVariable(String name, List<String> dims, long[] shape, DenseArray numbers, Object[] labels,
                        Map<String, Object> attrs) implements Serializable {
        static HeldVariable of(String name, Variable c) {
            return new HeldVariable(name, List.copyOf(c.dims()), c.shape(), c.isLabels() ? null : c.values(),
                    c.isLabels() ? c.labelArray() : null, new LinkedHashMap<>(c.attrs()));
        }

        Variable variable() {
            return labels != null ? Variable.labels(dims, shape, labels, attrs) : Variable.of(dims, numbers, attrs);
        }
    }
}
