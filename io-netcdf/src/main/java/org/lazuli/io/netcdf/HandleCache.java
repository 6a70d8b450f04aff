package org.lazuli.io.netcdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ucar.nc2.NetcdfFile;

/**
 * Open NetCDF-Java handles, one per file and thread: a NetcdfFile read from two threads returns wrong
 * data, so each thread reads through its own handle. Datasets reference-count their file; when the
 * last one closes, every thread's handle for it is closed. A read of a file with no open dataset
 * (a task computed after {@code close()}) opens a handle for that read only, so nothing leaks.
 *
 * <p>Thread-safe. One cache per JVM: tasks find it without capturing it, so they stay serializable.
 */
final class HandleCache {
    private static final Map<String, Integer> REFERENCES = new ConcurrentHashMap<>();
    private static final Map<HandleKey, NetcdfFile> HANDLES = new ConcurrentHashMap<>();

    private record HandleKey(String path, long thread) {
    }

    private HandleCache() {
    }

    /** A dataset of this file was opened; a NetCDF-3 header that fails its checks undoes this and raises. */
    static void retain(String path) throws IOException {
        if (REFERENCES.merge(path, 1, Integer::sum) == 1) {
            try {
                Netcdf3Reader.retain(path);
            } catch (IOException | RuntimeException | Error e) {
                release(path);
                throw e;
            }
        }
    }

    /** A dataset of this file was closed: the last one closes every handle. */
    static void release(String path) {
        Integer left = REFERENCES.computeIfPresent(path, (p, n) -> n > 1 ? n - 1 : null);
        if (left == null) {
            Netcdf3Reader.release(path);
            Hdf5Chunks.release(path);
            closeAll(path);
        }
    }

    private static void closeAll(String path) {
        IOException failure = null;
        for (HandleKey key : HANDLES.keySet()) {
            if (key.path().equals(path)) {
                NetcdfFile handle = HANDLES.remove(key);
                if (handle != null) {
                    try {
                        handle.close();
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("Closing " + path + " failed", failure);
        }
    }

    /** Number of handles open now (all files, all threads); for leak checks. */
    static int openHandles() {
        return HANDLES.size() + Netcdf3Reader.openChannels() + Hdf5Chunks.openFiles();
    }

    /** Whether a dataset of the file is open (readers may keep handles of it). */
    static boolean isOpen(String path) {
        return REFERENCES.containsKey(path);
    }

    /** Runs a read with this thread's handle of the file. */
    static <T> T read(String path, HandleFunction<T> read) throws IOException {
        if (!REFERENCES.containsKey(path)) {
            try (NetcdfFile once = NetcdfFiles.open(path)) {
                return read.apply(once);
            }
        }
        HandleKey key = new HandleKey(path, Thread.currentThread().getId());
        NetcdfFile handle = HANDLES.get(key);
        if (handle == null) {
            handle = NetcdfFiles.open(path);
            HANDLES.put(key, handle);
            if (!REFERENCES.containsKey(path)) {   // closed meanwhile: do not keep it
                HANDLES.remove(key);
                try (NetcdfFile once = handle) {
                    return read.apply(once);
                }
            }
        }
        return read.apply(handle);
    }

    @FunctionalInterface
    interface HandleFunction<T> {
        T apply(NetcdfFile file) throws IOException;
    }
}
