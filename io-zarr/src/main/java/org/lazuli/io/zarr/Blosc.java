package org.lazuli.io.zarr;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blosc compressor (xarray's default for Zarr: lz4 at level 5 with byte shuffle), through Debian's
 * {@code libblosc1} (numcodecs bundles the same C library). Blosc frames carry their own sizes, codec and
 * shuffle, so decoding needs none of the settings.
 *
 * @param cname     lz4, lz4hc, blosclz, zstd, zlib or snappy
 * @param clevel    0 to 9
 * @param shuffle   0 none, 1 byte, 2 bit, -1 bit for one-byte items and byte otherwise (numcodecs' AUTOSHUFFLE)
 * @param blocksize 0 for blosc's own choice
 * @param typesize  the item size shuffling works on
 */
record Blosc(String cname, int clevel, int shuffle, int blocksize, int typesize) implements Codec {
    static final List<String> COMPRESSORS = List.of("lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy");
    private static final int OVERHEAD = 16;

    Blosc {
        if (!COMPRESSORS.contains(cname)) {
            throw new IllegalArgumentException("Unknown blosc compressor '" + cname + "'; use one of " + COMPRESSORS);
        }
        if (clevel < 0 || clevel > 9) {
            throw new IllegalArgumentException("Blosc clevel " + clevel + " is out of range; use 0 to 9");
        }
        if (shuffle < -1 || shuffle > 2) {
            throw new IllegalArgumentException("Blosc shuffle " + shuffle + " is not one of -1 (auto), 0, 1, 2");
        }
    }

    @Override
    public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
        ByteBuffer decoded = decodeToNative(encoded);
        byte[] out = new byte[decoded.remaining()];
        decoded.get(out);
        return out;
    }

    /**
     * Decodes into this thread's native buffer and returns a view of it, valid until this thread's next
     * blosc call: the chunk's elements are then copied once, into the task's block (JNA would copy Java
     * arrays in and out of the call, three copies of a 19 MB chunk).
     */
    ByteBuffer decodeToNative(byte[] encoded) throws IOException {
        Library.require();
        nativeFrame(encoded.length).put(encoded);
        return decodeFrame(encoded.length);
    }

    /**
     * This thread's native buffer for a compressed frame, {@code bytes} long: a frame is read into it
     * (then {@link #decodeFrame} or {@link FrameBlocks#of}) without a heap copy.
     */
    static ByteBuffer nativeFrame(int bytes) {
        return NativeBuffers.THREAD.get().frame(bytes).getByteBuffer(0, bytes);
    }

    /** This thread's native buffer for a whole chunk's elements, {@code bytes} long, built then {@link #encodeRaw}. */
    static ByteBuffer nativeRaw(int bytes) {
        return NativeBuffers.THREAD.get().raw(bytes).getByteBuffer(0, bytes);
    }

    /** Decodes the frame of {@code length} bytes in this thread's frame buffer, whole: a view of the native result. */
    ByteBuffer decodeFrame(int length) throws IOException {
        Library.require();
        if (length < OVERHEAD) {
            throw new IOException("not a blosc frame: " + length + " bytes, less than its 16-byte header");
        }
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Pointer in = buffers.frame(length);
        long[] sizes = new long[3];
        Library.blosc_cbuffer_sizes(in, sizes);
        long nbytes = sizes[0];
        if (sizes[1] != length || nbytes < 0 || nbytes > Integer.MAX_VALUE - 8) {
            throw new IOException("not a whole blosc frame: its header says " + sizes[1] + " compressed bytes, the"
                    + " chunk has " + length);
        }
        Pointer out = buffers.raw(nbytes);
        int n = Library.blosc_decompress_ctx(in, out, nbytes, 1);
        if (n < 0 || n != nbytes) {
            throw new IOException("blosc could not decompress the frame (error " + n + "); the chunk is damaged");
        }
        return out.getByteBuffer(0, nbytes);
    }

    @Override
    public byte[] encode(byte[] raw) throws IOException {
        Library.require();
        nativeRaw(raw.length).put(raw);
        ByteBuffer encoded = encodeRaw(raw.length);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }

    /** Compresses the {@code length} bytes built in this thread's raw buffer; a view of the frame buffer. */
    ByteBuffer encodeRaw(int length) throws IOException {
        Library.require();
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Pointer in = buffers.raw(length);
        long capacity = length + OVERHEAD;
        Pointer out = buffers.frame(capacity);
        int n = Library.blosc_compress_ctx(clevel, doShuffle(), Math.max(typesize, 1), length, in, out, capacity,
                cname, blocksize, 1);
        if (n <= 0) {
            throw new IOException("blosc could not compress " + length + " bytes with " + cname + " (error " + n + ")");
        }
        return out.getByteBuffer(0, n);
    }

    private int doShuffle() {
        return shuffle == -1 ? (typesize == 1 ? 2 : 1) : shuffle;
    }

    /**
     * Compresses a chunk of {@code nbytes} block by block: {@code filler} writes each block's bytes into a
     * small native buffer, blosc compresses it as a frame of one block, and the blocks are written to
     * {@code out} as one frame laid out as blosc lays out its own (a header, each block's start, the blocks).
     * The chunk's elements never occupy a buffer of their own, and each block is built, shuffled and
     * compressed while it is in the processor's cache. Returns the frame's length, or -1 where the chunk is
     * small, divides into no blocks of one size, or blosc stored a block uncompressed: build it whole then
     * ({@link #nativeRaw}, {@link #encodeRaw}); what was written to {@code out} is then to be dropped.
     */
    long encodeInBlocks(int nbytes, int itemSize, BlockFiller filler, FrameOut out) throws IOException {
        Library.require();
        int items = Math.max(typesize, 1);
        int whole = items * itemSize / gcd(items, itemSize);   // a block holds whole items of both sizes
        int block = blocksize > 0 ? blocksize : FrameBlocks.blockSize(nbytes, whole);
        if (nbytes <= FrameBlocks.WHOLE_UP_TO || block <= 0 || block % whole != 0 || nbytes % block != 0
                || block == nbytes) {
            return -1;
        }
        int blocks = nbytes / block;
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Memory piece = buffers.piece(block);
        ByteBuffer pieceBytes = piece.getByteBuffer(0, block);
        Memory compressed = buffers.block(block + OVERHEAD);
        ByteBuffer head = ByteBuffer.allocate(OVERHEAD + 4 * blocks).order(ByteOrder.LITTLE_ENDIAN);
        byte[] first = null;
        long position = head.capacity();
        for (int j = 0; j < blocks; j++) {
            filler.fill(pieceBytes.clear(), (long) j * block);
            int n = Library.blosc_compress_ctx(clevel, doShuffle(), items, block, piece, compressed, block + OVERHEAD,
                    cname, block, 1);
            if (n < 0) {
                throw new IOException("blosc could not compress " + block + " bytes with " + cname + " (error " + n
                        + ")");
            }
            byte[] header = compressed.getByteArray(0, FrameBlocks.ONE_BLOCK_HEADER);
            if (n == 0 || !FrameBlocks.isOneCompressedBlock(header, block, n) || first != null && first[2] != header[2]) {
                return -1;
            }
            if (first == null) {
                first = header;
            }
            head.putInt(OVERHEAD + 4 * j, (int) position);
            out.put(position, compressed.getByteBuffer(FrameBlocks.ONE_BLOCK_HEADER, n - FrameBlocks.ONE_BLOCK_HEADER));
            position += n - FrameBlocks.ONE_BLOCK_HEADER;
        }
        head.put(0, first, 0, 4).putInt(4, nbytes).putInt(8, block).putInt(12, (int) position);
        out.put(0, head);
        return position;
    }

    /** Where a frame's parts are written, each at its position. */
    @FunctionalInterface
    interface FrameOut {
        /** Writes the remaining bytes of {@code bytes} from {@code position} on. */
        void put(long position, ByteBuffer bytes) throws IOException;

        /** Into a file. */
        static FrameOut to(FileChannel file) {
            return (position, bytes) -> {
                for (long at = position; bytes.hasRemaining(); ) {
                    at += file.write(bytes, at);
                }
            };
        }

        /** Into this thread's frame buffer, grown as needed; {@link #frameBuffer} then views the frame. */
        static FrameOut toFrameBuffer() {
            return (position, bytes) -> NativeBuffers.THREAD.get().frame(position + bytes.remaining(), position)
                    .getByteBuffer(position, bytes.remaining()).put(bytes);
        }
    }

    /** The first {@code length} bytes of this thread's frame buffer. */
    static ByteBuffer frameBuffer(long length) {
        return NativeBuffers.THREAD.get().frame(length).getByteBuffer(0, length);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Writes bytes {@code [from, from + target.remaining())} of the chunk into {@code target}. */
    @FunctionalInterface
    interface BlockFiller {
        void fill(ByteBuffer target, long from) throws IOException;
    }

    /** One thread's native buffers, grown to the largest chunk that needed them (freed with the thread's GC). */
    static final class NativeBuffers {
        static final ThreadLocal<NativeBuffers> THREAD = ThreadLocal.withInitial(NativeBuffers::new);
        /** A compressed frame, read or written whole. */
        private Memory frame;
        /** A whole chunk's elements, where a chunk is built or decoded whole. */
        private Memory raw;
        /** One block's elements, built or decoded. */
        private Memory piece;
        /** One block compressed, with room for the header of a frame of its own before it. */
        private Memory block;

        /** {@code memory}, or a larger one holding its first {@code keep} bytes. */
        private static Memory grown(Memory memory, long bytes, long keep) {
            if (memory != null && memory.size() >= bytes) {
                return memory;
            }
            Memory larger = new Memory(Math.max(bytes, memory == null ? 1 << 16 : memory.size() + memory.size() / 2));
            if (keep > 0) {
                larger.getByteBuffer(0, keep).put(memory.getByteBuffer(0, keep));
            }
            return larger;
        }

        Memory frame(long bytes) {
            return frame(bytes, 0);
        }

        Memory frame(long bytes, long keep) {
            frame = grown(frame, bytes, keep);
            return frame;
        }

        Memory raw(long bytes) {
            raw = grown(raw, bytes, 0);
            return raw;
        }

        Memory piece(long bytes) {
            return piece(bytes, 0);
        }

        Memory piece(long bytes, long keep) {
            piece = grown(piece, bytes, keep);
            return piece;
        }

        Memory block(long bytes) {
            block = grown(block, bytes, 0);
            return block;
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("blocksize", blocksize);
        config.put("clevel", clevel);
        config.put("cname", cname);
        config.put("id", "blosc");
        config.put("shuffle", shuffle);
        return config;
    }

    @Override
    public Map<String, Object> v3Config() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("cname", cname);
        configuration.put("clevel", clevel);
        int effective = doShuffle();
        configuration.put("shuffle", effective == 2 ? "bitshuffle" : effective == 1 ? "shuffle" : "noshuffle");
        configuration.put("typesize", typesize);
        configuration.put("blocksize", blocksize);
        return Map.of("name", "blosc", "configuration", configuration);
    }

    /** libblosc's contextual (thread-safe) calls, bound through JNA's direct mapping. */
    static final class Library {
        private static final Throwable MISSING = load();

        private Library() {
        }

        private static Throwable load() {
            try {
                Native.register(Library.class, "blosc");
                return null;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return e;
            }
        }

        static boolean available() {
            return MISSING == null;
        }

        static void require() throws IOException {
            if (MISSING != null) {
                throw new IOException("The blosc library is not installed (" + MISSING.getMessage() + "); install"
                        + " Debian's libblosc1 (apt-get install libblosc1), or write with another compressor");
            }
        }

        /** The frame's decoded, compressed and block sizes, read from its header. */
        static void blosc_cbuffer_sizes(Pointer cbuffer, long[] sizes) {
            Memory out = new Memory(24);
            blosc_cbuffer_sizes(cbuffer, out, out.share(8), out.share(16));
            sizes[0] = out.getLong(0);
            sizes[1] = out.getLong(8);
            sizes[2] = out.getLong(16);
        }

        static native void blosc_cbuffer_sizes(Pointer cbuffer, Pointer nbytes, Pointer cbytes, Pointer blocksize);

        static native int blosc_decompress_ctx(Pointer src, Pointer dest, long destsize, int numinternalthreads);

        static native int blosc_compress_ctx(int clevel, int doshuffle, long typesize, long nbytes, Pointer src, Pointer dest,
                                             long destsize, String compressor, long blocksize, int numinternalthreads);
    }
}
