package org.lazuli.io.spi;

import java.net.URI;
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

    /** Opens a dataset at a URI (http, https, s3 ...) lazily; backends of local files only refuse. */
    default Dataset open(URI uri, OpenOptions options) {
        throw new UnsupportedOperationException("The " + name() + " backend opens local files only, not " + uri);
    }

    /** Writes a dataset to a URI (s3 ...); backends of local files only refuse. */
    default void write(Dataset dataset, URI uri, WriteOptions options) {
        throw new UnsupportedOperationException("The " + name() + " backend writes local files only, not " + uri);
    }

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
