package org.lazuli.io.netcdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ucar.nc2.NetcdfFile;

/**
 * Open NetCDF-Java handles, as xarray's {@code CachingFileManager} keeps them: a NetcdfFile must not be
 * read from two threads at once, so a read borrows an idle handle of its file (or opens one) and gives
 * it back after. At most {@link #maxIdle} idle handles stay open across all files, the least recently
 * used file's closed first. Datasets reference-count their file; when the last one closes, every idle
 * handle of it is closed, and one still borrowed closes as it comes back. A read of a file with no
 * open dataset (a task computed after {@code close()}) opens a handle for that read only, so nothing leaks.
 *
 * <p>Thread-safe. One cache per JVM: tasks find it without capturing it, so they stay serializable.
 */
final class HandleCache {
    /** xarray's default {@code file_cache_maxsize}; tests lower it. */
    static volatile int maxIdle = 128;

    private static final Map<String, Integer> REFERENCES = new ConcurrentHashMap<>();
    /** Idle handles by file, the least recently used file first; guarded by itself. */
    private static final LinkedHashMap<String, Deque<NetcdfFile>> IDLE = new LinkedHashMap<>(16, 0.75f, true);
    private static int idle;
    private static int borrowed;

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
        Deque<NetcdfFile> handles;
        synchronized (IDLE) {
            handles = IDLE.remove(path);
            idle -= handles == null ? 0 : handles.size();
        }
        IOException failure = closeQuietly(handles == null ? List.of() : handles);
        if (failure != null) {
            throw new UncheckedIOException("Closing " + path + " failed", failure);
        }
    }

    private static IOException closeQuietly(Iterable<NetcdfFile> handles) {
        IOException failure = null;
        for (NetcdfFile handle : handles) {
            try {
                handle.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        return failure;
    }

    /** Number of handles open now (all files, idle and borrowed); for leak checks. */
    static int openHandles() {
        synchronized (IDLE) {
            return idle + borrowed + Netcdf3Reader.openChannels() + Hdf5Chunks.openFiles();
        }
    }

    /** Whether a dataset of the file is open (readers may keep handles of it). */
    static boolean isOpen(String path) {
        return REFERENCES.containsKey(path);
    }

    /** Runs a read with a handle of the file no other thread is using. */
    static <T> T read(String path, HandleFunction<T> read) throws IOException {
        if (!REFERENCES.containsKey(path)) {
            try (NetcdfFile once = NetcdfFiles.open(path)) {
                return read.apply(once);
            }
        }
        NetcdfFile handle = borrow(path);
        try {
            return read.apply(handle);
        } finally {
            giveBack(path, handle);
        }
    }

    private static NetcdfFile borrow(String path) throws IOException {
        synchronized (IDLE) {
            Deque<NetcdfFile> handles = IDLE.get(path);
            if (handles != null && !handles.isEmpty()) {
                idle--;
                borrowed++;
                return handles.pop();
            }
            borrowed++;
        }
        try {
            return NetcdfFiles.open(path);
        } catch (IOException | RuntimeException | Error e) {
            synchronized (IDLE) {
                borrowed--;
            }
            throw e;
        }
    }

    /** Keeps the handle for the next read, unless its file was closed meanwhile; evicts past {@link #maxIdle}. */
    private static void giveBack(String path, NetcdfFile handle) throws IOException {
        List<NetcdfFile> toClose = new ArrayList<>();
        synchronized (IDLE) {
            borrowed--;
            if (REFERENCES.containsKey(path)) {
                IDLE.computeIfAbsent(path, p -> new ArrayDeque<>()).push(handle);
                idle++;
            } else {
                toClose.add(handle);
            }
            for (Iterator<Deque<NetcdfFile>> files = IDLE.values().iterator(); idle > maxIdle && files.hasNext(); ) {
                Deque<NetcdfFile> handles = files.next();
                while (idle > maxIdle && !handles.isEmpty()) {
                    toClose.add(handles.removeLast());
                    idle--;
                }
                if (handles.isEmpty()) {
                    files.remove();
                }
            }
        }
        IOException failure = closeQuietly(toClose);
        if (failure != null) {
            throw failure;
        }
    }

    @FunctionalInterface
    interface HandleFunction<T> {
        T apply(NetcdfFile file) throws IOException;
    }
}
