package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lazuli.array.DenseArray;
import org.lazuli.array.MultiBlockFunction;

/**
 * The task body of a write: one block of an array, placed at {@code origin} in the store's array, is
 * cut into the store's chunks, encoded and stored from the worker that computed it. Blocks are cut so
 * that no chunk is shared by two blocks; a chunk the block covers only in part (an append or a region
 * that starts inside a chunk) is read, overlaid and written back. Returns the bytes stored.
 */
final class ChunkWriter implements MultiBlockFunction {
    private static final long serialVersionUID = 1L;

    private final Store store;
    private final ArrayMetadata array;
    private final long[] origin;
    private final long[][] blockStarts;

    /** {@code blockStarts[k]}: where each block of the data starts along axis k, relative to {@code origin}. */
    ChunkWriter(Store store, ArrayMetadata array, long[] origin, long[][] blockStarts) {
        this.store = store;
        this.array = array;
        this.origin = origin.clone();
        this.blockStarts = blockStarts;
    }

    /** A writer keeps no block: it stores each and returns the bytes stored, so its sources are read in its task. */
    @Override
    public boolean keepsBlocks() {
        return false;
    }

    @Override
    public DenseArray apply(List<DenseArray> blocks) {
        DenseArray block = blocks.get(0);
        long linear = blocks.get(1).getLong(new long[blocks.get(1).ndim()]);
        int nd = array.ndim();
        long[] start = new long[nd];
        for (int k = nd - 1; k >= 0; k--) {
            int count = blockStarts[k].length;
            start[k] = origin[k] + blockStarts[k][(int) (linear % count)];
            linear /= count;
        }
        long[] shape = block.shape();
        long written = 0;
        long[] first = new long[nd];
        long[] last = new long[nd];
        int[] unit = array.storedShape();
        for (int k = 0; k < nd; k++) {
            first[k] = start[k] / unit[k];
            last[k] = shape[k] == 0 ? first[k] - 1 : (start[k] + shape[k] - 1) / unit[k];
            if (last[k] < first[k]) {
                return result(0, blocks.get(1).ndim());
            }
        }
        long[] chunk = first.clone();
        Object values = flat(block);
        try {
            while (true) {
                written += array.sharding() == null ? writeChunk(chunk, block, values, start)
                        : writeShard(chunk, block, values, start);
                int k = nd - 1;
                while (k >= 0 && ++chunk[k] > last[k]) {
                    chunk[k] = first[k];
                    k--;
                }
                if (k < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + array.objectKey(chunk) + " of Zarr store "
                    + store.describe("") + ": " + e.getMessage(), e);
        }
        return result(written, blocks.get(1).ndim());
    }

    private static DenseArray result(long bytes, int ndim) {
        long[] ones = new long[ndim];
        Arrays.fill(ones, 1);
        return DenseArray.of(new long[] {bytes}, ones);
    }

    /** Stores one chunk with the block's values where they fall in it. */
    private long writeChunk(long[] chunkIndex, DenseArray block, Object values, long[] blockStart) throws IOException {
        Blosc blosc = array.order() == 'C' ? array.nativeBlosc() : null;
        if (blosc != null) {
            return storeBlosc(blosc, chunkIndex, block, values, blockStart);
        }
        byte[] stored = encodeChunk(chunkIndex, block, values, blockStart);
        store.put(array.chunkKey(chunkIndex), stored);
        return stored.length;
    }

    /**
     * Stores one blosc chunk, built, compressed and written from native buffers, so that it never crosses
     * the heap. A chunk the block covers is built and compressed a blosc block at a time, written to its
     * file block by block where the store is a local folder: it then never occupies a buffer of its own,
     * compressed or not.
     */
    private long storeBlosc(Blosc blosc, long[] chunkIndex, DenseArray block, Object values, long[] blockStart)
            throws IOException {
        int size = array.dtype().itemSize();
        int bytes = Math.toIntExact(array.chunkElements() * size);
        ByteOrder order = array.dtype().order();
        Blosc.BlockFiller blocks = covers(chunkIndex, block, blockStart)
                ? (target, from) -> fillRange(target.order(order), from / size, chunkIndex, block, values, blockStart)
                : null;
        String key = array.chunkKey(chunkIndex);
        long[] written = new long[1];
        boolean local = store.putLocal(key, file -> {
            written[0] = blocks == null ? -1 : blosc.encodeInBlocks(bytes, size, blocks, Blosc.FrameOut.to(file));
            if (written[0] < 0) {
                file.truncate(0);
                ByteBuffer frame = whole(blosc, chunkIndex, block, values, blockStart);
                written[0] = frame.remaining();
                Blosc.FrameOut.to(file).put(0, frame);
            }
        });
        if (local) {
            return written[0];
        }
        long length = blocks == null ? -1 : blosc.encodeInBlocks(bytes, size, blocks, Blosc.FrameOut.toFrameBuffer());
        ByteBuffer frame = length < 0 ? whole(blosc, chunkIndex, block, values, blockStart) : Blosc.frameBuffer(length);
        store.put(key, frame);
        return frame.limit();
    }

    /** The chunk built whole in this thread's native buffer, and compressed. */
    private ByteBuffer whole(Blosc blosc, long[] chunkIndex, DenseArray block, Object values, long[] blockStart)
            throws IOException {
        int bytes = Math.toIntExact(array.chunkElements() * array.dtype().itemSize());
        fillChunk(Blosc.nativeRaw(bytes).order(array.dtype().order()), chunkIndex, block, values, blockStart);
        return blosc.encodeRaw(bytes);
    }

    /**
     * Stores one shard: its inner chunks encoded in C order (those wholly past the array's end left out of
     * its index), then the index. The block covers the shard's part of the array whole.
     */
    private long writeShard(long[] shardIndex, DenseArray block, Object values, long[] blockStart) throws IOException {
        int nd = array.ndim();
        int[] chunks = array.chunks();
        Sharding sharding = array.sharding();
        int[] per = new int[nd];
        for (int k = 0; k < nd; k++) {
            per[k] = sharding.chunksPerShard(k, chunks);
        }
        List<byte[]> encoded = new ArrayList<>();
        int[] within = new int[nd];
        long[] chunkIndex = new long[nd];
        for (int n = sharding.chunksInShard(chunks); n > 0; n--) {
            boolean inside = true;
            for (int k = 0; k < nd; k++) {
                chunkIndex[k] = shardIndex[k] * per[k] + within[k];
                inside &= chunkIndex[k] * chunks[k] < array.shape()[k];
            }
            encoded.add(inside ? encodeChunk(chunkIndex, block, values, blockStart) : null);
            for (int k = nd - 1; k >= 0 && ++within[k] == per[k]; k--) {
                within[k] = 0;
            }
        }
        byte[] shard = sharding.assemble(encoded);
        store.put(array.objectKey(shardIndex), shard);
        return shard.length;
    }

    /** One chunk with the block's values where they fall in it, encoded as stored. */
    private byte[] encodeChunk(long[] chunkIndex, DenseArray block, Object values, long[] blockStart)
            throws IOException {
        byte[] raw = new byte[Math.toIntExact(array.chunkElements() * array.dtype().itemSize())];
        fillChunk(ByteBuffer.wrap(raw).order(array.dtype().order()), chunkIndex, block, values, blockStart);
        return array.encode(array.order() == 'F' ? reorder(raw, array.chunks(), array.dtype().itemSize(), true) : raw);
    }

    /**
     * A chunk's elements from C order to F order ({@code toFortran}) or back: chunks are filled in C
     * order, and an F-order array (zarr-python's {@code order="F"}) stores them transposed.
     */
    static byte[] reorder(byte[] raw, int[] chunks, int itemSize, boolean toFortran) {
        int nd = chunks.length;
        byte[] out = new byte[raw.length];
        long[] fortranStride = new long[nd];
        long stride = 1;
        for (int k = 0; k < nd; k++) {
            fortranStride[k] = stride;
            stride *= chunks[k];
        }
        int[] index = new int[nd];
        for (long c = 0; c < stride; c++) {
            long f = 0;
            for (int k = 0; k < nd; k++) {
                f += index[k] * fortranStride[k];
            }
            long from = toFortran ? c : f;
            long to = toFortran ? f : c;
            System.arraycopy(raw, (int) (from * itemSize), out, (int) (to * itemSize), itemSize);
            for (int k = nd - 1; k >= 0 && ++index[k] == chunks[k]; k--) {
                index[k] = 0;
            }
        }
        return out;
    }

    /** Whether the block holds all of the chunk's elements inside the array (then none is read or kept). */
    private boolean covers(long[] chunkIndex, DenseArray block, long[] blockStart) {
        int[] chunks = array.chunks();
        for (int k = 0; k < chunks.length; k++) {
            long chunkStart = chunkIndex[k] * chunks[k];
            long inBounds = Math.min(chunkStart + chunks[k], array.shape()[k]);
            if (blockStart[k] > chunkStart || blockStart[k] + block.shape()[k] < inBounds) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the chunk's elements {@code [first, first + n)} (C order, {@code n} filling {@code target}) of a
     * chunk the block {@link #covers}: the block's values, and the fill past the array's end.
     */
    private void fillRange(ByteBuffer target, long first, long[] chunkIndex, DenseArray block, Object values,
                           long[] blockStart) {
        int nd = array.ndim();
        int[] chunks = array.chunks();
        long[] shape = array.shape();
        long[] blockShape = block.shape();
        int rowLength = chunks[nd - 1];
        long rowStart = chunkIndex[nd - 1] * rowLength;
        long inside = Math.max(0, Math.min(rowLength, shape[nd - 1] - rowStart));   // each row's elements in the array
        long end = first + target.capacity() / array.dtype().itemSize();
        for (long e = first; e < end; ) {
            long row = e / rowLength;
            int column = (int) (e % rowLength);
            int n = (int) Math.min(rowLength - column, end - e);
            boolean inArray = true;
            long blockOffset = 0;
            long stride = 1;
            for (int k = nd - 2; k >= 0; k--) {
                long position = chunkIndex[k] * chunks[k] + row % chunks[k];
                row /= chunks[k];
                inArray &= position < shape[k];
                blockOffset += (position - blockStart[k]) * stride;
                stride *= blockShape[k];
            }
            blockOffset = blockOffset * blockShape[nd - 1] + rowStart + column - blockStart[nd - 1];
            int at = (int) (e - first);
            int copied = inArray ? (int) Math.max(0, Math.min(n, inside - column)) : 0;
            if (copied > 0) {
                putRow(target, at, values, (int) blockOffset, copied);
            }
            if (copied < n) {
                putFill(target, at + copied, n - copied);
            }
            e += n;
        }
    }

    /**
     * Writes one chunk's elements into {@code target} (a whole chunk's bytes, any content): the block's
     * values where they fall in it, and elsewhere what the store held (a partly covered chunk) or the fill.
     */
    private void fillChunk(ByteBuffer target, long[] chunkIndex, DenseArray block, Object values, long[] blockStart)
            throws IOException {
        int nd = array.ndim();
        int[] chunks = array.chunks();
        long[] chunkStart = new long[nd];
        boolean whole = covers(chunkIndex, block, blockStart);
        boolean edge = false;
        for (int k = 0; k < nd; k++) {
            chunkStart[k] = chunkIndex[k] * chunks[k];
            edge |= chunkStart[k] + chunks[k] > array.shape()[k];
        }
        if (!whole && array.sharding() != null) {
            throw new IllegalStateException("chunk " + Arrays.toString(chunkIndex) + " of the sharded array "
                    + array.path() + " is covered in part; sharded arrays are written in whole shards");
        }
        byte[] existing = whole ? null : store.get(array.chunkKey(chunkIndex));
        // a whole chunk inside the array is overwritten everywhere: only padding and partial chunks need the fill
        if (existing != null) {
            byte[] decoded = array.decode(existing);
            target.put(0, array.order() == 'F' ? reorder(decoded, chunks, array.dtype().itemSize(), false) : decoded);
        } else if (!whole || edge) {
            target.put(0, filled());
        }
        // the overlap of chunk and block, element by element along the last axis
        long[] from = new long[nd];
        long[] to = new long[nd];
        for (int k = 0; k < nd; k++) {
            from[k] = Math.max(chunkStart[k], blockStart[k]);
            to[k] = Math.min(Math.min(chunkStart[k] + chunks[k], array.shape()[k]), blockStart[k] + block.shape()[k]);
        }
        long[] blockShape = block.shape();
        long[] position = from.clone();
        int row = nd == 0 ? 1 : (int) (to[nd - 1] - from[nd - 1]);
        while (true) {
            long chunkOffset = 0;
            long blockOffset = 0;
            for (int k = 0; k < nd; k++) {
                chunkOffset = chunkOffset * chunks[k] + (position[k] - chunkStart[k]);
                blockOffset = blockOffset * blockShape[k] + (position[k] - blockStart[k]);
            }
            putRow(target, (int) chunkOffset, values, (int) blockOffset, row);
            int k = nd - 2;
            while (k >= 0 && ++position[k] == to[k]) {
                position[k] = from[k];
                k--;
            }
            if (k < 0) {
                break;
            }
        }
    }

    /** A whole chunk of the fill value (zeros where the array has none). */
    private byte[] filled() {
        int n = (int) array.chunkElements();
        byte[] raw = new byte[n * array.dtype().itemSize()];
        putFill(ByteBuffer.wrap(raw).order(array.dtype().order()), 0, n);
        return raw;
    }

    /** Writes the fill value (zeros where the array has none) to chunk elements {@code [at, at + n)}. */
    private void putFill(ByteBuffer target, int at, int n) {
        int size = array.dtype().itemSize();
        Object fill = array.fillValue();
        if (fill instanceof Number value && (value.doubleValue() != 0 || Double.isNaN(value.doubleValue()))) {
            for (int i = at; i < at + n; i++) {
                putNumber(target, i * size, value.doubleValue(), value.longValue());
            }
        } else {
            byte b = fill instanceof Boolean flag && flag ? (byte) 1 : 0;
            for (int i = at * size, end = (at + n) * size; i < end; i++) {
                target.put(i, b);
            }
        }
    }

    /** The block's values in their primitive type, row-major (floats as read-only views). */
    private static Object flat(DenseArray block) {
        return switch (block.dtype()) {
            case FLOAT64 -> block.asDoubleBuffer();   // views, not copies
            case FLOAT32 -> block.asFloatBuffer();
            case INT64 -> block.toLongArray();
            case INT32 -> block.toIntArray();
            case INT16 -> block.toShortArray();
            case INT8, UINT8 -> block.toByteArray();
            case BOOL -> block.toBooleanArray();
        };
    }

    /** Copies {@code n} values from {@code values[from..]} to chunk element {@code at}, in the chunk's type. */
    private void putRow(ByteBuffer target, int at, Object values, int from, int n) {
        ZarrDType type = array.dtype();
        int size = type.itemSize();
        if (values instanceof DoubleBuffer d) {
            target.asDoubleBuffer().put(at, d, from, n);
        } else if (values instanceof FloatBuffer f) {
            target.asFloatBuffer().put(at, f, from, n);
        } else if (values instanceof long[] l) {
            if (size == 4) {   // uint32 held as int64
                for (int i = 0; i < n; i++) {
                    target.putInt((at + i) * 4, (int) l[from + i]);
                }
            } else {
                target.asLongBuffer().put(at, l, from, n);
            }
        } else if (values instanceof int[] v) {
            if (size == 2) {   // uint16 held as int32
                for (int i = 0; i < n; i++) {
                    target.putShort((at + i) * 2, (short) v[from + i]);
                }
            } else {
                target.asIntBuffer().put(at, v, from, n);
            }
        } else if (values instanceof short[] s) {
            target.asShortBuffer().put(at, s, from, n);
        } else if (values instanceof byte[] b) {
            target.put(at, b, from, n);
        } else if (values instanceof boolean[] z) {
            for (int i = 0; i < n; i++) {
                target.put(at + i, (byte) (z[from + i] ? 1 : 0));
            }
        }
    }

    private void putNumber(ByteBuffer b, int at, double real, long integer) {
        ZarrDType type = array.dtype();
        switch (type.kind()) {
            case 'f' -> {
                if (type.itemSize() == 4) {
                    b.putFloat(at, (float) real);
                } else {
                    b.putDouble(at, real);
                }
            }
            default -> {
                switch (type.itemSize()) {
                    case 1 -> b.put(at, (byte) integer);
                    case 2 -> b.putShort(at, (short) integer);
                    case 4 -> b.putInt(at, (int) integer);
                    default -> b.putLong(at, integer);
                }
            }
        }
    }
}
