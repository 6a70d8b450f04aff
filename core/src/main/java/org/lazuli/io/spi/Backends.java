package org.lazuli.io.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the backends on the class path (ServiceLoader) and picks one for a file. */
public final class Backends {
    private Backends() {
    }

    public static List<DatasetBackend> all() {
        List<DatasetBackend> backends = new ArrayList<>();
        ServiceLoader.load(DatasetBackend.class).forEach(backends::add);
        return backends;
    }

    /** The backend that can open a file, with a clear error when the file or a backend is missing. */
    public static DatasetBackend reader(Path path) {
        if (!Files.exists(path)) {
            throw new java.io.UncheckedIOException(new java.io.FileNotFoundException("No such file: " + path.toAbsolutePath()
                    + "; check the path (relative paths start from " + Path.of("").toAbsolutePath() + ")"));
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is a directory, not a dataset file; give a file, or use"
                    + " openMfDataset with a glob for many files");
        }
        List<DatasetBackend> backends = all();
        if (backends.isEmpty()) {
            throw new IllegalStateException("No dataset backend is on the class path; add the lazuli-io-netcdf module"
                    + " to open " + path);
        }
        for (DatasetBackend backend : backends) {
            if (backend.canOpen(path)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("No backend recognises " + path + " (tried "
                + backends.stream().map(DatasetBackend::name).toList() + "); is it a NetCDF file?");
    }

    /** The backend that writes files like {@code path}. */
    public static DatasetBackend writer(Path path) {
        for (DatasetBackend backend : all()) {
            if (backend.canWrite(path)) {
                return backend;
            }
        }
        throw new IllegalStateException("No backend on the class path writes " + path.getFileName()
                + "; add the lazuli-io-netcdf module to write NetCDF files");
    }
}
