package org.lazuli.io.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * Reads unit-stride hyperslabs of NetCDF-3 variables with positional channel reads and bulk
 * big-endian conversions. A {@link FileChannel} is safe for concurrent positional reads, so one per
 * file serves every thread. Channels follow the same reference counts as NetCDF-Java handles.
 */
final class Netcdf3Reader {
    private static final Map<String, Open> OPEN = new ConcurrentHashMap<>();
    private static final int BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER).order(ByteOrder.BIG_ENDIAN));

    private record Open(FileChannel channel, Netcdf3Layout layout) {
    }

    private Netcdf3Reader() {
    }

    /** Whether this reader serves the variable: the file is open as NetCDF-3 and the variable's storage is {@code dtype}'s. */
    static boolean serves(String path, String variable, DType dtype) {
        Open open = OPEN.get(path);
        Netcdf3Layout.Storage storage = open == null ? null : open.layout().storage(variable);
        return storage != null && storage.typeSize() == itemSize(storage.type()) && matches(storage.type(), dtype);
    }

    /**
     * The values, or null when this reader cannot serve the request: a strided one, or the file not open
     * in this JVM (a task on another machine reads through NetCDF-Java). Given {@code into} (else null),
     * they go into {@code into.get()} where the file's values are already of the dtype's storage type
     * (every type but unsigned 16-bit, which is widened): the caller's reusable array of exactly the
     * read's element count, every element of which is written.
     */
    static DenseArray read(String path, String variable, DType dtype, long[] start, long[] step, long[] count,
                           Supplier<Object> into) throws IOException {
        for (long s : step) {
            if (s != 1) {
                return null;
            }
        }
        Open open = OPEN.get(path);
        if (open == null) {
            return null;
        }
        Netcdf3Layout.Storage storage = open.layout().storage(variable);
        if (storage == null || storage.typeSize() != itemSize(storage.type()) || !matches(storage.type(), dtype)) {
            return null;
        }
        int n = (int) Arrays.stream(count).reduce(1, (a, b) -> a * b);
        Object out = into == null || (storage.type() == 3 && dtype == DType.INT32) ? allocate(storage.type(), n)
                : into.get();
        long[] shape = storage.shape();
        int nd = shape.length;
        if (nd == 0) {
            readRun(open.channel(), storage.begin(), storage.type(), out, 0, 1);
            return finish(out, dtype, count);
        }
        // the longest contiguous run: trailing axes read whole, then one partial axis
        int runAxis = nd - 1;
        long run = count[nd - 1];
        while (runAxis > 0 && count[runAxis] == shape[runAxis] && start[runAxis] == 0) {
            runAxis--;
            run *= count[runAxis];
        }
        if (runAxis == 0 && storage.record() && nd > 0) {
            run /= count[0];   // records are not contiguous: one record at a time
            runAxis = 1;
        }
        long[] strides = new long[nd];
        long stride = 1;
        for (int k = nd - 1; k >= 0; k--) {
            strides[k] = stride;
            stride *= (k == 0 && storage.record()) ? 1 : shape[k];
        }
        long[] idx = new long[Math.max(runAxis, 0)];
        int written = 0;
        while (written < n) {
            long elementOffset = 0;
            long recordOffset = 0;
            for (int k = 0; k < nd; k++) {
                long position = start[k] + (k < runAxis ? idx[k] : 0);
                if (k == 0 && storage.record()) {
                    recordOffset = position * open.layout().recordSize();
                } else {
                    elementOffset += position * strides[k];
                }
            }
            long byteOffset = storage.begin() + recordOffset + elementOffset * storage.typeSize();
            readRun(open.channel(), byteOffset, storage.type(), out, written, (int) run);
            written += (int) run;
            for (int k = runAxis - 1; k >= 0; k--) {
                if (++idx[k] < count[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return finish(out, dtype, count);
    }

    private static DenseArray finish(Object out, DType dtype, long[] count) {
        if (dtype == DType.INT32 && out instanceof short[] shorts) {
            return DenseArray.adopt(dtype, Conversions.unsignedShorts(shorts), count);
        }
        return DenseArray.adopt(dtype, out, count);
    }

    private static boolean matches(int type, DType dtype) {
        return switch (type) {
            case 1 -> dtype == DType.INT8 || dtype == DType.UINT8;
            case 3 -> dtype == DType.INT16 || dtype == DType.INT32;
            case 4 -> dtype == DType.INT32;
            case 5 -> dtype == DType.FLOAT32;
            case 6 -> dtype == DType.FLOAT64;
            default -> false;
        };
    }

    private static int itemSize(int type) {
        return switch (type) {
            case 1, 2 -> 1;
            case 3 -> 2;
            case 4, 5 -> 4;
            default -> 8;
        };
    }

    private static Object allocate(int type, int n) {
        return switch (type) {
            case 1 -> new byte[n];
            case 3 -> new short[n];
            case 4 -> new int[n];
            case 5 -> new float[n];
            default -> new double[n];
        };
    }

    /** Runs of at least this many bytes are memory-mapped (one copy) instead of read through a buffer (two). */
    private static final long MAP_THRESHOLD = 4L << 20;

    /** Reads {@code n} elements at a byte offset into {@code out[at..]}. */
    private static void readRun(FileChannel channel, long offset, int type, Object out, int at, int n) throws IOException {
        int size = itemSize(type);
        long bytes = (long) n * size;
        if (bytes >= MAP_THRESHOLD && bytes < Integer.MAX_VALUE) {
            if (offset + bytes > channel.size()) {
                throw new IOException("The data ends at byte " + (offset + bytes) + " but the file has " + channel.size()
                        + " bytes; the file is truncated");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, offset, bytes);
            try {
                convert(mapped.order(ByteOrder.BIG_ENDIAN), type, out, at, n);
            } finally {
                Unmapping.unmap(mapped);
            }
            return;
        }
        ByteBuffer buffer = BUFFERS.get();
        int done = 0;
        while (done < n) {
            int elements = Math.min(n - done, BUFFER / size);
            buffer.clear().limit(elements * size);
            long position = offset + (long) done * size;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("Unexpected end of file at byte " + (position + buffer.position())
                            + "; the file is truncated");
                }
            }
            buffer.flip();
            convert(buffer, type, out, at + done, elements);
            done += elements;
        }
    }

    /** Big-endian bytes to Java values, in bulk. */
    private static void convert(ByteBuffer bytes, int type, Object out, int at, int n) {
        switch (type) {
            case 1 -> bytes.get((byte[]) out, at, n);
            case 3 -> bytes.asShortBuffer().get((short[]) out, at, n);
            case 4 -> bytes.asIntBuffer().get((int[]) out, at, n);
            case 5 -> bytes.asFloatBuffer().get((float[]) out, at, n);
            default -> bytes.asDoubleBuffer().get((double[]) out, at, n);
        }
    }

    /**
     * A dataset of this file opened: if it is NetCDF-3, check its header against the file (a corrupt or
     * truncated one fails here, naming what is wrong) and open its channel.
     */
    static void retain(String path) throws IOException {
        if (OPEN.containsKey(path)) {
            return;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(Path.of(path), StandardOpenOption.READ);
        } catch (IOException e) {
            return;   // missing or unreadable: NetCDF-Java's open reports it, with the reason
        }
        Netcdf3Layout layout;
        try {
            layout = Netcdf3Layout.parse(channel, path);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
        if (layout == null || OPEN.putIfAbsent(path, new Open(channel, layout)) != null) {
            channel.close();
        }
    }

    /** The last dataset of this file closed. */
    static void release(String path) {
        Open open = OPEN.remove(path);
        if (open != null) {
            try {
                open.channel().close();
            } catch (IOException ignored) {
                // closing a read-only channel has nothing to flush
            }
        }
    }

    static int openChannels() {
        return OPEN.size();
    }
}
