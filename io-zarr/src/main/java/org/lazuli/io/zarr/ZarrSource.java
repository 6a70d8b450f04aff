package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lazuli.array.ArraySource;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * A numeric Zarr array as the source of a chunked array: a read fetches and decodes each stored chunk
 * it touches, once, and copies the part it needs straight into the result. A chunk never written reads
 * as the fill value. Holds the store's location and the array's metadata, never a handle.
 */
final class ZarrSource implements ArraySource {
    private static final long serialVersionUID = 1L;

    /** Shard indexes kept per opened array, so the tasks reading one shard read its index once between them. */
    private static final int SHARD_INDEXES_KEPT = 256;

    private final Store store;
    private final ArrayMetadata array;
    private final String token;
    /** Made on first use where the source runs (it is not sent with tasks); least recently used go first. */
    private transient volatile Map<String, long[]> shardIndexes;

    ZarrSource(Store store, ArrayMetadata array, String token) {
        this.store = store;
        this.array = array;
        this.token = token;
    }

    private Map<String, long[]> shardIndexes() {
        Map<String, long[]> kept = shardIndexes;
        if (kept == null) {
            synchronized (this) {
                kept = shardIndexes;
                if (kept == null) {
                    kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                            return size() > SHARD_INDEXES_KEPT;
                        }
                    });
                    shardIndexes = kept;
                }
            }
        }
        return kept;
    }

    @Override
    public long[] shape() {
        return array.shape().clone();
    }

    @Override
    public DType dtype() {
        return array.dtype().dtype();
    }

    @Override
    public String token() {
        return token;
    }

    @Override
    public long[] storageChunks() {
        return Arrays.stream(array.chunks()).asLongStream().toArray();
    }

    @Override
    public String label() {
        return "open-zarr";
    }

    /** A run of outputs along one axis that fall in one chunk. */
    private record Run(long chunk, int outStart, int length, long inStart, long step) {
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        return readInto(start, step, count, null);
    }

    /** Decodes into the caller's storage when given: every element is written, from a chunk or the fill value. */
    @Override
    public DenseArray readInto(long[] start, long[] step, long[] count, Supplier<Object> storage) {
        int nd = array.ndim();
        long total = 1;
        for (long c : count) {
            total *= c;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A read of " + total + " elements from Zarr array " + array.path()
                    + " is larger than one block can hold; chunk the dataset smaller");
        }
        DType dtype = dtype();
        Object out = storage == null || total == 0 ? DenseArray.allocate(dtype, (int) total) : storage.get();
        if (total == 0) {
            return DenseArray.adopt(dtype, out, count);
        }
        List<List<Run>> runs = new ArrayList<>();
        for (int k = 0; k < nd; k++) {
            runs.add(runs(start[k], step[k], count[k], array.chunks()[k]));
        }
        long[] outStrides = new long[nd];
        long[] inStrides = new long[nd];
        long stride = 1;
        for (int k = nd - 1; k >= 0; k--) {
            outStrides[k] = stride;
            stride *= count[k];
        }
        stride = 1;
        for (int k = 0; k < nd; k++) {
            int axis = array.order() == 'F' ? k : nd - 1 - k;
            inStrides[axis] = stride;
            stride *= array.chunks()[axis];
        }
        boolean ascending = Arrays.stream(step).allMatch(s -> s > 0);   // then each chunk is read in its own order
        int[] which = new int[nd];
        long[] chunkIndex = new long[nd];
        Map<String, long[]> shardIndexes = shardIndexes();
        Run[] chosen = new Run[nd];
        while (true) {
            for (int k = 0; k < nd; k++) {
                chosen[k] = runs.get(k).get(which[k]);
                chunkIndex[k] = chosen[k].chunk();
            }
            try (ChunkBytes chunk = fetch(chunkIndex, shardIndexes, ascending)) {
                copyRegion(chunk, chosen, outStrides, inStrides, out, chunkIndex);
            }
            int k = nd - 1;
            while (k >= 0 && ++which[k] == runs.get(k).size()) {
                which[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return DenseArray.adopt(dtype, out, count);
    }

    /** The runs of {@code start + i * step} (i < count) falling in one chunk each. */
    private static List<Run> runs(long start, long step, long count, int chunkSize) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < count) {
            long position = start + i * step;
            long chunk = position / chunkSize;
            long first = chunk * chunkSize;
            int length = 1;
            while (i + length < count && (start + (i + length) * step) / chunkSize == chunk) {
                length++;
            }
            runs.add(new Run(chunk, i, length, position - first, step));
            i += length;
        }
        return runs;
    }

    /**
     * The decoded chunk, or null where it was never written. A blosc chunk of a C-order array read with
     * ascending steps is decoded block by block as {@link #copyRegion} asks for its rows, so only the blocks
     * the read touches are decoded.
     */
    private ChunkBytes fetch(long[] index, Map<String, long[]> shardIndexes, boolean ascending) {
        String key = array.chunkKey(index);
        Blosc blosc = array.nativeBlosc();
        ByteBuffer frame = null;
        byte[] stored = null;
        try {
            if (blosc != null) {
                FileChannel file = array.blockwise(ascending) ? store.openLocal(key) : null;
                if (file != null) {
                    return fromFile(key, blosc, file);
                }
                frame = store.getInto(key, Blosc::nativeFrame);
            } else {
                stored = array.storedChunk(store, index, shardIndexes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read chunk " + key + " of Zarr store " + store.describe("") + ": "
                    + e.getMessage() + "; check that the store is reachable", e);
        }
        if (frame == null && stored == null) {
            return null;
        }
        int size = frame != null ? frame.limit() : stored.length;
        try {
            return frame != null ? array.decodeNativeFrame(blosc, frame, ascending)
                    : ChunkBytes.whole(array.decodeToBuffer(stored));
        } catch (IOException | RuntimeException e) {
            throw damaged(key, size, e);
        }
    }

    /** The chunk decoded from its local file block by block, reading each block as it is decoded. */
    private ChunkBytes fromFile(String key, Blosc blosc, FileChannel file) throws IOException {
        long size = -1;
        try {
            size = file.size();
            return array.decodeLocalFrame(blosc, file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw damaged(key, size, e);
        }
    }

    private UncheckedIOException damaged(String key, long size, Exception e) {
        return new UncheckedIOException("Cannot decode chunk " + store.describe(key) + " (" + size + " bytes): "
                + e.getMessage() + "; the chunk is damaged: write it again, or delete it to read the fill value",
                e instanceof IOException io ? io : new IOException(e));
    }

    private void copyRegion(ChunkBytes chunk, Run[] runs, long[] outStrides, long[] inStrides, Object out,
                            long[] chunkIndex) {
        try {
            copyRuns(chunk, runs, outStrides, inStrides, out);
        } catch (IOException e) {
            throw damaged(array.chunkKey(chunkIndex), chunk.size(), e);
        }
    }

    /** Copies the runs' elements, row by row in the chunk's order (so a chunk's bytes are asked for in order). */
    private void copyRuns(ChunkBytes chunk, Run[] runs, long[] outStrides, long[] inStrides, Object out)
            throws IOException {
        int nd = runs.length;
        if (nd == 0) {
            copy(bytes(chunk, 0, 1, 1), 0, 1, out, 0, 1);
            return;
        }
        int[] j = new int[nd];
        Run inner = runs[nd - 1];
        boolean contiguous = inner.step() == 1 && inStrides[nd - 1] == 1;
        long inStep = contiguous ? 1 : inner.step() * inStrides[nd - 1];
        while (true) {
            long outOffset = 0;
            long inOffset = 0;
            for (int k = 0; k < nd - 1; k++) {
                outOffset += (runs[k].outStart() + j[k]) * outStrides[k];
                inOffset += (runs[k].inStart() + j[k] * runs[k].step()) * inStrides[k];
            }
            outOffset += inner.outStart();
            inOffset += inner.inStart() * inStrides[nd - 1];
            ByteBuffer bytes = bytes(chunk, inOffset, inStep, inner.length());
            long base = chunk == null ? 0 : chunk.base() / array.dtype().itemSize();
            copy(bytes, inOffset - base, inStep, out, (int) outOffset, inner.length());
            int k = nd - 2;
            while (k >= 0 && ++j[k] == runs[k].length()) {
                j[k] = 0;
                k--;
            }
            if (k < 0) {
                return;
            }
        }
    }

    /** The buffer holding {@code n} elements from chunk element {@code in}, every {@code step}-th; null for none. */
    private ByteBuffer bytes(ChunkBytes chunk, long in, long step, int n) throws IOException {
        if (chunk == null) {
            return null;
        }
        int size = array.dtype().itemSize();
        return chunk.cover(in * size, (in + (n - 1) * step + 1) * size);
    }

    /** Copies {@code n} elements from chunk element {@code in} (every {@code inStep}-th) to {@code out[at..]}. */
    private void copy(ByteBuffer chunk, long in, long inStep, Object out, int at, int n) {
        ZarrDType type = array.dtype();
        if (chunk == null) {
            fill(out, at, n);
            return;
        }
        int size = type.itemSize();
        int base = (int) (in * size);
        int stepBytes = (int) (inStep * size);
        if (out instanceof double[] d) {
            if (inStep == 1) {
                chunk.asDoubleBuffer().get((int) in, d, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    d[at + i] = chunk.getDouble(base + i * stepBytes);
                }
            }
        } else if (out instanceof float[] f) {
            if (inStep == 1) {
                chunk.asFloatBuffer().get((int) in, f, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    f[at + i] = chunk.getFloat(base + i * stepBytes);
                }
            }
        } else if (out instanceof long[] l) {
            if (type.kind() == 'u' && size == 4) {
                for (int i = 0; i < n; i++) {
                    l[at + i] = chunk.getInt(base + i * stepBytes) & 0xFFFFFFFFL;
                }
            } else if (inStep == 1) {
                chunk.asLongBuffer().get((int) in, l, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    l[at + i] = chunk.getLong(base + i * stepBytes);
                }
            }
        } else if (out instanceof int[] v) {
            if (type.kind() == 'u') {
                for (int i = 0; i < n; i++) {
                    v[at + i] = chunk.getShort(base + i * stepBytes) & 0xFFFF;
                }
            } else if (inStep == 1) {
                chunk.asIntBuffer().get((int) in, v, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    v[at + i] = chunk.getInt(base + i * stepBytes);
                }
            }
        } else if (out instanceof short[] s) {
            if (inStep == 1) {
                chunk.asShortBuffer().get((int) in, s, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    s[at + i] = chunk.getShort(base + i * stepBytes);
                }
            }
        } else if (out instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                b[at + i] = chunk.get(base + i * stepBytes);
            }
        } else if (out instanceof boolean[] z) {
            for (int i = 0; i < n; i++) {
                z[at + i] = chunk.get(base + i * stepBytes) != 0;
            }
        } else {
            throw new IllegalStateException("no storage for " + out.getClass());
        }
    }

    /** Writes the fill value (0 where the array has none, as zarr-python reads such chunks). */
    private void fill(Object out, int at, int n) {
        Object fillValue = array.fillValue();
        double value = fillValue instanceof Number x ? x.doubleValue() : fillValue instanceof Boolean b && b ? 1 : 0;
        long integer = fillValue instanceof Number x ? x.longValue() : (long) value;
        if (out instanceof double[] d) {
            Arrays.fill(d, at, at + n, value);
        } else if (out instanceof float[] f) {
            Arrays.fill(f, at, at + n, (float) value);
        } else if (out instanceof long[] l) {
            Arrays.fill(l, at, at + n, integer);
        } else if (out instanceof int[] v) {
            Arrays.fill(v, at, at + n, (int) integer);
        } else if (out instanceof short[] s) {
            Arrays.fill(s, at, at + n, (short) integer);
        } else if (out instanceof byte[] b) {
            Arrays.fill(b, at, at + n, (byte) integer);
        } else if (out instanceof boolean[] z) {
            Arrays.fill(z, at, at + n, value != 0);
        }
    }
}
