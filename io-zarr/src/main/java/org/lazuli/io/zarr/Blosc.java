package org.lazuli.io.zarr;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
     * small native buffer, blosc compresses it as a frame of one block, and the blocks are assembled into
     * one frame in this thread's frame buffer, as blosc lays out its own (a header, each block's start, the
     * blocks). The chunk's elements never occupy a buffer of their own, and each block is built, shuffled
     * and compressed while it is in the processor's cache. Returns a view of the frame, or null where the
     * chunk is small, divides into no blocks of one size, or blosc stored a block uncompressed: build
     * it whole then ({@link #nativeRaw}, {@link #encodeRaw}).
     */
    ByteBuffer encodeInBlocks(int nbytes, int itemSize, BlockFiller filler) throws IOException {
        Library.require();
        int items = Math.max(typesize, 1);
        int whole = items * itemSize / gcd(items, itemSize);   // a block holds whole items of both sizes
        int block = blocksize > 0 ? blocksize : FrameBlocks.blockSize(nbytes, whole);
        if (nbytes <= FrameBlocks.WHOLE_UP_TO || block <= 0 || block % whole != 0 || nbytes % block != 0
                || block == nbytes) {
            return null;
        }
        int blocks = nbytes / block;
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Pointer piece = buffers.piece(block);
        ByteBuffer pieceBytes = piece.getByteBuffer(0, block);
        int headerEnd = OVERHEAD + 4 * blocks;
        Pointer frame = buffers.frame((long) headerEnd + (long) blocks * block + OVERHEAD);
        int[] starts = new int[blocks];
        byte[] saved = new byte[FrameBlocks.ONE_BLOCK_HEADER];
        byte[] first = null;
        int position = headerEnd;
        for (int j = 0; j < blocks; j++) {
            filler.fill(pieceBytes.clear(), (long) j * block);
            // blosc writes the one-block frame's 20-byte header over the end of the previous block: kept and put back
            int at = position - FrameBlocks.ONE_BLOCK_HEADER;
            frame.read(at, saved, 0, saved.length);
            int n = Library.blosc_compress_ctx(clevel, doShuffle(), items, block, piece, frame.share(at),
                    block + OVERHEAD, cname, block, 1);
            byte[] header = frame.getByteArray(at, FrameBlocks.ONE_BLOCK_HEADER);
            frame.write(at, saved, 0, saved.length);
            if (n < 0) {
                throw new IOException("blosc could not compress " + block + " bytes with " + cname + " (error " + n
                        + ")");
            }
            if (n == 0 || !FrameBlocks.isOneCompressedBlock(header, block, n) || first != null && first[2] != header[2]) {
                return null;
            }
            if (first == null) {
                first = header;
            }
            starts[j] = position;
            position += n - FrameBlocks.ONE_BLOCK_HEADER;
        }
        ByteBuffer out = frame.getByteBuffer(0, position).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, first, 0, 4).putInt(4, nbytes).putInt(8, block).putInt(12, position);
        for (int j = 0; j < blocks; j++) {
            out.putInt(OVERHEAD + 4 * j, starts[j]);
        }
        return out;
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
        /** A compressed frame, read or written. */
        private Memory frame = new Memory(1 << 16);
        /** A whole chunk's elements, where a chunk is built or decoded whole. */
        private Memory raw;
        /** One block's elements, built or decoded. */
        private Memory piece;

        Memory frame(long bytes) {
            if (frame.size() < bytes) {
                frame = new Memory(Math.max(bytes, frame.size() + frame.size() / 2));
            }
            return frame;
        }

        Memory raw(long bytes) {
            if (raw == null || raw.size() < bytes) {
                raw = new Memory(Math.max(bytes, raw == null ? 0 : raw.size() + raw.size() / 2));
            }
            return raw;
        }

        /** Grows keeping the first {@code keep} bytes (a block window's carried bytes). */
        Memory piece(long bytes, long keep) {
            if (piece == null || piece.size() < bytes) {
                Memory grown = new Memory(Math.max(bytes, piece == null ? 0 : piece.size() + piece.size() / 2));
                if (keep > 0) {
                    grown.getByteBuffer(0, keep).put(piece.getByteBuffer(0, keep));
                }
                piece = grown;
            }
            return piece;
        }

        Memory piece(long bytes) {
            return piece(bytes, 0);
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
