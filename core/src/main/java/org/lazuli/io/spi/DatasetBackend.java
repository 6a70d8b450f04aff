package org.lazuli.io.spi;

import java.nio.file.Path;
import org.lazuli.labelled.Dataset;

/**
 * A file format plug-in, found with {@link java.util.ServiceLoader} (xarray's
 * {@code BackendEntrypoint}). Register an implementation in
 * {@code META-INF/services/org.lazuli.io.spi.DatasetBackend}.
 */
public interface DatasetBackend {

    /** A short name ("netcdf"). */
    String name();

    /** Whether this backend recognises the file (by its first bytes or its name); must not throw. */
    boolean canOpen(Path path);

    /** Opens lazily: metadata now, data when computed. */
    Dataset open(Path path, OpenOptions options);

    /** Whether this backend can write files like {@code path} (by its extension). */
    default boolean canWrite(Path path) {
        return false;
    }

    /** Writes a dataset. */
    default void write(Dataset dataset, Path path) {
        throw new UnsupportedOperationException(name() + " cannot write files");
    }

    /** Writes a dataset as {@code options} say (format, encodings, unlimited dimensions). */
    default void write(Dataset dataset, Path path, WriteOptions options) {
        throw new UnsupportedOperationException(name() + " cannot write files with options");
    }
}
