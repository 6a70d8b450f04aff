package org.lazuli.io.netcdf;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real NetCDF files of the repository's testdata folder. */
final class Testdata {
    private Testdata() {
    }

    static Path folder() {
        String configured = System.getProperty("lazuli.testdata");
        Path folder = configured != null ? Path.of(configured) : Path.of("..", "testdata");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("The testdata folder is missing at " + folder.toAbsolutePath());
        }
        return folder;
    }

    static Path file(String name) {
        return folder().resolve(name);
    }
}
