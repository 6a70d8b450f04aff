package org.lazuli.exec;

/**
 * Whether this JVM's heap has room for a result about to be gathered into it. Checked before
 * allocating, so that a result larger than the heap fails with what to do instead of an
 * {@link OutOfMemoryError} on some thread.
 */
public final class HeapRoom {
    private HeapRoom() {
    }

    /** The heap that can still be allocated: the maximum less what is in use (garbage included). */
    public static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * Raises {@link ResultTooLargeException} when {@code bytes} do not fit in the free heap. What looks
     * full may be garbage: one full collection is asked for before refusing.
     *
     * @param what        names the result, as the message's subject ("Computing add-1f3a (10000, 10000) float64")
     * @param resultBytes the result's size
     * @param bytes       the heap gathering needs
     */
    public static void require(String what, long resultBytes, long bytes) {
        if (bytes <= free()) {
            return;
        }
        System.gc();   // only on the way to refusing: what is in use may be unreachable already
        long free = free();
        if (bytes > free) {
            throw new ResultTooLargeException(what, resultBytes, bytes, free, Runtime.getRuntime().maxMemory());
        }
    }
}
