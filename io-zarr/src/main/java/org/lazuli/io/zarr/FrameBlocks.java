package org.lazuli.io.zarr;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A blosc frame in this thread's frame buffer, decoded a block at a time as a read asks for its bytes
 * in increasing order, into a native window a block or two long: a chunk's elements never occupy a
 * buffer of their own, and the blocks a read does not touch are not decoded at all. Each block is
 * decoded by blosc itself, handed to it as a frame of one block, so all that is read here is the
 * frame's layout: a 16-byte header (format version, compressor version, flags, item size, then the
 * decoded, block and compressed sizes, little-endian), each block's start, then the blocks.
 */
final class FrameBlocks implements ChunkBytes {
    /** Chunks up to this size are compressed and decoded whole: their buffers are small already. */
    static final int WHOLE_UP_TO = 1 << 20;
    /** The block size blocks are cut to when the codec leaves it to blosc (blosc's own for such chunks). */
    static final int TARGET_BLOCK = 1 << 19;
    /** The smallest block a chunk is cut into; a chunk that divides into none is compressed whole. */
    static final int SMALLEST_BLOCK = 1 << 16;
    /** The header and the one block start of a frame holding a single block. */
    static final int ONE_BLOCK_HEADER = 20;
    private static final int HEADER = 16;
    private static final int MEMCPYED = 0x02;
    private static final int DONT_SPLIT = 0x10;

    private final Pointer frame;
    private final byte[] header;
    private final int decodedBytes;
    private final int blockSize;
    private final int[] starts;
    private final int[] ends;
    private final ByteOrder order;
    private final Blosc.NativeBuffers buffers;
    /** The chunk byte at index 0 of the window, and the one past its last decoded byte. */
    private long windowStart;
    private long decodedEnd;
    private int nextBlock;
    /** The window's memory and a view of all of it, made again only when the window grows. */
    private Memory window;
    private ByteBuffer view;

    private FrameBlocks(Pointer frame, byte[] header, int decodedBytes, int blockSize, int[] starts, int[] ends,
                        ByteOrder order) {
        this.frame = frame;
        this.header = header;
        this.decodedBytes = decodedBytes;
        this.blockSize = blockSize;
        this.starts = starts;
        this.ends = ends;
        this.order = order;
        this.buffers = Blosc.NativeBuffers.THREAD.get();
    }

    /**
     * The frame of {@code length} bytes in this thread's frame buffer, decoded block by block when
     * {@code blockwise} (its bytes will be asked for in increasing order) and it has several blocks of
     * whole items, else whole.
     */
    static ChunkBytes of(Blosc blosc, int length, int itemSize, ByteOrder order, boolean blockwise) throws IOException {
        Blosc.Library.require();
        if (length < HEADER) {
            throw new IOException("not a blosc frame: " + length + " bytes, less than its 16-byte header");
        }
        Pointer frame = Blosc.NativeBuffers.THREAD.get().frame(length);
        ByteBuffer head = frame.getByteBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
        int flags = head.get(2);
        int decoded = head.getInt(4);
        int blockSize = head.getInt(8);
        int compressed = head.getInt(12);
        if (compressed != length || decoded < 0) {
            throw new IOException("not a whole blosc frame: its header says " + compressed + " compressed bytes, the"
                    + " chunk has " + length);
        }
        if ((flags & MEMCPYED) != 0) {   // stored as is: the elements follow the header
            if (length < HEADER + (long) decoded) {
                throw new IOException("the blosc frame stores " + decoded + " bytes uncompressed in " + length);
            }
            return ChunkBytes.whole(head.slice(HEADER, decoded).order(order));
        }
        int blocks = blockSize <= 0 ? 0 : (int) ((decoded + (long) blockSize - 1) / blockSize);
        if (!blockwise || blocks < 2 || blockSize % itemSize != 0) {
            return ChunkBytes.whole(blosc.decodeFrame(length).order(order));
        }
        int headerEnd = HEADER + 4 * blocks;
        if (headerEnd > length) {
            throw new IOException("the blosc frame's " + blocks + " block starts do not fit in its " + length + " bytes");
        }
        int[] starts = new int[blocks];
        for (int j = 0; j < blocks; j++) {
            starts[j] = head.getInt(HEADER + 4 * j);
            if (starts[j] < headerEnd || starts[j] > length - 4) {
                throw new IOException("block " + j + " of the blosc frame starts at byte " + starts[j] + ", outside the"
                        + " frame's " + length + " bytes");
            }
        }
        // blocks may be stored in any order (blosc's threads write them as they finish): each ends where the next begins
        int[] sorted = starts.clone();
        Arrays.sort(sorted);
        int[] ends = new int[blocks];
        for (int j = 0; j < blocks; j++) {
            int next = Arrays.binarySearch(sorted, starts[j]) + 1;
            ends[j] = next < blocks ? sorted[next] : length;
            if (ends[j] == starts[j]) {
                throw new IOException("blocks of the blosc frame share their start " + starts[j]);
            }
        }
        return new FrameBlocks(frame, frame.getByteArray(0, 4), decoded, blockSize, starts, ends, order);
    }

