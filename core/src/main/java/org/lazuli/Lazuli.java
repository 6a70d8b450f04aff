package org.lazuli;

import java.nio.file.Path;
import java.util.Map;
import org.lazuli.io.spi.Backends;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;

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

    /** Opens a dataset as chunked (lazy) arrays: block size per dimension, -1 for a whole dimension. */
    public static Dataset openDataset(Path path, Map<String, Integer> chunks) {
        return openDataset(path, OpenOptions.defaults().withChunks(chunks));
    }

    public static Dataset openDataset(Path path, OpenOptions options) {
        return Backends.reader(path).open(path, options);
    }
}
