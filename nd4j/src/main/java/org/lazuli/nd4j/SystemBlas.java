package org.lazuli.nd4j;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.ludovic.netlib.blas.BLAS;
import java.util.function.Supplier;

/**
 * The system's BLAS through netlib (its JNI binding to {@code libblas.so.3}, which Debian points at OpenBLAS;
 * netlib falls back to its Java BLAS where no native library loads). Block products run one per scheduler
 * thread, so OpenBLAS is given one thread: more would oversubscribe the cores. Process-wide, hence set once.
 */
final class SystemBlas {
    private static volatile boolean limited;

    private SystemBlas() {
    }

    static BLAS blas() {
        return BLAS.getInstance();
    }

    /** Whether the products run in native code (else in netlib's Java, much slower). */
    static boolean isNative() {
        String implementation = blas().getClass().getSimpleName();
        return !implementation.startsWith("Java") && !implementation.startsWith("Vector");
    }

    static void singleThreaded() {
        if (!limited) {
            synchronized (SystemBlas.class) {
                if (!limited) {
                    setThreads(1);
                    limited = true;
                }
            }
        }
    }

    /**
     * Runs {@code product} with OpenBLAS on every core (one in-memory product, as NumPy's), then back to
     * one thread for block products. Products of both kinds at once would oversubscribe the cores for a while,
     * never give wrong results.
     */
    static synchronized <T> T allCores(Supplier<T> product) {
        setThreads(Runtime.getRuntime().availableProcessors());
        try {
            return product.get();
        } finally {
            setThreads(1);
            limited = true;
        }
    }

    private static void setThreads(int threads) {
        blas();   // loads the library first
        try {
            Function set = NativeLibrary.getInstance("blas").getFunction("openblas_set_num_threads");
            set.invoke(new Object[] {threads});
        } catch (UnsatisfiedLinkError notOpenBlas) {
            // another BLAS (reference, BLIS): its own threading stays as configured
        }
    }
}
