package org.lazuli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lazuli.io.spi.Backends;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.LabelNotFoundException;

/**
 * Entry point: opening datasets through the backends on the class path (the NetCDF backend lives in
 * module io-netcdf).
 *
 * <pre>{@code
 * try (Dataset ds = Lazuli.openDataset(Path.of("monthly_navy_winds.cdf"), Map.of("TIME", 12))) {
 *     DataArray u = ds.get("UWND");
 * }
 * }</pre>
 */
public final class Lazuli {
    private Lazuli() {
    }

    /** Opens a dataset: metadata now; values are read (only the selected hyperslab) when asked for. */
    public static Dataset openDataset(Path path) {
        return openDataset(path, OpenOptions.defaults());
    }

    /**
     * Opens a dataset as chunked (lazy) arrays: block size per dimension, -1 for a whole dimension.
     * A dimension the file does not have is an error (a misspelt name would silently leave its
     * dimension in one block).
     */
    public static Dataset openDataset(Path path, Map<String, Integer> chunks) {
        return openDataset(path, OpenOptions.defaults().withChunks(chunks));
    }

    public static Dataset openDataset(Path path, OpenOptions options) {
        Dataset dataset = Backends.reader(path).open(path, options);
        if (options.chunks() != null) {
            for (String dim : options.chunks().keySet()) {
                if (!dataset.sizes().containsKey(dim)) {
                    dataset.close();
                    throw LabelNotFoundException.missingDimension(dim, dataset.sizes(), path.getFileName()
                            + ", so it cannot be chunked");
                }
            }
        }
        return dataset;
    }

    /**
     * Opens many files as one dataset (xarray's {@code open_mfdataset}): their metadata is read in
     * parallel, then they are joined along {@code options.concatDim()} or, when none is given, ordered
     * by their coordinates and joined where they differ.
     */
    public static Dataset openMfDataset(List<Path> paths, MultiFileOptions options) {
        return MultiFile.open(paths, options);
    }

    /** Opens the files matching a glob ("data/tas_*.nc"), sorted by name. */
    public static Dataset openMfDataset(String glob, MultiFileOptions options) {
        return MultiFile.open(MultiFile.expand(glob), options);
    }
}
