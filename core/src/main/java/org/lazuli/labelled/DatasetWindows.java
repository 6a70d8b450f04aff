package org.lazuli.labelled;

import java.util.function.Function;

/**
 * Rolling or coarsening windows over every data variable of a Dataset that has the dimension (xarray's
 * {@code ds.rolling(time=3)}, {@code ds.coarsen(lon=2)}); the others are left as they are.
 */
public final class DatasetWindows {
    private final Dataset dataset;
    private final String dim;
    private final Function<DataArray, Rolling> rolling;
    private final Function<DataArray, Coarsen> coarsen;

    private DatasetWindows(Dataset dataset, String dim, Function<DataArray, Rolling> rolling,
                           Function<DataArray, Coarsen> coarsen) {
        this.dataset = dataset;
        this.dim = dim;
        this.rolling = rolling;
        this.coarsen = coarsen;
    }

    static DatasetWindows rolling(Dataset dataset, String dim, Function<DataArray, Rolling> windows) {
        return new DatasetWindows(dataset, dim, windows, null);
    }

    static DatasetWindows coarsen(Dataset dataset, String dim, Function<DataArray, Coarsen> windows) {
        return new DatasetWindows(dataset, dim, null, windows);
    }

    private Dataset each(Function<Rolling, DataArray> ofRolling, Function<Coarsen, DataArray> ofCoarsen) {
        return dataset.map(a -> !a.dims().contains(dim) || a.variable().isLabels() ? a
                : rolling != null ? ofRolling.apply(rolling.apply(a)) : ofCoarsen.apply(coarsen.apply(a)));
    }

    public Dataset mean() {
        return each(Rolling::mean, Coarsen::mean);
    }

    public Dataset sum() {
        return each(Rolling::sum, Coarsen::sum);
    }

    public Dataset max() {
        return each(Rolling::max, Coarsen::max);
    }

    public Dataset min() {
        return each(Rolling::min, Coarsen::min);
    }

    /** The windows' standard deviation (rolling windows only, as on a DataArray). */
    public Dataset std() {
        if (rolling == null) {
            throw new UnsupportedOperationException("std of coarsened windows is not done; coarsen has mean, sum, max"
                    + " and min");
        }
        return each(Rolling::std, null);
    }
}
