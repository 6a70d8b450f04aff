package org.lazuli.array;

import java.util.Arrays;

/**
 * Options of a reduction: axes (none = all), {@code keepdims}, delta degrees of freedom for
 * var/std, and the tree's fan-in ({@code splitEvery}, dask's {@code split_every}). Immutable; each
 * {@code withXxx} returns a new instance.
 *
 * <pre>{@code
 * x.reduce(Reduction.STD, ReduceOptions.axes(0).withDdof(1).withKeepdims(true));
 * }</pre>
 */
public final class ReduceOptions {
    /** Inputs combined per tree node when not specified: 16 blocks, spread over the reduced axes. */
    public static final int DEFAULT_SPLIT_EVERY = 16;

    private static final ReduceOptions ALL = new ReduceOptions(new int[0], false, 0, DEFAULT_SPLIT_EVERY);

    private final int[] axes;
    private final boolean keepdims;
    private final int ddof;
    private final int splitEvery;

    private ReduceOptions(int[] axes, boolean keepdims, int ddof, int splitEvery) {
        this.axes = axes;
        this.keepdims = keepdims;
        this.ddof = ddof;
        this.splitEvery = splitEvery;
    }

    /** Reduce over every axis. */
    public static ReduceOptions all() {
        return ALL;
    }

    /** Reduce over the given axes (negative counts from the end); none means every axis. */
    public static ReduceOptions axes(int... axes) {
        return new ReduceOptions(axes.clone(), false, 0, DEFAULT_SPLIT_EVERY);
    }

    public ReduceOptions withKeepdims(boolean keep) {
        return new ReduceOptions(axes, keep, ddof, splitEvery);
    }

    public ReduceOptions withDdof(int newDdof) {
        if (newDdof < 0) {
            throw new IllegalArgumentException("ddof must be >= 0, got " + newDdof);
        }
        return new ReduceOptions(axes, keepdims, newDdof, splitEvery);
    }

    public ReduceOptions withSplitEvery(int fanIn) {
        if (fanIn < 2) {
            throw new IllegalArgumentException("splitEvery must be at least 2, got " + fanIn);
        }
        return new ReduceOptions(axes, keepdims, ddof, fanIn);
    }

    public int[] axes() {
        return axes.clone();
    }

    public boolean keepdims() {
        return keepdims;
    }

    public int ddof() {
        return ddof;
    }

    public int splitEvery() {
        return splitEvery;
    }

    @Override
    public String toString() {
        return "ReduceOptions[axes=" + Arrays.toString(axes) + ", keepdims=" + keepdims + ", ddof=" + ddof
                + ", splitEvery=" + splitEvery + "]";
    }
}
