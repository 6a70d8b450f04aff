package org.lazuli.io.zarr;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.lazuli.io.spi.DatasetBackend;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;

/**
 * The Zarr backend: opens and writes Zarr v2 and v3 stores in local folders and S3 buckets, and opens
 * them over HTTP(S).
 */
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
            throw new UncheckedIOException(new FileNotFoundException("No Zarr store at "
                    + path.toAbsolutePath() + "; check the path (relative paths start from "
                    + Path.of("").toAbsolutePath() + ")"));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is a file, not a Zarr store (a folder); open it with"
                    + " Lazuli.openDataset");
        }
        requireNoStorageOptions(options.storageOptions(), path);
        return ZarrReader.open(new DirectoryStore(path), options);
    }

    /** Storage options reach remote stores; given for a local folder they would be silently unused. */
    private static void requireNoStorageOptions(Map<String, String> storageOptions, Path path) {
        if (!storageOptions.isEmpty()) {
            throw new IllegalArgumentException("Storage options " + storageOptions.keySet() + " were given for the"
                    + " local store " + path + "; they apply to s3:// stores only: drop them, or give an s3:// URI");
        }
    }

    @Override
    public Dataset open(URI uri, OpenOptions options) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            return ZarrReader.open(new HttpStore(uri), options);
        }
        if (scheme.equals("s3")) {
            return ZarrReader.open(new S3Store(uri, options.storageOptions()), options);
        }
        throw new UnsupportedOperationException("Zarr stores at " + uri.getScheme() + ": URIs are not supported"
                + " (local folders, file:, http(s): and s3:// are); copy the store to a local folder and open its path");
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
        requireNoStorageOptions(options.storageOptions(), path);
        ZarrWriter.write(dataset, new DirectoryStore(path), options);
    }

    @Override
    public void write(Dataset dataset, URI uri, WriteOptions options) {
        if ("s3".equalsIgnoreCase(uri.getScheme())) {
            ZarrWriter.write(dataset, new S3Store(uri, options.storageOptions()), options);
            return;
        }
        throw new UnsupportedOperationException("Zarr stores cannot be written to " + uri.getScheme() + ": URIs"
                + " (HTTP is read-only); write to a local folder or an s3:// URI");
    }
}
