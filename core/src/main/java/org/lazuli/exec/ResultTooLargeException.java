package org.lazuli.exec;

import org.lazuli.text.ByteSizes;

/**
 * Gathering a result into this JVM would need more heap than it has free: raised before the copy is
 * attempted, so the JVM never reaches {@link OutOfMemoryError}. The computation's cluster stays usable.
 */
public class ResultTooLargeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long bytes;
    private final long heapFree;
    private final long heapMax;

    /**
     * @param what        the subject of the message ("Computing add-1f3a (10000, 10000) float64")
     * @param resultBytes the size of the result
     * @param bytes       the heap gathering it needs (more than the result while blocks are copied into one array)
     */
    public ResultTooLargeException(String what, long resultBytes, long bytes, long heapFree, long heapMax) {
        super(what + " gathers " + ByteSizes.format(resultBytes) + " into this JVM"
                + (bytes > resultBytes ? " (" + ByteSizes.format(bytes) + " while its blocks are copied into one array)" : "")
                + ", but only " + ByteSizes.format(heapFree) + " of its " + ByteSizes.format(heapMax)
                + " heap (-Xmx) are free."
                + " Reduce it first (mean, sum, a selection), write it out chunk by chunk (toNetcdf, toZarr),"
                + " keep it on the cluster with persist(), or give the JVM a larger -Xmx");
        this.bytes = bytes;
        this.heapFree = heapFree;
        this.heapMax = heapMax;
    }

    /** The heap the gathering needs. */
    public long bytes() {
        return bytes;
    }

    /** The heap that was free when it was refused. */
    public long heapFree() {
        return heapFree;
    }

    /** The JVM's maximum heap. */
    public long heapMax() {
        return heapMax;
    }
}
