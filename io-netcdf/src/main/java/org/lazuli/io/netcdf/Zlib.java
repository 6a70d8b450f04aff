package org.lazuli.io.netcdf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates zlib streams whose inflated size is known (HDF5's deflate filter): with libdeflate where the
 * system has it (Debian's {@code libdeflate0}; 1.6-1.8x the JDK's zlib on NetCDF-4 chunks, README
 * "NetCDF-4 reads"), else with the JDK's {@link Inflater}. {@code -Dlazuli.inflater=jdk} chooses the
 * JDK's. Each thread has its own decompressor and buffers, so every worker inflates at once.
 */
final class Zlib {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean LIBDEFLATE = !"jdk".equals(System.getProperty("lazuli.inflater")) && Libdeflate.load();
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<NativeBuffers> NATIVE = ThreadLocal.withInitial(NativeBuffers::new);

    private Zlib() {
    }

    /** Which implementation inflates: "libdeflate" or "jdk". */
    static String implementation() {
        return LIBDEFLATE ? "libdeflate" : "jdk";
    }

    /**
     * Inflates {@code input[0 .. length)} into exactly {@code bytes} bytes of {@code target}.
     *
     * @throws DataFormatException when the input is not a zlib stream, or inflates to fewer or more bytes
     */
    static void inflate(byte[] input, int length, byte[] target, int bytes) throws DataFormatException {
        if (LIBDEFLATE) {
            inflateWithLibdeflate(input, length, target, bytes);
        } else {
            inflateWithJdk(input, length, target, bytes);
        }
    }

    /** Whether libdeflate was found (and not turned off). */
    static boolean hasLibdeflate() {
        return LIBDEFLATE;
    }

    static void inflateWithLibdeflate(byte[] input, int length, byte[] target, int bytes) throws DataFormatException {
        NATIVE.get().inflate(input, length, target, bytes);
    }

    static void inflateWithJdk(byte[] input, int length, byte[] target, int bytes) throws DataFormatException {
        Inflater inflater = INFLATERS.get();
        inflater.reset();
        inflater.setInput(input, 0, length);
        int filled = 0;
        while (filled < bytes) {
            int n = inflater.inflate(target, filled, bytes - filled);
            if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                throw new DataFormatException("the stream ends after " + filled + " of the " + bytes + " bytes expected");
            }
            filled += n;
        }
    }

    /** libdeflate's zlib decompressor, bound through JNA's direct mapping. */
    private static final class Libdeflate {
        private static final int SUCCESS = 0;
        private static final int SHORT_OUTPUT = 2;

        static boolean load() {
            try {
                Native.register(Libdeflate.class, "deflate");
                Pointer probe = libdeflate_alloc_decompressor();
                libdeflate_free_decompressor(probe);
                return probe != null;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return false;   // not installed: the JDK's zlib
            }
        }

        static native Pointer libdeflate_alloc_decompressor();

        static native void libdeflate_free_decompressor(Pointer decompressor);

        static native int libdeflate_zlib_decompress(Pointer decompressor, Pointer in, long inBytes, Pointer out,
                                                     long outBytes, Pointer actualOut);
    }

    /**
     * One thread's decompressor and native buffers (grown to the largest chunk), freed when the thread
     * is gone. Native buffers, because JNA copies Java arrays in and out of a call anyway.
     */
    private static final class NativeBuffers {
        private final Pointer decompressor = Libdeflate.libdeflate_alloc_decompressor();
        private Memory in = new Memory(1 << 16);
        private Memory out = new Memory(1 << 16);

        NativeBuffers() {
            Pointer owned = decompressor;
            CLEANER.register(this, () -> Libdeflate.libdeflate_free_decompressor(owned));
        }

        void inflate(byte[] input, int length, byte[] target, int bytes) throws DataFormatException {
            if (in.size() < length) {
                in = new Memory(Math.max(length, 2 * in.size()));
            }
            if (out.size() < bytes) {
                out = new Memory(Math.max(bytes, 2 * out.size()));
            }
            in.write(0, input, 0, length);
            int result = Libdeflate.libdeflate_zlib_decompress(decompressor, in, length, out, bytes, Pointer.NULL);
            if (result != Libdeflate.SUCCESS) {
                throw new DataFormatException(result == Libdeflate.SHORT_OUTPUT
                        ? "the stream inflates to fewer than the " + bytes + " bytes expected"
                        : result == 3 ? "the stream inflates to more than the " + bytes + " bytes expected"
                        : "invalid compressed data");
            }
            out.read(0, target, 0, bytes);
        }
    }
}
