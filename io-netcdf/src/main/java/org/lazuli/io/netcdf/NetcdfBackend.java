package org.lazuli.io.netcdf;

import java.nio.file.Path;
import java.util.Locale;
import org.lazuli.io.spi.DatasetBackend;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;

/** The NetCDF backend: reads NetCDF-3 and NetCDF-4 with NetCDF-Java, writes NetCDF-3. */
public final class NetcdfBackend implements DatasetBackend {

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

    @Override
    public void write(Dataset dataset, Path path) {
        NetcdfWriter.write(dataset, path, NetcdfWriter.Format.CLASSIC);
    }

    @Override
    public void write(Dataset dataset, Path path, org.lazuli.io.spi.WriteOptions options) {
        NetcdfWriter.checkRequested(dataset, options.encodings());
        NetcdfWriter.write(dataset, path, NetcdfWriter.Format.of(options.format()), options.unlimitedDims());
    }

    /** Handles open now, across files and threads (for leak checks). */
    public static int openHandles() {
        return HandleCache.openHandles();
    }
}
