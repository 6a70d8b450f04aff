package org.lazuli.io.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * Reads hyperslabs of chunked NetCDF-4 (HDF5) variables chunk by chunk: jhdf finds each chunk's bytes
 * through the file's chunk index (thread-safe, so every worker thread reads at once), and the chunks
 * are decoded here, with libdeflate or the JDK's zlib ({@link Zlib}) and an unshuffle fused with the
 * byte-order conversion into the output array. A chunk lying wholly inside the request, and contiguous in it, is decoded
 * straight into the output; of others only the requested runs are decoded, each into its place in the
 * output. The stored and decoded bytes go through per-thread buffers. NetCDF-Java's own chunked
 * path unshuffles byte by byte through several copies and, for the same file, is several times slower
 * (README, "NetCDF-4 reads").
 *
 * <p>Serves what it can decode (filters deflate, shuffle and fletcher32 in any order, checksums verified;
 * fixed-point and IEEE types of 1-8 bytes; unit-stride reads) and returns null otherwise, so that the
 * caller reads through NetCDF-Java; an
 * unknown filter (szip, zstd, blosc ...) fails naming it and the variable, as NetCDF-Java cannot
 * decode those either. Files are opened on first read and closed with the last dataset of the file.
 */
final class Hdf5Chunks {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final int FLETCHER32 = 3;
    /** A read is shared with other threads from this many chunks and bytes inflated (below, handing over costs more). */
    private static final int PARALLEL_CHUNKS = 4;
    private static final long PARALLEL_BYTES = 4L << 20;

