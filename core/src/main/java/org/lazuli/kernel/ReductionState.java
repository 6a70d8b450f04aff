package org.lazuli.kernel;

import java.io.Serializable;
import org.lazuli.graph.Sized;

/**
 * Partial results of one statistic for {@code positions} output elements: the "chunk" and "combine"
 * steps of a chunked reduction. A chunk's values are added with {@code acceptRun} (many values into one
 * position) or {@code acceptSpread} (value k into position p + k); partial states of the same statistic
 * merge with {@link #combine}; {@link #finishDouble}/{@link #finishLong} give the result.
 *
 * <p>Each statistic is a state of its own (Commons Statistics' shape: accept, combine, finish), made
 * by {@link #createWindow}; this class holds what they share: the window and the checks. A state may
 * hold a window of the output, positions {@code offset .. offset + positions}: a chunk of a grouped
 * reduction (a climatology) touches a few of its groups, so its state holds those alone, and a merge
 * adds a window into a larger one. Positions given to {@code accept...} count from the window's start.
 *
 * <p>With {@code skipNaN} NaN values are ignored (the nan-functions); otherwise they propagate, as
 * NumPy's. Values arrive in one of two lanes: doubles, or longs for integer data of SUM, PROD, MIN, MAX,
 * ARGMIN and ARGMAX (exact int64 arithmetic with wrap-around). Not thread-safe; one task owns a state.
 */
