package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.array.MultiBlockFunction;
import org.lazuli.array.ReduceOptions;
import org.lazuli.array.Reduction;

/** Reductions of labelled arrays over named dimensions, with xarray's NaN and type rules. */
public final class Reductions {
    private Reductions() {
    }

    /** The reductions a {@link DataArray} offers. */
    public enum Kind { SUM, PROD, MIN, MAX, MEAN, STD, VAR, MEDIAN, QUANTILE, COUNT, ANY, ALL, ARGMIN, ARGMAX }

    static DataArray reduce(DataArray da, Kind kind, ReduceArgs args, List<String> dims) {
        List<String> targets = dims.isEmpty() ? da.dims() : dims;
        for (String dim : targets) {
            if (!da.dims().contains(dim)) {
                throw Selection.missingDimension(dim, da.sizes(), da.describe());
            }
        }
        if ((kind == Kind.ARGMIN || kind == Kind.ARGMAX) && targets.size() != 1) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " needs exactly one dimension, got " + targets);
        }
        Variable variable = da.variable();
        int[] axes = targets.stream().mapToInt(variable::axisOf).sorted().toArray();
        boolean skip = args.skipNa().skipsIn(variable.dtype());
        ChunkedArray data = variable.array();
        ChunkedArray result = switch (kind) {
            case MEDIAN, QUANTILE -> quantile(data, axes, kind == Kind.MEDIAN ? 0.5 : args.quantile(), skip);
            default -> data.reduce(arrayReduction(kind, skip), ReduceOptions.axes(axes).withDdof(args.ddof()));
        };
        if (args.minCount() > 0 && (kind == Kind.SUM || kind == Kind.PROD) && skip) {
            ChunkedArray counts = data.count(axes);
            result = ChunkedArray.where(counts.ge(args.minCount()), result.astype(DType.FLOAT64), Double.NaN);
        }
        List<String> kept = da.dims().stream().filter(d -> !targets.contains(d)).toList();
        Map<String, Variable> coords = new LinkedHashMap<>();
        da.coordVariables().forEach((n, c) -> {
            if (c.dims().stream().noneMatch(targets::contains)) {
                coords.put(n, c);
            }
        });
        Variable reduced = variable.withArray(kept, result, variable.isLazy(), Map.of());
        return DataArray.of(reduced, coords, da.name());
    }

    /** The array reduction of a kind, NaN-skipping when asked. */
    static Reduction arrayReduction(Kind kind, boolean skip) {
        return switch (kind) {
            case SUM -> skip ? Reduction.NANSUM : Reduction.SUM;
            case PROD -> skip ? Reduction.NANPROD : Reduction.PROD;
            case MIN -> skip ? Reduction.NANMIN : Reduction.MIN;
            case MAX -> skip ? Reduction.NANMAX : Reduction.MAX;
            case MEAN -> skip ? Reduction.NANMEAN : Reduction.MEAN;
            case STD -> skip ? Reduction.NANSTD : Reduction.STD;
            case VAR -> skip ? Reduction.NANVAR : Reduction.VAR;
            case COUNT -> Reduction.COUNT;
            case ANY -> Reduction.ANY;
            case ALL -> Reduction.ALL;
            case ARGMIN -> skip ? Reduction.NANARGMIN : Reduction.ARGMIN;
            case ARGMAX -> skip ? Reduction.NANARGMAX : Reduction.ARGMAX;
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /**
     * A quantile over axes: the reduced axes are moved last and gathered into one block each, then
     * every output element is computed from its contiguous values (linear interpolation).
     */
    static ChunkedArray quantile(ChunkedArray data, int[] axes, double q, boolean skip) {
        int nd = data.ndim();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < nd; k++) {
            if (Arrays.binarySearch(axes, k) < 0) {
                order.add(k);
            }
        }
        for (int axis : axes) {
            order.add(axis);
        }
        ChunkedArray moved = data.astype(data.dtype().isFloat() ? data.dtype() : DType.FLOAT64)
                .transpose(order.stream().mapToInt(Integer::intValue).toArray());
        int keptCount = nd - axes.length;
        long[] blocks = moved.chunkSize();
        for (int k = keptCount; k < nd; k++) {
            blocks[k] = -1;
        }
        ChunkedArray whole = moved.rechunk(blocks);
        long[][] outSizes = whole.chunks().sizes();
        for (int k = keptCount; k < nd; k++) {
            outSizes[k] = new long[] {1};
        }
        ChunkedArray perBlock = ChunkedArray.mapBlocks(new QuantileBlock(axes.length, q, skip), whole.dtype(),
                Chunks.of(outSizes), whole);
        long[] shape = Arrays.copyOf(perBlock.shape(), keptCount);
        return perBlock.reshape(shape);
    }

    /** Quantile of the trailing {@code reducedAxes} axes of a block (kept as length 1). */
    record QuantileBlock(int reducedAxes, double q, boolean skip) implements MultiBlockFunction {
        @Override
        public DenseArray apply(List<DenseArray> blocks) {
            DenseArray block = blocks.get(0);
            long[] shape = block.shape();
            int nd = shape.length;
            int run = 1;
            for (int k = nd - reducedAxes; k < nd; k++) {
                run *= (int) shape[k];
            }
            double[] values = block.toDoubleArray();
            int positions = (int) product(shape, nd - reducedAxes);
            double[] out = new double[positions];
            double[] buffer = new double[run];
            for (int p = 0; p < positions; p++) {
                int n = 0;
                boolean nan = false;
                for (int i = 0; i < run; i++) {
                    double v = values[p * run + i];
                    if (v != v) {
                        nan = true;
                        if (skip) {
                            continue;
                        }
                    }
                    buffer[n++] = v;
                }
                out[p] = (nan && !skip) || n == 0 ? Double.NaN : interpolate(buffer, n, q);
            }
            long[] outShape = shape.clone();
            for (int k = nd - reducedAxes; k < nd; k++) {
                outShape[k] = 1;
            }
            DenseArray result = DenseArray.of(out, outShape);
            return result.astype(block.dtype());
        }

        private static long product(long[] shape, int upTo) {
            long p = 1;
            for (int k = 0; k < upTo; k++) {
                p *= shape[k];
            }
            return p;
        }

        /** NumPy's default ("linear") quantile of the first n values. */
        static double interpolate(double[] values, int n, double q) {
            Arrays.sort(values, 0, n);
            double position = q * (n - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, n - 1);
            double fraction = position - below;
            return values[below] + (values[above] - values[below]) * fraction;
        }
    }

    /** Labels at the positions of an arg reduction (idxmin/idxmax). */
    static DataArray idx(DataArray source, DataArray positions, String dim) {
        Index index = source.coords().index(dim).orElseThrow(() -> new LabelNotFoundException("idxmin/idxmax need a"
                + " coordinate for dimension '" + dim + "'"));
        long[] at = positions.values().toLongArray();
        Variable variable;
        if (index.isNumeric()) {
            double[] labels = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                labels[i] = (Double) index.label((int) at[i]);
            }
            variable = Variable.of(positions.dims(), DenseArray.of(labels, positions.shape()));
        } else {
            Object[] labels = new Object[at.length];
            for (int i = 0; i < at.length; i++) {
                labels[i] = index.label((int) at[i]);
            }
            variable = Variable.labels(positions.dims(), positions.shape(), labels, Map.of());
        }
        return DataArray.of(variable, positions.coordVariables(), dim);
    }
}
