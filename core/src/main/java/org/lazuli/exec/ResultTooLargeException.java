package org.lazuli.exec;

/**
 * Gathering a result into this JVM would need more heap than it has free: raised before the copy is
 * attempted, so the JVM never reaches {@link OutOfMemoryError}. The computation's cluster stays usable.
 */
public class ResultTooLargeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long bytes;
    private final long heapFree;
    private final long heapMax;

    public ResultTooLargeException(String what, long bytes, long heapFree, long heapMax) {
        super(what + " needs " + ByteSizes.format(bytes) + " of heap in this JVM to gather, but only "
                + ByteSizes.format(heapFree) + " of its " + ByteSizes.format(heapMax) + " (-Xmx) are free."
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