    private static final Map<String, OpenFile> FILES = new ConcurrentHashMap<>();
    /**
     * Each thread's buffers, grown to the largest chunk read: [0] a chunk's stored bytes, [1] and [2] the
     * bytes after each filter undone (two, so that one filter reads what the previous one wrote).
     */
    private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[3][]);

    /** Whether the reader is on ({@code -Dlazuli.netcdf4.chunks=false} reads through NetCDF-Java, for comparison). */
    private static final boolean ENABLED = !"false".equals(System.getProperty("lazuli.netcdf4.chunks"));

    /**
     * A file's HDF5 structure (jhdf, for the chunk indexes) and a channel of its own for the chunks' bytes:
     * positional reads into heap buffers, so that reading a file does not map it into the process's
     * resident memory.
     */
    private record OpenFile(HdfFile hdf, FileChannel channel, Map<String, Layout> layouts) {
    }

    /** A file jhdf could not open (held so that it is not tried again while the dataset is open). */
    private static final OpenFile UNREADABLE = new OpenFile(null, null, Map.of());

    /** Where one stored chunk is: its file address, stored size, and the filters skipped for it. */
    private record StoredChunk(long address, int size, BitSet skipped) {
    }

    /**
     * How one variable is stored; {@code decodable} false means: leave it to NetCDF-Java. {@code filters}
     * are the HDF5 filter ids in the order they were applied when writing; they are undone in reverse.
     */
    private record Layout(FileChannel channel, Map<Long, StoredChunk> stored, boolean decodable, int[] chunk,
                          long[] shape, int typeSize, ByteOrder order, boolean floating, int[] filters, Object fill) {
        static final Layout NONE = new Layout(null, null, false, null, null, 0, null, false, new int[0], null);

        /**
         * Whether the last filter undone is a shuffle of exactly the chunk's values: then it is undone
         * fused with the byte-order conversion, straight into the output.
         */
        boolean shuffleFused() {
            return filters.length > 0 && filters[0] == SHUFFLE && typeSize > 1;
        }

        /** The bytes a chunk holds once filters {@code filters[i ..]} are undone: its values plus the checksums before. */
        int bytesBefore(int i) {
            int bytes = chunkElements() * typeSize;
            for (int k = 0; k < i; k++) {
                bytes += filters[k] == FLETCHER32 ? 4 : 0;
            }
            return bytes;
        }

        /** The flat index of the chunk at element offset {@code offset}, row-major over the chunk grid. */
        long flat(long[] offset) {
            long index = 0;
            for (int k = 0; k < chunk.length; k++) {
                long grid = (shape[k] + chunk[k] - 1) / chunk[k];
                index = index * Math.max(grid, 1) + offset[k] / chunk[k];
            }
            return index;
        }

        int chunkElements() {
            int n = 1;
            for (int c : chunk) {
                n *= c;
            }
            return n;
        }
    }

    private Hdf5Chunks() {
    }

    /**
     * jhdf's chunk index of a dataset: every stored chunk's offset, address, size and filter mask. jhdf
     * keeps it behind a protected method (its public calls map chunks into memory), so it is reached by
     * reflection, once per variable.
     */
    private static final class ChunkIndex {
        private static final Method LOOKUP = lookup();

        private static Method lookup() {
            try {
                Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("This jhdf has no chunk index Lazuli can read: " + e, e);
            }
        }

        @SuppressWarnings("unchecked")
        static Map<?, Chunk> of(ChunkedDatasetBase dataset) {
            try {
                return (Map<?, Chunk>) LOOKUP.invoke(dataset);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether this reader decodes the variable's chunks itself (its filters, type and layout are ones it knows). */
    static boolean serves(String path, String variable, int ndim) {
        if (!ENABLED || !HandleCache.isOpen(path)) {
            return false;
        }
        try {
            Layout layout = layout(path, variable);
            return layout.decodable() && layout.chunk().length == ndim;
        } catch (IOException | RuntimeException e) {
            return false;   // NetCDF-Java reads what jhdf cannot make sense of
        }
    }

    /**
     * The values of {@code variable} (its full HDF5 path) in the unit-stride hyperslab, or null when this
     * reader does not serve it. {@code dtype} is the variable's type as Lazuli holds it (unsigned 16/32-bit
     * types widened).
     */
    static DenseArray read(String path, String variable, DType dtype, long[] start, long[] step, long[] count)
            throws IOException {
        if (!ENABLED || !HandleCache.isOpen(path)) {
            return null;
        }
        for (long s : step) {
            if (s != 1) {
                return null;
            }
        }
        Layout layout = layout(path, variable);
        if (!layout.decodable() || layout.chunk().length != count.length) {
            return null;
        }
        int n = Math.toIntExact(product(count));
        Object raw = allocate(layout, n);
        try {
            readChunks(layout, variable, path, start, count, raw);
        } catch (RuntimeException e) {
            throw new IOException("Cannot read '" + variable + "' from " + path + ": " + NetcdfFiles.describe(e)
                    + "; the file may be truncated or corrupt", e);
        }
        return DenseArray.adopt(dtype, widen(raw, dtype), count);
    }

    /**
     * The variable's storage as xarray's netCDF4 backend reports it in {@code encoding}: zlib, complevel,
     * shuffle, fletcher32, contiguous. Empty when the file or variable is not one jhdf reads.
     */
    static Map<String, Object> storageEncoding(String path, String variable) {
        OpenFile file = file(path);
        if (file == null) {
            return Map.of();
        }
        try {
            Dataset dataset = file.hdf().getDatasetByPath("/" + variable);
            Map<String, Object> encoding = new LinkedHashMap<>();
            boolean chunked = dataset instanceof ChunkedDatasetBase;
            int level = 0;
            boolean shuffle = false;
            boolean fletcher = false;
            if (chunked) {
                for (PipelineFilterWithData filter : dataset.getFilters()) {
                    if (filter.getId() == DEFLATE) {
                        int[] data = filter.getFilterData();
                        level = data != null && data.length > 0 ? data[0] : 6;
                    }
                    shuffle |= filter.getId() == SHUFFLE;
                    fletcher |= filter.getId() == FLETCHER32;
                }
            }
            encoding.put("zlib", level > 0);
            encoding.put("complevel", level);
            encoding.put("shuffle", shuffle);
            encoding.put("fletcher32", fletcher);
            encoding.put("contiguous", !chunked);
            return encoding;
        } catch (RuntimeException e) {
            return Map.of();   // jhdf cannot make sense of it; NetCDF-Java's metadata stands alone
        }
    }

    /** The last dataset of the file closed: close its HDF5 file. */
    static void release(String path) {
        OpenFile file = FILES.remove(path);   // its layouts go with it: none outlives the channel it reads
        if (file != null && file != UNREADABLE) {
            closeQuietly(file.channel());   // jhdf reads through it and holds nothing else open (its close() refuses a channel)
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to flush
            }
        }
    }

    static int openFiles() {
        return (int) FILES.values().stream().filter(f -> f != UNREADABLE).count();
    }

    private static Layout layout(String path, String variable) throws IOException {
        OpenFile file = file(path);
        if (file == null) {
            return Layout.NONE;
        }
        Layout known = file.layouts().get(variable);
        if (known != null) {
            return known;
        }
        Layout layout;
        try {
            layout = describe(file, file.hdf().getDatasetByPath("/" + variable), variable, path);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            layout = Layout.NONE;   // jhdf cannot make sense of it: NetCDF-Java reads it, or says what is wrong
        }
        file.layouts().put(variable, layout);
        return layout;
    }

    private static OpenFile file(String path) {
        OpenFile file = FILES.computeIfAbsent(path, p -> {
            FileChannel channel = null;
            try {
                // jhdf is given the channel, so that one it cannot parse is closed here (it would leak its own)
                channel = FileChannel.open(Path.of(p), StandardOpenOption.READ);
                return new OpenFile(new HdfFile(channel), channel, new ConcurrentHashMap<>());
            } catch (RuntimeException | IOException e) {
                closeQuietly(channel);
                return UNREADABLE;   // remembered: NetCDF-Java reads this file, or says what is wrong with it
            }
        });
        if (!HandleCache.isOpen(path)) {   // closed meanwhile: do not keep it
            release(path);
            return null;
        }
        return file == UNREADABLE ? null : file;
    }

    private static Layout describe(OpenFile file, Dataset dataset, String variable, String path) throws IOException {
        if (!(dataset instanceof ChunkedDatasetBase chunked)) {
            return Layout.NONE;
        }
        DataType type = dataset.getDataType();
        ByteOrder order;
        boolean floating;
        if (type instanceof FloatingPoint f && (type.getSize() == 4 || type.getSize() == 8)) {
            order = f.getByteOrder();
            floating = true;
        } else if (type instanceof FixedPoint f && f.getBitOffset() == 0 && f.getBitPrecision() == 8 * type.getSize()) {
            order = f.getByteOrder();
            floating = false;
        } else {
            return Layout.NONE;
        }
        List<PipelineFilterWithData> pipeline = dataset.getFilters();
        int[] filters = new int[pipeline.size()];
        for (int i = 0; i < filters.length; i++) {
            PipelineFilterWithData filter = pipeline.get(i);
            int id = filter.getId();
            if (id != DEFLATE && id != SHUFFLE && id != FLETCHER32) {
                throw new IOException("Variable '" + variable + "' in " + path + " is compressed with the "
                        + filter.getName() + " filter (HDF5 filter " + id + "), which neither Lazuli nor NetCDF-Java"
                        + " decodes; only deflate, shuffle and fletcher32 are supported");
            }
            int[] data = filter.getFilterData();
            if (id == SHUFFLE && data != null && data.length > 0 && data[0] != type.getSize()) {
                return Layout.NONE;   // shuffled by another element size than the type's: NetCDF-Java's general path
            }
            filters[i] = id;
        }
        int[] chunk = chunked.getChunkDimensions();
        long[] shape = dataset.getDimensionsAsLong();
        if (chunk.length != shape.length) {
            return Layout.NONE;
        }
        Layout partial = new Layout(null, null, true, chunk, shape, type.getSize(), order, floating, filters, null);
        Map<Long, StoredChunk> stored = new HashMap<>();
        for (Chunk c : ChunkIndex.of(chunked).values()) {
            stored.put(partial.flat(c.getChunkOffset()), new StoredChunk(c.getAddress(), c.getSize(), c.getFilterMask()));
        }
        return new Layout(file.channel(), Map.copyOf(stored), true, chunk, shape, type.getSize(), order, floating,
                filters, dataset.getFillValue());
    }

    /**
     * Decodes every chunk the hyperslab touches into {@code out} (row-major over {@code count}). A read of
     * many chunks is shared with idle helper threads ({@link SharedWork}), so that one task reading a year
     * of daily chunks inflates on every free core (chunks are disjoint parts of the output).
     */
    private static void readChunks(Layout layout, String variable, String path, long[] start, long[] count, Object out)
            throws IOException {
        int nd = count.length;
        int[] chunk = layout.chunk();
        long[] first = new long[nd];
        long[] last = new long[nd];
        for (int k = 0; k < nd; k++) {
            first[k] = start[k] / chunk[k];
            last[k] = (start[k] + count[k] - 1) / chunk[k];
        }
        List<int[]> offsets = new ArrayList<>();
        long[] index = first.clone();
        while (true) {
            int[] offset = new int[nd];
            for (int k = 0; k < nd; k++) {
                offset[k] = Math.toIntExact(index[k] * chunk[k]);
            }
            offsets.add(offset);
            int k = nd - 1;
            while (k >= 0 && ++index[k] > last[k]) {
                index[k] = first[k];
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        if (offsets.size() < PARALLEL_CHUNKS || (long) offsets.size() * layout.chunkElements() * layout.typeSize() < PARALLEL_BYTES) {
            for (int[] offset : offsets) {
                decodeChunk(layout, variable, path, offset, start, count, out);
            }
            return;
        }
        SharedWork.run(offsets.size(), i -> decodeChunk(layout, variable, path, offsets.get(i), start, count, out));
    }

    private static void decodeChunk(Layout layout, String variable, String path, int[] chunkOffset, long[] start,
                                    long[] count, Object out) throws IOException {
        int nd = count.length;
        int[] chunk = layout.chunk();
        int elements = layout.chunkElements();
        int bytes = elements * layout.typeSize();
        byte[] data = decode(layout, variable, path, chunkOffset, bytes);
        if (data == null) {
            fillIntersection(layout, chunkOffset, out, start, count);
            return;
        }
        // wholly inside the request, and contiguous in it: decode straight into the output
        boolean inside = true;
        for (int k = 0; k < nd && inside; k++) {
            inside = chunkOffset[k] >= start[k] && chunkOffset[k] + chunk[k] <= start[k] + count[k]
                    && (k == 0 || (chunk[k] == count[k] && chunkOffset[k] == start[k]));
        }
        if (inside) {
            long at = (chunkOffset[0] - start[0]) * (elements / chunk[0]);
            convert(layout, data, elements, 0, elements, out, Math.toIntExact(at));
            return;
        }
        // a chunk only partly requested: only its requested runs are decoded, each straight into the output
        forEachRun(chunk, chunkOffset, start, count, (from, to, run) -> convert(layout, data, elements, from, run, out, to));
    }

    /**
     * The chunk's bytes with its filters undone, in one of this thread's buffers, or null for a chunk never
     * written. A shuffle undone last is left for the conversion into the output ({@link Layout#shuffleFused}).
     */
    private static byte[] decode(Layout layout, String variable, String path, int[] chunkOffset, int bytes)
            throws IOException {
        long[] at = new long[chunkOffset.length];
        for (int k = 0; k < at.length; k++) {
            at[k] = chunkOffset[k];
        }
        StoredChunk stored = layout.stored().get(layout.flat(at));
        if (stored == null) {
            return null;   // never written: the fill value
        }
        if (!stored.skipped().isEmpty()) {
            throw new IOException("Variable '" + variable + "' in " + path + ": the chunk at "
                    + Arrays.toString(chunkOffset) + " skips some of its filters, which is not supported");
        }
        byte[][] buffers = BUFFERS.get();
        byte[] current = readStored(layout.channel(), stored, buffers, variable, path, chunkOffset);
        int length = stored.size();
        int[] filters = layout.filters();
        for (int i = filters.length - 1; i >= 0; i--) {
            int expected = layout.bytesBefore(i);
            if (filters[i] == FLETCHER32) {
                if (!Fletcher32.matches(current, length)) {
                    throw new IOException("Variable '" + variable + "' in " + path + ": the chunk at "
                            + Arrays.toString(chunkOffset) + " fails its fletcher32 checksum; the file is corrupt");
                }
                length -= 4;
            } else if (filters[i] == DEFLATE) {
                byte[] target = spare(buffers, current, expected);
                inflate(current, length, target, expected, variable, path, chunkOffset);
                current = target;
                length = expected;
            } else if (i > 0 || !layout.shuffleFused() || length != bytes) {
                byte[] target = spare(buffers, current, length);
                Shuffle.unshuffleBytes(current, length, layout.typeSize(), target);
                current = target;
            }
        }
        if (length < bytes) {
            throw truncated(variable, path, chunkOffset, length, bytes);
        }
        return current;
    }

    /** A buffer of this thread other than {@code busy}, of at least {@code size} bytes. */
    private static byte[] spare(byte[][] buffers, byte[] busy, int size) {
        int k = buffers[1] == busy ? 2 : 1;
        if (buffers[k] == null || buffers[k].length < size) {
            buffers[k] = new byte[size];
        }
        return buffers[k];
    }

    private static void inflate(byte[] input, int length, byte[] target, int bytes, String variable, String path,
                                int[] chunkOffset) throws IOException {
        try {
            Zlib.inflate(input, length, target, bytes);
        } catch (DataFormatException e) {
            throw new IOException("Variable '" + variable + "' in " + path + ": the chunk at " + Arrays.toString(
                    chunkOffset) + " is not valid deflate data (" + e.getMessage() + "); the file is truncated or corrupt", e);
        }
    }

    /** The stored bytes of a chunk, read at its address into this thread's buffer. */
    private static byte[] readStored(FileChannel channel, StoredChunk stored, byte[][] buffers, String variable,
                                     String path, int[] chunkOffset) throws IOException {
        if (buffers[0] == null || buffers[0].length < stored.size()) {
            buffers[0] = new byte[stored.size()];
        }
        ByteBuffer raw = ByteBuffer.wrap(buffers[0], 0, stored.size());
        while (raw.hasRemaining()) {
            if (channel.read(raw, stored.address() + raw.position()) < 0) {
                throw truncated(variable, path, chunkOffset, raw.position(), stored.size());
            }
        }
        return buffers[0];
    }

    private static IOException truncated(String variable, String path, int[] chunkOffset, int got, int bytes) {
        return new IOException("Variable '" + variable + "' in " + path + ": the chunk at "
                + Arrays.toString(chunkOffset) + " holds " + got + " bytes of the " + bytes
                + " it should; the file is truncated or corrupt");
    }

    private static Object allocate(Layout layout, int n) {
        if (layout.floating()) {
            return layout.typeSize() == 4 ? new float[n] : new double[n];
        }
        return switch (layout.typeSize()) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> new int[n];
            default -> new long[n];
        };
    }

    /** Unshuffles (if shuffled) and converts {@code n} values from {@code data} into {@code out[at..]}. */
    private static void convert(Layout layout, byte[] data, int n, int from, int count, Object out, int at) {
        boolean little = layout.order() == ByteOrder.LITTLE_ENDIAN;
        if (!layout.shuffleFused()) {
            int size = layout.typeSize();
            ByteBuffer bytes = ByteBuffer.wrap(data, from * size, count * size).slice().order(layout.order());
            n = count;
            if (out instanceof float[] f) {
                bytes.asFloatBuffer().get(f, at, n);
            } else if (out instanceof double[] d) {
                bytes.asDoubleBuffer().get(d, at, n);
            } else if (out instanceof byte[] b) {
                bytes.get(b, at, n);
            } else if (out instanceof short[] s) {
                bytes.asShortBuffer().get(s, at, n);
            } else if (out instanceof int[] i) {
                bytes.asIntBuffer().get(i, at, n);
            } else {
                bytes.asLongBuffer().get((long[]) out, at, n);
            }
            return;
        }
        switch (layout.typeSize()) {
            case 2 -> Shuffle.unshuffle2(data, n, from, count, (short[]) out, at, little);
            case 4 -> {
                if (out instanceof float[] f) {
                    Shuffle.unshuffleFloats(data, n, from, count, f, at, little);
                } else {
                    Shuffle.unshuffle4(data, n, from, count, (int[]) out, at, little);
                }
            }
            default -> {
                if (out instanceof double[] d) {
                    Shuffle.unshuffleDoubles(data, n, from, count, d, at, little);
                } else {
                    Shuffle.unshuffle8(data, n, from, count, (long[]) out, at, little);
                }
            }
        }
    }

    /** A chunk never written holds the fill value: sets the part of it in the request. */
    private static void fillIntersection(Layout layout, int[] chunkOffset, Object out, long[] start, long[] count) {
        Object fill = layout.fill();
        if (fill != null && fill.getClass().isArray() && Array.getLength(fill) == 1) {
            fill = Array.get(fill, 0);
        }
        Number value = fill instanceof Number n ? n : 0;
        forEachRun(layout.chunk(), chunkOffset, start, count, (from, to, run) -> {
            if (out instanceof float[] f) {
                Arrays.fill(f, to, to + run, value.floatValue());
            } else if (out instanceof double[] d) {
                Arrays.fill(d, to, to + run, value.doubleValue());
            } else if (out instanceof byte[] b) {
                Arrays.fill(b, to, to + run, value.byteValue());
            } else if (out instanceof short[] s) {
                Arrays.fill(s, to, to + run, value.shortValue());
            } else if (out instanceof int[] i) {
                Arrays.fill(i, to, to + run, value.intValue());
            } else {
                Arrays.fill((long[]) out, to, to + run, value.longValue());
            }
        });
    }

    /** A run of values along the last axis: chunk elements {@code from ..} go to output elements {@code to ..}. */
    @FunctionalInterface
    private interface Run {
        void copy(int from, int to, int run);
    }

    /** The part of a chunk that lies in the request, as runs along the last axis. */
    private static void forEachRun(int[] chunk, int[] chunkOffset, long[] start, long[] count, Run action) {
        int nd = count.length;
        long[] lo = new long[nd];
        long[] hi = new long[nd];
        for (int k = 0; k < nd; k++) {
            lo[k] = Math.max(start[k], chunkOffset[k]);
            hi[k] = Math.min(start[k] + count[k], chunkOffset[k] + (long) chunk[k]);
            if (lo[k] >= hi[k]) {
                return;
            }
        }
        int run = (int) (hi[nd - 1] - lo[nd - 1]);
        long[] position = lo.clone();
        while (true) {
            long from = 0;
            long to = 0;
            for (int k = 0; k < nd; k++) {
                from = from * chunk[k] + (position[k] - chunkOffset[k]);
                to = to * count[k] + (position[k] - start[k]);
            }
            action.copy((int) from, (int) to, run);
            int k = nd - 2;
            while (k >= 0 && ++position[k] == hi[k]) {
                position[k] = lo[k];
                k--;
            }
            if (k < 0) {
                return;
            }
        }
    }

    /** Lazuli's dtype for the file's values: unsigned 16- and 32-bit types are widened as NetcdfSource does. */
    private static Object widen(Object raw, DType dtype) {
        if (raw instanceof short[] shorts && dtype == DType.INT32) {
            return Conversions.unsignedShorts(shorts);
        }
        if (raw instanceof int[] ints && dtype == DType.INT64) {
            return Conversions.unsignedInts(ints);
        }
        return raw;
    }

    private static long product(long[] values) {
        long n = 1;
        for (long v : values) {
            n *= v;
        }
        return n;
    }
}
