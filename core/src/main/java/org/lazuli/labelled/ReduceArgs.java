package org.lazuli.labelled;

/**
 * Options of a labelled reduction, with xarray's defaults: NaN skipped for floating-point data
 * ({@code skipna}), no minimum count, ddof 0.
 *
 * @param skipNa   null for xarray's default (true for floats), else whether to skip NaN
 * @param minCount results with fewer valid values become NaN (sum and prod); 0 for none
 * @param ddof     delta degrees of freedom for var and std
 * @param quantile the quantile for {@link Reductions.Kind#QUANTILE}
 */
public record ReduceArgs(Boolean skipNa, int minCount, int ddof, double quantile) {
    public ReduceArgs {
        if (minCount < 0 || ddof < 0) {
            throw new IllegalArgumentException("minCount and ddof must be >= 0");
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("Quantiles must be in [0, 1], got " + quantile);
        }
    }

    public static ReduceArgs defaults() {
        return new ReduceArgs(null, 0, 0, 0.5);
    }

    public ReduceArgs withSkipNa(boolean skip) {
        return new ReduceArgs(skip, minCount, ddof, quantile);
    }

    public ReduceArgs withMinCount(int count) {
        return new ReduceArgs(skipNa, count, ddof, quantile);
    }

    public ReduceArgs withDdof(int newDdof) {
        return new ReduceArgs(skipNa, minCount, newDdof, quantile);
    }

    public ReduceArgs withQuantile(double q) {
        return new ReduceArgs(skipNa, minCount, ddof, q);
    }
}
