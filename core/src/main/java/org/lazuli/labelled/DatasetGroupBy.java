package org.lazuli.labelled;

import java.util.function.Function;

/**
 * A groupby or resample of every data variable of a Dataset (xarray's {@code ds.groupby("time.month")},
 * {@code ds.resample(time="YS")}): each variable that has the grouped dimension is grouped as on its own
 * ({@link GroupBy}), in one map-reduce over its chunks; variables without it are left as they are.
 */
public final class DatasetGroupBy implements Reducible<Dataset> {
    private final Dataset dataset;
    private final String dim;
    private final Function<DataArray, GroupBy> grouping;

    DatasetGroupBy(Dataset dataset, String dim, Function<DataArray, GroupBy> grouping) {
        this.dataset = dataset;
        this.dim = dim;
        this.grouping = grouping;
    }

    private boolean grouped(DataArray variable) {
        return variable.dims().contains(dim) && !variable.variable().isLabels();
    }

    /** A reduction per group of every variable that has the grouped dimension (over it, and any {@code dims}). */
    @Override
    public Dataset reduce(Reductions.Kind kind, ReduceArgs args, String... dims) {
        return dataset.map(a -> grouped(a) ? grouping.apply(a).reduce(kind, args, dims) : a);
    }

    /** Each variable less the statistics of its group ({@code clim}, as a reduction of this grouping gives it). */
    public Dataset subtract(Dataset stats) {
        return dataset.map(a -> grouped(a) ? grouping.apply(a).subtract(stats.get(a.name())) : a);
    }

    public Dataset add(Dataset stats) {
        return dataset.map(a -> grouped(a) ? grouping.apply(a).add(stats.get(a.name())) : a);
    }

    public Dataset divide(Dataset stats) {
        return dataset.map(a -> grouped(a) ? grouping.apply(a).divide(stats.get(a.name())) : a);
    }

    public Dataset multiply(Dataset stats) {
        return dataset.map(a -> grouped(a) ? grouping.apply(a).multiply(stats.get(a.name())) : a);
    }

    @Override
    public String toString() {
        return "DatasetGroupBy(over '" + dim + "', " + dataset.dataVarNames().size() + " data variables)";
    }
}
