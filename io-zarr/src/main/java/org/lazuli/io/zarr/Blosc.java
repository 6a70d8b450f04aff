package org.lazuli.io.zarr;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
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
        nativeInput(encoded.length).put(encoded);
        return decodeInput(encoded.length);
    }

    /**
     * This thread's native input buffer, {@code bytes} long: a frame is read into it (then
     * {@link #decodeInput}) or a chunk built in it (then {@link #encodeInput}) without a heap copy.
     */
    static ByteBuffer nativeInput(int bytes) {
        return NativeBuffers.THREAD.get().input(bytes).getByteBuffer(0, bytes);
    }

    /** Decodes the frame of {@code length} bytes in this thread's native input; a view of the native output. */
    ByteBuffer decodeInput(int length) throws IOException {
        Library.require();
        if (length < OVERHEAD) {
            throw new IOException("not a blosc frame: " + length + " bytes, less than its 16-byte header");
        }
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Pointer in = buffers.input(length);
        long[] sizes = new long[3];
        Library.blosc_cbuffer_sizes(in, sizes);
        long nbytes = sizes[0];
        if (sizes[1] != length || nbytes < 0 || nbytes > Integer.MAX_VALUE - 8) {
            throw new IOException("not a whole blosc frame: its header says " + sizes[1] + " compressed bytes, the"
                    + " chunk has " + length);
        }
        Pointer out = buffers.output(nbytes);
        int n = Library.blosc_decompress_ctx(in, out, nbytes, 1);
        if (n < 0 || n != nbytes) {
            throw new IOException("blosc could not decompress the frame (error " + n + "); the chunk is damaged");
        }
        return out.getByteBuffer(0, nbytes);
    }

    @Override
    public byte[] encode(byte[] raw) throws IOException {
        Library.require();
        nativeInput(raw.length).put(raw);
        ByteBuffer encoded = encodeInput(raw.length);
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }

    /** Compresses the {@code length} bytes built in this thread's native input; a view of the native output. */
    ByteBuffer encodeInput(int length) throws IOException {
        Library.require();
        int doShuffle = shuffle == -1 ? (typesize == 1 ? 2 : 1) : shuffle;
        NativeBuffers buffers = NativeBuffers.THREAD.get();
        Pointer in = buffers.input(length);
        long capacity = length + OVERHEAD;
        Pointer out = buffers.output(capacity);
        int n = Library.blosc_compress_ctx(clevel, doShuffle, Math.max(typesize, 1), length, in, out, capacity,
                cname, blocksize, 1);
        if (n <= 0) {
            throw new IOException("blosc could not compress " + length + " bytes with " + cname + " (error " + n + ")");
        }
        return out.getByteBuffer(0, n);
    }

    /** One thread's native input and output buffers, grown to the largest chunk (freed with the thread's GC). */
    private static final class NativeBuffers {
        static final ThreadLocal<NativeBuffers> THREAD = ThreadLocal.withInitial(NativeBuffers::new);
        private Memory in = new Memory(1 << 16);
        private Memory out = new Memory(1 << 16);

        Pointer input(long bytes) {
            if (in.size() < bytes) {
                in = new Memory(Math.max(bytes, in.size() + in.size() / 2));
            }
            return in;
        }

        Pointer output(long bytes) {
            if (out.size() < bytes) {
                out = new Memory(Math.max(bytes, out.size() + out.size() / 2));
            }
            return out;
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
        int effective = shuffle == -1 ? (typesize == 1 ? 2 : 1) : shuffle;
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
