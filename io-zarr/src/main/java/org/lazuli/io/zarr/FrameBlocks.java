package org.lazuli.io.zarr;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A blosc frame, decoded a block at a time as a read asks for its bytes in increasing order, into a
 * native window a block or two long: a chunk's elements never occupy a buffer of their own, and the
 * blocks a read does not touch are not decoded at all. The frame is in this thread's frame buffer, or
 * still in its file, from which each block is read as it is decoded. Each block is
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

    /** The frame in this thread's frame buffer, or null where its blocks are read from {@link #file}. */
    private final Memory frame;
    private final FileChannel file;
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

    private FrameBlocks(Memory frame, FileChannel file, byte[] header, int decodedBytes, int blockSize, int[] starts,
                        int[] ends, ByteOrder order) {
        this.frame = frame;
        this.file = file;
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
    static ChunkBytes of(Blosc blosc, int length, Expected chunk, ByteOrder order, boolean blockwise)
            throws IOException {
        int itemSize = chunk.itemSize();
        Blosc.Library.require();
        Memory frame = Blosc.NativeBuffers.THREAD.get().frame(Math.max(length, HEADER));
        ByteBuffer head = frame.getByteBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = blocks(head, length, chunk);
        if ((head.get(2) & MEMCPYED) != 0) {   // stored as is: the elements follow the header
            return ChunkBytes.whole(head.slice(HEADER, head.getInt(4)).order(order));
        }
        if (!blockwise || blocks < 2) {
            return ChunkBytes.whole(blosc.decodeFrame(length).order(order));
        }
        return layout(frame, null, head, length, blocks, order);
    }

    /**
     * The frame in {@code file}, its blocks read from the file one at a time as they are decoded (a read
     * then holds no more of the chunk, compressed or not, than a block or two); the caller asks for its
     * bytes in increasing order and closes it, which closes the file. A frame of one block, or stored
     * uncompressed, is read whole, and the file closed at once.
     */
    static ChunkBytes open(Blosc blosc, FileChannel file, Expected chunk, ByteOrder order) throws IOException {
        Blosc.Library.require();
        long size = file.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("the chunk has " + size + " bytes, more than one chunk can hold");
        }
        int length = (int) size;
        ByteBuffer head = read(file, 0, Math.min(length, HEADER));
        int blocks = blocks(head, length, chunk);
        if ((head.get(2) & MEMCPYED) != 0 || blocks < 2) {
            readFully(file, Blosc.nativeFrame(length), 0);
            file.close();
            return of(blosc, length, chunk, order, true);
        }
        return layout(null, file, read(file, 0, HEADER + 4 * blocks), length, blocks, order);
    }

    /**
     * The size a chunk decodes to, and the chunk named for messages ("a [73, 180, 360] chunk of <f4"),
     * made only when one is needed.
     */
    record Expected(long bytes, int itemSize, Supplier<String> chunk) {
    }

    /**
     * The frame's number of blocks, from its header (the first 16 bytes of {@code head}), checked; a frame
     * that does not decode to the chunk's size is refused before anything is allocated for it.
     */
    private static int blocks(ByteBuffer head, int length, Expected chunk) throws IOException {
        if (length < HEADER) {
            throw new IOException("not a blosc frame: " + length + " bytes, less than its 16-byte header");
        }
        int decoded = head.getInt(4);
        int blockSize = head.getInt(8);
        int compressed = head.getInt(12);
        if (compressed != length) {
            throw new IOException("not a whole blosc frame: its header says " + compressed + " compressed bytes, the"
                    + " chunk has " + length);
        }
        if (decoded != chunk.bytes()) {
            throw new IOException("the chunk holds " + (decoded & 0xFFFFFFFFL) + " bytes where " + chunk.chunk().get()
                    + " has " + chunk.bytes());
        }
        int itemSize = chunk.itemSize();
        if ((head.get(2) & MEMCPYED) != 0 && length < HEADER + (long) decoded) {
            throw new IOException("the blosc frame stores " + decoded + " bytes uncompressed in " + length);
        }
        if (blockSize <= 0 || blockSize % itemSize != 0) {
            return 1;   // blosc decodes it whole, and judges it
        }
        int blocks = (int) ((decoded + (long) blockSize - 1) / blockSize);
        if (HEADER + 4L * blocks > length) {
            throw new IOException("the blosc frame's " + blocks + " block starts do not fit in its " + length + " bytes");
        }
        return blocks;
    }

    /** The blocks' starts and ends, from the header and starts at the front of {@code head}, checked. */
    private static FrameBlocks layout(Memory frame, FileChannel file, ByteBuffer head, int length, int blocks,
                                      ByteOrder order) throws IOException {
        int headerEnd = HEADER + 4 * blocks;
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
        byte[] header = new byte[4];
        head.get(0, header);
        return new FrameBlocks(frame, file, header, head.getInt(4), head.getInt(8), starts, ends, order);
    }

    private static ByteBuffer read(FileChannel file, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, buffer, position);
        return buffer.flip();
    }

    private static void readFully(FileChannel file, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the chunk's file ended at byte " + (position + buffer.position()));
            }
        }
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
     * Decodes block {@code j} onto the end of the window. Blosc is handed the block as a frame of its own:
     * read from the file after room for that frame's 20-byte header, or, in the frame buffer, with the
     * header written over the bytes before the block (kept, and put back after).
     */
    private void decodeBlock(int j) throws IOException {
        int bytes = (int) Math.min(blockSize, decodedBytes - (long) j * blockSize);
        int kept = (int) (decodedEnd - windowStart);
        Memory grown = buffers.piece(kept + (long) bytes, kept);
        if (grown != window) {
            window = grown;
            view = grown.getByteBuffer(0, grown.size()).order(order);
        }
        int stored = ends[j] - starts[j];
        Memory source;
        long at;
        byte[] saved = null;
        if (file == null) {
            source = frame;
            at = starts[j] - ONE_BLOCK_HEADER;
            saved = frame.getByteArray(at, ONE_BLOCK_HEADER);
        } else {
            source = buffers.block(ONE_BLOCK_HEADER + (long) stored);
            at = 0;
            readFully(file, source.getByteBuffer(ONE_BLOCK_HEADER, stored), starts[j]);
        }
        // a last block shorter than the others was compressed unsplit; alone, it must say so
        byte flags = (byte) (header[2] | (bytes < blockSize ? DONT_SPLIT : 0));
        source.getByteBuffer(at, ONE_BLOCK_HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put(0, header[0]).put(1, header[1]).put(2, flags).put(3, header[3])
                .putInt(4, bytes).putInt(8, bytes).putInt(12, ONE_BLOCK_HEADER + stored)
                .putInt(16, ONE_BLOCK_HEADER);
        int n;
        try {
            n = Blosc.Library.blosc_decompress_ctx(source.share(at), window.share(kept), bytes, 1);
        } finally {
            if (saved != null) {
                frame.write(at, saved, 0, saved.length);
            }
        }
        if (n != bytes) {
            throw new IOException("blosc could not decompress block " + j + " of the frame (error " + n + "); the chunk"
                    + " is damaged");
        }
        decodedEnd += bytes;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // a file opened only to read: nothing written can be lost
            }
        }
    }
}
