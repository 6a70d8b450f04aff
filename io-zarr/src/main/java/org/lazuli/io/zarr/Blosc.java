package org.lazuli.io.zarr;

import com.sun.jna.Native;
import java.io.IOException;
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
        Library.require();
        long[] nbytes = new long[1];
        long[] cbytes = new long[1];
        long[] block = new long[1];
        if (encoded.length < OVERHEAD) {
            throw new IOException("not a blosc frame: " + encoded.length + " bytes, less than its 16-byte header");
        }
        Library.blosc_cbuffer_sizes(encoded, nbytes, cbytes, block);
        if (cbytes[0] != encoded.length || nbytes[0] < 0 || nbytes[0] > Integer.MAX_VALUE - 8) {
            throw new IOException("not a whole blosc frame: its header says " + cbytes[0] + " compressed bytes, the chunk"
                    + " has " + encoded.length);
        }
        byte[] out = new byte[(int) nbytes[0]];
        int n = Library.blosc_decompress_ctx(encoded, out, out.length, 1);
        if (n < 0 || n != out.length) {
            throw new IOException("blosc could not decompress the frame (error " + n + "); the chunk is damaged");
        }
        return out;
    }

    @Override
    public byte[] encode(byte[] raw) throws IOException {
        Library.require();
        int doShuffle = shuffle == -1 ? (typesize == 1 ? 2 : 1) : shuffle;
        byte[] out = new byte[raw.length + OVERHEAD];
        int n = Library.blosc_compress_ctx(clevel, doShuffle, Math.max(typesize, 1), raw.length, raw, out, out.length,
                cname, blocksize, 1);
        if (n <= 0) {
            throw new IOException("blosc could not compress " + raw.length + " bytes with " + cname + " (error " + n + ")");
        }
        return java.util.Arrays.copyOf(out, n);
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

        static native void blosc_cbuffer_sizes(byte[] cbuffer, long[] nbytes, long[] cbytes, long[] blocksize);

        static native int blosc_decompress_ctx(byte[] src, byte[] dest, long destsize, int numinternalthreads);

        static native int blosc_compress_ctx(int clevel, int doshuffle, long typesize, long nbytes, byte[] src, byte[] dest,
                                             long destsize, String compressor, long blocksize, int numinternalthreads);
    }
}
