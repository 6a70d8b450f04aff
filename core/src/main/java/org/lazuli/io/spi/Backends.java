package org.lazuli.io.spi;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
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
            throw new UncheckedIOException(new FileNotFoundException("No such file: " + path.toAbsolutePath()
                    + "; check the path (relative paths start from " + Path.of("").toAbsolutePath() + ")"));
        }
        List<DatasetBackend> backends = all();
        if (Files.isDirectory(path)) {
            for (DatasetBackend backend : backends) {
                if (backend.canOpen(path)) {
                    return backend;
                }
            }
            throw new IllegalArgumentException(path + " is a directory, not a dataset file nor a Zarr store (no .zgroup,"
                    + " .zarray or zarr.json in it" + (backends.stream().anyMatch(b -> b.name().equals("zarr")) ? ""
                    : ", and the lazuli-io-zarr module is not on the class path") + "); give a file, or use"
                    + " openMfDataset with a glob for many files");
        }
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

    /** The backend called {@code name} ("netcdf", "zarr"), with the module to add when it is missing. */
    public static DatasetBackend named(String name) {
        List<DatasetBackend> backends = all();
        for (DatasetBackend backend : backends) {
            if (backend.name().equals(name)) {
                return backend;
            }
        }
        throw new IllegalStateException("No " + name + " backend is on the class path (found "
                + backends.stream().map(DatasetBackend::name).toList() + "); add the lazuli-io-" + name + " module");
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
