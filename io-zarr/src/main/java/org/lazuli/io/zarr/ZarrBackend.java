package org.lazuli.io.zarr;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lazuli.io.spi.DatasetBackend;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;

/** The Zarr backend: opens and writes Zarr v2 stores in local folders. */
public final class ZarrBackend implements DatasetBackend {

    @Override
    public String name() {
        return "zarr";
    }

    @Override
    public boolean canOpen(Path path) {
        return Files.isDirectory(path) && ZarrReader.isStore(new DirectoryStore(path));
    }

    @Override
    public Dataset open(Path path, OpenOptions options) {
        if (!Files.exists(path)) {
            throw new java.io.UncheckedIOException(new java.io.FileNotFoundException("No Zarr store at "
                    + path.toAbsolutePath() + "; check the path (relative paths start from "
                    + Path.of("").toAbsolutePath() + ")"));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is a file, not a Zarr store (a folder); open it with"
                    + " Lazuli.openDataset");
        }
        return ZarrReader.open(new DirectoryStore(path), options);
    }

    @Override
    public Dataset open(URI uri, OpenOptions options) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return ZarrReader.open(new HttpStore(uri), options);
        }
        throw new UnsupportedOperationException("Zarr stores at " + uri.getScheme() + ": URIs are not supported yet"
                + " (local folders, file: and http(s): are); copy the store to a local folder and open its path");
    }

    @Override
    public boolean canWrite(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".zarr");
    }

    @Override
    public void write(Dataset dataset, Path path) {
        write(dataset, path, WriteOptions.defaults());
    }

    @Override
    public void write(Dataset dataset, Path path, WriteOptions options) {
        if (Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " is a file; a Zarr store is a folder: give another path");
        }
        ZarrWriter.write(dataset, new DirectoryStore(path), options);
    }

    @Override
    public void write(Dataset dataset, URI uri, WriteOptions options) {
        throw new UnsupportedOperationException("Writing Zarr stores to " + uri.getScheme() + ": URIs is not supported"
                + " yet; write to a local folder");
    }
}
