package org.lazuli.labelled;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.BlockFunction;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * xarray's {@code map_blocks} for a DataArray: the function sees each block as a DataArray with the
 * block's coordinates. Each block is a lazy selection of one chunk, so every task reads its own chunk
 * and nothing else; the results are put back together along every dimension. The template (the input
 * itself by default) gives the result's type, name, attributes and coordinates; the function must keep
 * each block's dims and shape.
 */
final class LabelledBlocks {
    private LabelledBlocks() {
    }

    static DataArray map(DataArray data, BlockMapper function, DataArray template) {
        if (!template.dims().equals(data.dims()) || !Arrays.equals(template.shape(), data.shape())) {
            throw new IllegalArgumentException("mapBlocks keeps each block's dims and shape: the template has "
                    + template.dims() + " " + Arrays.toString(template.shape()) + ", the data " + data.dims() + " "
                    + Arrays.toString(data.shape()));
        }
        if (!data.isLazy()) {
            DataArray out = function.apply(data);
            checkBlock(out, data.dims(), data.shape(), "the whole array");
            return withTemplate(out.astype(template.dtype()).variable().withAttrs(template.attrs()), template);
        }
        Chunks chunks = data.data().chunks();
        int nd = data.dims().size();
        int[] grid = new int[nd];
        for (int k = 0; k < nd; k++) {
            grid[k] = chunks.numBlocks(k);
        }
        DataArray assembled = assemble(data, function, template.dtype(), chunks, grid, new int[nd], 0);
        return withTemplate(assembled.variable().withAttrs(template.attrs()), template);
    }

    /** The blocks of axes {@code axis..} at the block index fixed so far, concatenated along each axis in turn. */
    private static DataArray assemble(DataArray data, BlockMapper function, DType dtype, Chunks chunks, int[] grid,
                                      int[] block, int axis) {
        if (axis == grid.length) {
            return mapOne(data, function, dtype, chunks, block);
        }
        List<DataArray> pieces = new ArrayList<>();
        for (int b = 0; b < grid[axis]; b++) {
            block[axis] = b;
            pieces.add(assemble(data, function, dtype, chunks, grid, block, axis + 1));
        }
        return pieces.size() == 1 ? pieces.get(0) : DataArray.concat(pieces, data.dims().get(axis));
    }

    private static DataArray mapOne(DataArray data, BlockMapper function, DType dtype, Chunks chunks, int[] block) {
        Map<String, Object> slices = new LinkedHashMap<>();
        for (int k = 0; k < block.length; k++) {
            long start = chunks.blockOffset(k, block[k]);
            slices.put(data.dims().get(k), Slice.of(start, start + chunks.blockSize(k, block[k])));
        }
        DataArray piece = data.isel(slices);
        List<CoordinateValues> coords = new ArrayList<>();
        piece.coordVariables().forEach((n, c) -> coords.add(CoordinateValues.of(n, c)));
        String where = "block " + Arrays.toString(block);
        BlockMapper mapper = function;
        List<String> dims = piece.dims();
        String name = data.name();
        BlockFunction body = values -> {
            Map<String, Variable> blockCoords = new LinkedHashMap<>();
            for (CoordinateValues c : coords) {
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

    private static void checkBlock(DataArray out, List<String> dims, long[] shape, String where) {
        if (out == null || !out.dims().equals(dims) || !Arrays.equals(out.shape(), shape)) {
            throw new IllegalStateException("The function given to mapBlocks returned "
                    + (out == null ? "null" : out.dims() + " " + Arrays.toString(out.shape())) + " for " + where
                    + ", which has " + dims + " " + Arrays.toString(shape) + "; it must keep each block's dims and"
                    + " shape");
        }
    }

    private static DataArray withTemplate(Variable variable, DataArray template) {
        return DataArray.of(variable, template.coordVariables(), template.name());
    }

    /** A coordinate as values that travel with a task (a Variable does not serialize). */
    private record CoordinateValues(String name, List<String> dims, long[] shape, DenseArray numbers, Object[] labels,
                                    Map<String, Object> attrs) implements Serializable {
        static CoordinateValues of(String name, Variable c) {
            return new CoordinateValues(name, List.copyOf(c.dims()), c.shape(), c.isLabels() ? null : c.values(),
                    c.isLabels() ? c.labelArray() : null, new LinkedHashMap<>(c.attrs()));
        }

        Variable variable() {
            return labels != null ? Variable.labels(dims, shape, labels, attrs) : Variable.of(dims, numbers, attrs);
        }
    }
}
