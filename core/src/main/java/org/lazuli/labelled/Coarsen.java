package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.array.ReduceOptions;
import org.lazuli.array.Reduction;

/**
 * Non-overlapping windows along a dimension (xarray's {@code coarsen}): the dimension of length n is
 * reshaped to (n / w, w) and the window axis reduced. Numeric coordinates become window means, time
 * coordinates the window's first label.
 */
public final class Coarsen {
    private final DataArray source;
    private final String dim;
    private final int window;
    private final Boundary boundary;
    private final boolean keepAttrs;

    Coarsen(DataArray source, String dim, int window, Boundary boundary) {
        this(source, dim, window, boundary, true);
    }

    private Coarsen(DataArray source, String dim, int window, Boundary boundary, boolean keepAttrs) {
        if (window < 1) {
            throw new IllegalArgumentException("A coarsening window needs at least 1 element, got " + window);
        }
        long length = source.sizes().getOrDefault(dim, -1L);
        if (length < 0) {
            throw Selection.missingDimension(dim, source.sizes(), source.describe());
        }
        if (boundary == Boundary.EXACT && length % window != 0) {
            throw new IllegalArgumentException("Dimension '" + dim + "' of length " + length + " is not a multiple of"
                    + " the window " + window + "; use boundary \"trim\" or \"pad\"");
        }
        this.source = source;
        this.dim = dim;
        this.window = window;
        this.boundary = boundary;
        this.keepAttrs = keepAttrs;
    }

    /** Whether the results keep the data's attributes: yes by default, as xarray's coarsen reductions. */
    public Coarsen keepAttrs(boolean keep) {
        return new Coarsen(source, dim, window, boundary, keep);
    }

    public DataArray mean() {
        return reduce(Reduction.NANMEAN);
    }

    public DataArray sum() {
        return reduce(Reduction.NANSUM);
    }

    public DataArray max() {
        return reduce(Reduction.NANMAX);
    }

    public DataArray min() {
        return reduce(Reduction.NANMIN);
    }

    private DataArray reduce(Reduction reduction) {
        Variable v = source.variable();
        int axis = v.axisOf(dim);
        long length = v.shape()[axis];
        ChunkedArray data = v.array();
        long windows = boundary == Boundary.PAD ? (length + window - 1) / window : length / window;
        long used = windows * window;
        if (used < length) {
            data = data.slice(axis, 0, used);
        } else if (used > length) {
            data = data.dtype().isFloat() ? data : data.astype(DType.FLOAT64);
            long[] padShape = data.shape();
            padShape[axis] = used - length;
            long[] chunks = data.chunkSize();
            for (int k = 0; k < chunks.length; k++) {
                chunks[k] = Math.max(chunks[k], 1);
            }
            data = ChunkedArray.concatenate(List.of(data, ChunkedArray.full(padShape, Double.NaN, chunks)), axis);
        }
        long[] shape = data.shape();
        long[] split = new long[shape.length + 1];
        for (int k = 0, j = 0; k < shape.length; k++) {
            if (k == axis) {
                split[j++] = windows;
                split[j++] = window;
            } else {
                split[j++] = shape[k];
            }
        }
        ChunkedArray reduced = data.reshape(split).reduce(reduction, ReduceOptions.axes(axis + 1));
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : source.coordVariables().entrySet()) {
            Variable c = e.getValue();
            if (!c.dims().contains(dim)) {
                coords.put(e.getKey(), c);
            } else if (c.dims().size() == 1) {
                coords.put(e.getKey(), coarsenCoordinate(c, windows));
            }
        }
        return DataArray.of(v.withArray(v.dims(), reduced, v.isLazy(), keepAttrs ? v.attrs() : Map.of()), coords,
                source.name());
    }

    private Variable coarsenCoordinate(Variable c, long windows) {
        if (c.isLabels()) {
            List<Object> firsts = new ArrayList<>();
            for (long w = 0; w < windows; w++) {
                firsts.add(c.labelArray()[(int) (w * window)]);
            }
            return Variable.labels(dim, firsts, c.attrs());
        }
        double[] values = c.values().toDoubleArray();
        double[] means = new double[(int) windows];
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            int n = 0;
            for (int i = w * window; i < Math.min(values.length, (w + 1) * window); i++) {
                sum += values[i];
                n++;
            }
            means[w] = sum / n;
        }
        return Variable.of(List.of(dim), DenseArray.of(means, windows), c.attrs());
    }
}
