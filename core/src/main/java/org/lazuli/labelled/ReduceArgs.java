package org.lazuli.labelled;

import java.util.Objects;

/**
 * Options of a labelled reduction, with xarray's defaults: NaN skipped for floating-point data
 * ({@code skipna}), no minimum count, ddof 0.
 *
 * @param skipNa   whether NaN are skipped: xarray's default (for floating-point data), or always, or never
 * @param minCount results with fewer valid values become NaN (sum and prod); 0 for none
 * @param ddof     delta degrees of freedom for var and std
 * @param quantile the quantile for {@link Reductions.Kind#QUANTILE}
 */
public record ReduceArgs(SkipNa skipNa, int minCount, int ddof, double quantile) {
    public ReduceArgs {
        Objects.requireNonNull(skipNa, "skipNa");
        if (minCount < 0 || ddof < 0) {
            throw new IllegalArgumentException("minCount and ddof must be >= 0");
        }
        if (!(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("Quantiles must be in [0, 1], got " + quantile);
        }
    }

    public static ReduceArgs defaults() {
        return new ReduceArgs(SkipNa.DEFAULT, 0, 0, 0.5);
    }

    /** xarray's {@code skipna=True} or {@code False}. */
    public ReduceArgs withSkipNa(boolean skip) {
        return withSkipNa(SkipNa.of(skip));
    }

    public ReduceArgs withSkipNa(SkipNa skip) {
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
