package org.lazuli.labelled;

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

    public DataArray mean(String... dims) {
        return sum(dims).divide(sumOfWeights(dims)).rename(data.name());
    }

    /** The weighted variance: the weighted mean of the squared deviations from the weighted mean (no ddof). */
    public DataArray var(String... dims) {
        DataArray deviation = data.subtract(mean(dims));
        DataArray squares = deviation.multiply(deviation).fillna(0).multiply(weights).sum(dims);
        return squares.divide(sumOfWeights(dims)).rename(data.name());
    }

    public DataArray std(String... dims) {
        return var(dims).sqrt().rename(data.name());
    }
}
