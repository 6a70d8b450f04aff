package org.lazuli.labelled;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * Weighted reductions of a DataArray (xarray's {@code da.weighted(weights)}): the weights broadcast
 * against the data by dimension name; values that are NaN count with no weight. The sum of the weights
 * of the values present is NaN where it is zero, so a mean over nothing is NaN, as in xarray; a
 * weighted sum over nothing is 0. Lazy: each statistic is one graph over the data's chunks. Results
 * drop the attributes, as xarray's do by default.
 */
public final class Weighted {
    private final DataArray data;
    private final DataArray weights;

    Weighted(DataArray data, DataArray weights) {
        if (!weights.dtype().isFloat() && !weights.dtype().isInteger() && !weights.dtype().isBool()) {
            throw new IllegalArgumentException("Weights must be numbers, got " + weights.dtype());
        }
        for (String dim : weights.dims()) {
            if (!data.dims().contains(dim)) {
                throw new IllegalArgumentException("The weights' dimension '" + dim + "' is not one of the data's "
                        + data.dims() + "; weights broadcast against the data and cannot add dimensions");
            }
        }
        // checked now, as xarray does: weights are small (a cos(lat) per row), so this reads little
        if (weights.dtype().isFloat() && weights.isnull().any().values().toDoubleArray()[0] != 0) {
            throw new IllegalArgumentException("The weights contain missing values (NaN); replace them, e.g. with"
                    + " weights.fillna(0)");
        }
        this.data = data;
        this.weights = weights;
    }

    /** The sum of the weights of the values present; NaN where it is zero. */
    public DataArray sumOfWeights(String... dims) {
        DataArray total = data.notnull().multiply(weights).sum(dims);
        return total.where(total.ne(0)).rename(data.name());
    }

    /** The weighted sum; values that are NaN are left out (a sum over none is 0). */
    public DataArray sum(String... dims) {
        return data.fillna(0).multiply(weights).sum(dims).rename(data.name());
    }

    /**
     * The weighted mean over {@code dims}: {@code sum(w x) / sum(w)} over the points where x is not NaN
     * (xarray's rule); NaN where those weights sum to zero. One pass over the chunks.
     */
    public DataArray mean(String... dims) {
        return sum(dims).divide(sumOfWeights(dims)).rename(data.name());
    }

    /** The weighted variance: the weighted mean of the squared deviations from the weighted mean (no ddof). */
    public DataArray var(String... dims) {
        DataArray deviation = data.subtract(mean(dims));
        DataArray squares = deviation.multiply(deviation).fillna(0).multiply(weights).sum(dims);
        return squares.divide(sumOfWeights(dims)).rename(data.name());
    }

    /** The weighted standard deviation over {@code dims} (the square root of {@link #var}), NaN skipped. */
    public DataArray std(String... dims) {
        return var(dims).sqrt().rename(data.name());
    }

    /**
     * The weighted {@code q}-th quantile (0..1) over {@code dims} (all when none given), as xarray's
     * {@code weighted(...).quantile} (method "linear": Type 7 generalised to weights through Kish's effective
     * sample size); NaN values and zero weights are left out; nothing left gives NaN. The reduced dimensions
     * are gathered whole per block of the others (as a median's).
     */
    public DataArray quantile(double q, String... dims) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("A quantile must be in [0, 1], got " + q);
        }
        List<String> reduced = dims.length == 0 ? data.dims() : List.of(dims);
        for (String dim : reduced) {
            if (!data.dims().contains(dim)) {
                throw Selection.missingDimension(dim, data.sizes(), data.describe());
            }
        }
        Map<String, Long> chunks = new LinkedHashMap<>();
        reduced.forEach(d -> chunks.put(d, -1L));
        DataArray whole = data.isLazy() ? data.chunk(chunks) : data;
        DataArray broadcastWeights = weights.broadcastLike(data).transpose(data.dims().toArray(String[]::new));
        if (broadcastWeights.isLazy()) {
            broadcastWeights = broadcastWeights.chunk(chunks);
        }
        UfuncOptions options = UfuncOptions.defaults().withInputCoreDims(reduced, reduced).withVectorize(true)
                .withOutputDtype(DType.FLOAT64);
        DataArray result = ApplyUfunc.apply(arguments -> DenseArray.of(new double[] {weightedQuantile(
                arguments.get(0).toDoubleArray(), arguments.get(1).toDoubleArray(), q)}), List.of(whole,
                broadcastWeights), options);
        return result.rename(data.name());
    }

    /** xarray's _weighted_quantile_1d, method "linear", NaN values skipped. */
    static double weightedQuantile(double[] values, double[] weights, double q) {
        int n = 0;
        double[][] kept = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && weights[i] != 0) {
                kept[n++] = new double[] {values[i], weights[i]};
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[][] sorted = Arrays.copyOf(kept, n);
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double sum = 0;
        double squares = 0;
        for (double[] pair : sorted) {
            sum += pair[1];
            squares += pair[1] * pair[1];
        }
        double effective = sum * sum / squares;   // Kish's effective sample size
        double h = (effective - 1) * q + 1;
        double low = (h - 1) / effective;
        double high = h / effective;
        double cumulative = 0;
        double previous = (Math.max(low, Math.min(high, 0)) * effective) - h + 1;
        double result = 0;
        for (double[] pair : sorted) {
            cumulative += pair[1] / sum;
            double v = Math.max(low, Math.min(high, cumulative)) * effective - h + 1;
            result += pair[0] * (v - previous);
            previous = v;
        }
        return result;
    }
}
