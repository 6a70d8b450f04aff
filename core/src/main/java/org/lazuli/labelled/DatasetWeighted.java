package org.lazuli.labelled;

/** Weighted reductions of every data variable of a Dataset (xarray's {@code ds.weighted(weights)}). */
public final class DatasetWeighted {
    private final Dataset dataset;
    private final DataArray weights;

    DatasetWeighted(Dataset dataset, DataArray weights) {
        this.dataset = dataset;
        this.weights = weights;
    }

    public Dataset mean(String... dims) {
        return dataset.map(a -> a.weighted(weights).mean(dims));
    }

    public Dataset sum(String... dims) {
        return dataset.map(a -> a.weighted(weights).sum(dims));
    }

    public Dataset sumOfWeights(String... dims) {
        return dataset.map(a -> a.weighted(weights).sumOfWeights(dims));
    }

    public Dataset var(String... dims) {
        return dataset.map(a -> a.weighted(weights).var(dims));
    }

    public Dataset std(String... dims) {
        return dataset.map(a -> a.weighted(weights).std(dims));
    }
}