    /**
     * The size to cut a chunk of {@code bytes} into: the largest up to {@link #TARGET_BLOCK} that divides it
     * into whole items of {@code items} bytes, or 0 when none down to {@link #SMALLEST_BLOCK} does.
     */
    static int blockSize(int bytes, int items) {
        for (long n = Math.max(2, (bytes + (long) TARGET_BLOCK - 1) / TARGET_BLOCK); n <= bytes / SMALLEST_BLOCK; n++) {
            if (bytes % n == 0 && (bytes / n) % items == 0) {
                return (int) (bytes / n);
            }
        }
        return 0;
    }

    /** Whether blosc's frame of {@code n} bytes, with this header, holds one compressed block of {@code bytes}. */
    static boolean isOneCompressedBlock(byte[] frameHeader, int bytes, int n) {
        ByteBuffer h = ByteBuffer.wrap(frameHeader).order(ByteOrder.LITTLE_ENDIAN);
        return (h.get(2) & MEMCPYED) == 0 && h.getInt(4) == bytes && h.getInt(8) == bytes && h.getInt(12) == n
                && h.getInt(16) == ONE_BLOCK_HEADER && n > ONE_BLOCK_HEADER;
    }

    @Override
    public long size() {
        return decodedBytes;
    }

    @Override
    public long base() {
        return windowStart;
    }

    @Override
    public ByteBuffer cover(long from, long to) throws IOException {
        if (from < windowStart || to > decodedBytes || to < from) {
            throw new IllegalStateException("bytes " + from + " to " + to + " of a " + decodedBytes + "-byte chunk were"
                    + " asked for after byte " + windowStart);
        }
        if (to > decodedEnd) {
            if (from >= decodedEnd) {   // nothing decoded is wanted: skip to the block holding `from`
                nextBlock = (int) (from / blockSize);
                windowStart = (long) nextBlock * blockSize;
                decodedEnd = windowStart;
            } else if (from > windowStart) {   // keep the decoded bytes still wanted, at the window's front
                view.put(0, view, (int) (from - windowStart), (int) (decodedEnd - from));
                windowStart = from;
            }
            while (decodedEnd < to) {
                decodeBlock(nextBlock++);
            }
        }
        return view;
    }

    /**
     * Decodes block {@code j} onto the end of the window. Blosc is handed the block as a frame of its own,
     * whose 20-byte header is written over the bytes before the block (kept, and put back after).
     */
    private void decodeBlock(int j) throws IOException {
        int bytes = (int) Math.min(blockSize, decodedBytes - (long) j * blockSize);
        int at = starts[j] - ONE_BLOCK_HEADER;
        int kept = (int) (decodedEnd - windowStart);
        Memory grown = buffers.piece(kept + (long) bytes, kept);
        if (grown != window) {
            window = grown;
            view = grown.getByteBuffer(0, grown.size()).order(order);
        }
        byte[] saved = frame.getByteArray(at, ONE_BLOCK_HEADER);
        // a last block shorter than the others was compressed unsplit; alone, it must say so
        byte flags = (byte) (header[2] | (bytes < blockSize ? DONT_SPLIT : 0));
        frame.getByteBuffer(at, ONE_BLOCK_HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put(0, header[0]).put(1, header[1]).put(2, flags).put(3, header[3])
                .putInt(4, bytes).putInt(8, bytes).putInt(12, ONE_BLOCK_HEADER + ends[j] - starts[j])
                .putInt(16, ONE_BLOCK_HEADER);
        int n;
        try {
            n = Blosc.Library.blosc_decompress_ctx(frame.share(at), window.share(kept), bytes, 1);
        } finally {
            frame.write(at, saved, 0, saved.length);
        }
        if (n != bytes) {
            throw new IOException("blosc could not decompress block " + j + " of the frame (error " + n + "); the chunk"
                    + " is damaged");
        }
        decodedEnd += bytes;
    }
}