public abstract sealed class ReductionState implements Serializable, Sized
        permits SumState, ProductState, ExtremeState, MeanState, MomentsState, FlagState, CountState, ArgState,
        LongSumState, LongProductState, LongExtremeState, LongArgState {
    private static final long serialVersionUID = 1L;

    final Statistic statistic;
    final boolean skipNaN;
    final int offset;       // the absolute position of this window's first position
    final int positions;

    ReductionState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        this.statistic = statistic;
        this.skipNaN = skipNaN;
        this.offset = offset;
        this.positions = positions;
    }

    /**
     * An empty state.
     *
     * @param longLane values come as longs (only for SUM, PROD, MIN, MAX, ARGMIN, ARGMAX)
     */
    public static ReductionState create(Statistic statistic, boolean skipNaN, boolean longLane, int positions) {
        return createWindow(statistic, skipNaN, longLane, 0, positions);
    }

    /** An empty state of the output positions {@code offset .. offset + positions}. */
    public static ReductionState createWindow(Statistic statistic, boolean skipNaN, boolean longLane, int offset,
                                              int positions) {
        if (longLane && !supportsLongLane(statistic)) {
            throw new IllegalArgumentException(statistic + " accumulates doubles only");
        }
        if (offset < 0 || positions < 0) {
            throw new IllegalArgumentException("A state window of " + positions + " positions at " + offset);
        }
        if (longLane) {
            return switch (statistic) {
                case SUM -> new LongSumState(skipNaN, offset, positions);
                case PROD -> new LongProductState(skipNaN, offset, positions);
                case MIN, MAX -> new LongExtremeState(statistic, skipNaN, offset, positions);
                default -> new LongArgState(statistic, skipNaN, offset, positions);
            };
        }
        return switch (statistic) {
            case SUM -> new SumState(skipNaN, offset, positions);
            case PROD -> new ProductState(skipNaN, offset, positions);
            case MIN, MAX -> new ExtremeState(statistic, skipNaN, offset, positions);
            case MEAN -> new MeanState(skipNaN, offset, positions);
            case MOMENTS -> new MomentsState(skipNaN, offset, positions);
            case ANY, ALL -> new FlagState(statistic, skipNaN, offset, positions);
            case COUNT -> new CountState(skipNaN, offset, positions);
            case ARGMIN, ARGMAX -> new ArgState(statistic, skipNaN, offset, positions);
        };
    }

    public static boolean supportsLongLane(Statistic statistic) {
        return switch (statistic) {
            case SUM, PROD, MIN, MAX, ARGMIN, ARGMAX -> true;
            default -> false;
        };
    }

    /** Whether float32 values may be given as they are ({@code float[]}): SUM and MEAN, the everyday means. */
    public static boolean acceptsFloats(Statistic statistic) {
        return statistic == Statistic.SUM || statistic == Statistic.MEAN;
    }

    /** This state in the larger window {@code offset .. offset + positions} (which must hold this one's). */
    public ReductionState widened(int newOffset, int newPositions) {
        if (newOffset == offset && newPositions == positions) {
            return this;
        }
        ReductionState wide = createWindow(statistic, skipNaN, isLongLane(), newOffset, newPositions);
        wide.combine(this);
        return wide;
    }

    /** An independent copy of this state, to add more values to while this one stays as it is. */
    public abstract ReductionState copy();

    public Statistic statistic() {
        return statistic;
    }

    /** The positions this state holds (its window's size). */
    public int positions() {
        return positions;
    }

    /** The absolute output position of this state's first position (0 for a whole output). */
    public int offset() {
        return offset;
    }

    /** Whether values come as longs. */
    public boolean isLongLane() {
        return false;
    }

    // ---- accepting values: each state overrides the lanes it takes ----------------------------

    /**
     * Adds {@code len} values to one position; for arg statistics the values' indices are
     * {@code firstIndex, firstIndex + 1, …}.
     */
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        throw new IllegalStateException(statistic + " of integers takes the long lane, not doubles");
    }

    /** Adds value {@code k} of the run to position {@code p + k}, with index {@code index} for arg statistics. */
    public void acceptSpread(int p, double[] v, int off, int len, long index) {
        for (int k = 0; k < len; k++) {
            acceptRun(p + k, v, off + k, 1, index);
        }
    }

    /**
     * Adds a run of float32 values to position {@code p} (SUM and MEAN only), as {@link #acceptRun(int,
     * double[], int, int, long)} adds their widened values: a float32 block is reduced where it lies, not
     * through a widened copy.
     */
    public void acceptRun(int p, float[] v, int off, int len) {
        throw floatsRefused();
    }

    /** Adds float32 value {@code k} of the run to position {@code p + k} (SUM and MEAN only). */
    public void acceptSpread(int p, float[] v, int off, int len) {
        throw floatsRefused();
    }

    private IllegalStateException floatsRefused() {
        return new IllegalStateException(statistic + " takes float32 values widened to doubles");
    }

    /** Long lane: adds {@code len} values to one position. */
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        throw new IllegalStateException(statistic + " has no long lane");
    }

    /** Long lane: adds value {@code k} of the run to position {@code p + k}. */
    public void acceptSpread(int p, long[] v, int off, int len, long index) {
        for (int k = 0; k < len; k++) {
            acceptRun(p + k, v, off + k, 1, index);
        }
    }

    // ---- merging and finishing ----------------------------------------------------------------

    /**
     * Merges another partial result into this one, in any order: its window must lie inside this one's.
     * For arg statistics ties go to the smaller index.
     */
    public final void combine(ReductionState other) {
        int shift = other.offset - offset;
        if (other.getClass() != getClass() || other.statistic != statistic || shift < 0
                || shift + other.positions > positions) {
            throw new IllegalArgumentException("Cannot combine a " + other.statistic + " state of positions "
                    + other.offset + ".." + (other.offset + other.positions) + " into a " + statistic
                    + " state of positions " + offset + ".." + (offset + positions));
        }
        merge(other, shift);
    }

    /** Merges {@code other} (of this class and statistic) into positions {@code shift ..} of this one. */
    abstract void merge(ReductionState other, int shift);

    /**
     * The finished statistic per position as doubles: MEAN is sum / count (NaN when empty),
     * MOMENTS gives the variance {@code m2 / max(count - ddof, 0)}, MIN/MAX of nothing is NaN, ANY/ALL
     * and arg statistics give 0/1 and indices.
     */
    public abstract double[] finishDouble(int ddof);

    /** The finished statistic per position as longs (long-lane values, counts, flags, indices). */
    public abstract long[] finishLong();

    /** Per-position longs (counts, flags, indices, int64 results) as the doubles {@link #finishDouble} gives. */
    static double[] widened(long[] values) {
        double[] out = new double[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = values[p];
        }
        return out;
    }

    /** Per-position doubles as the longs {@link #finishLong} gives (truncated towards zero). */
    static long[] truncated(double[] values) {
        long[] out = new long[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = (long) values[p];
        }
        return out;
    }

    /** Bytes of {@code arrays} arrays of one 8-byte value per position. */
    long bytesOf(int arrays) {
        return 8L * positions * arrays;
    }
}
