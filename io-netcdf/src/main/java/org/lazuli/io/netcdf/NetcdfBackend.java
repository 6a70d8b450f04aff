package org.lazuli.io.netcdf;

import java.nio.file.Path;
import java.util.Locale;
import org.lazuli.io.spi.DatasetBackend;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;

/** The NetCDF backend: reads NetCDF-3 and NetCDF-4, writes NetCDF-3 and (through the netCDF C library) NetCDF-4. */
public final class NetcdfBackend implements DatasetBackend {

    /** The instance {@link java.util.ServiceLoader} makes. */
    public NetcdfBackend() {
    }

    @Override
    public String name() {
        return "netcdf";
    }

    @Override
    public boolean canOpen(Path path) {
        // a NetCDF name is enough to claim the file, so that an empty or corrupt .nc gets a precise error
        return NetcdfFiles.format(path) != null || canWrite(path) || path.toString().endsWith(".nc4");
    }

    @Override
    public Dataset open(Path path, OpenOptions options) {
        return NetcdfReader.open(path, options);
    }

    @Override
    public boolean canWrite(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".nc") || name.endsWith(".cdf") || name.endsWith(".nc3");
    }

    /**
     * Writes NETCDF4 as xarray does by default, where the netCDF C library is installed; without it
     * NETCDF3_64BIT, as xarray falls back to scipy's NetCDF-3 writer (storage encodings such as zlib are
     * then left out, as they are when a NetCDF-4 dataset is written to NetCDF-3).
     */
    @Override
    public void write(Dataset dataset, Path path) {
        NetcdfWriter.write(dataset, path, NetcdfWriter.hasNetcdfLibrary() ? NetcdfWriter.Format.NETCDF4
                : NetcdfWriter.Format.OFFSET_64BIT);
    }

    @Override
    public void write(Dataset dataset, Path path, WriteOptions options) {
        options.requireEncodingKeys(WriteOptions.ENCODING_KEYS, "NetCDF");
        NetcdfWriter.checkRequested(dataset, options.encodings());
        NetcdfWriter.write(dataset, path, NetcdfWriter.Format.of(options.format()), options.unlimitedDims(),
                options.group());
    }

    /** Handles open now, across files and threads (for leak checks). */
    public static int openHandles() {
        return HandleCache.openHandles();
    }
}
