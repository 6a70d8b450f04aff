package org.lazuli.kernel;

import java.io.Serializable;
import java.util.Arrays;
import org.lazuli.graph.Sized;

/**
 * Partial results of one statistic for {@code positions} output elements: the "chunk" and "combine"
 * steps of a chunked reduction. A chunk's values are added with {@link #acceptRun} (many values into
 * one position) or {@link #acceptSpread} (value k into position p + k); partial states of the same
 * positions merge with {@link #combine}; {@link #finishDouble}/{@link #finishLong} give the result.
 *
 * <p>A state may hold a window of the output, positions {@code offset .. offset + positions}: a chunk of
 * a grouped reduction (a climatology) touches a few of its groups, so its state holds those alone, and a
 * merge adds a window into a larger one. Positions given to {@code accept...} count from the window's start.
 *
 * <p>Moments merge with the pairwise update of Chan, Golub and LeVeque (as commons-statistics'
 * {@code Variance.combine}), so chunked variance is as accurate as a two-pass computation. With
 * {@code skipNaN} NaN values are ignored (the nan-functions); otherwise they propagate, as NumPy's.
 * Arg statistics keep the first index on ties and, without skipNaN, the first NaN.
 *
 * <p>Values arrive in one of two lanes: doubles, or longs for integer data of SUM, PROD, MIN, MAX,
 * ARGMIN and ARGMAX (exact int64 arithmetic with wrap-around). Not thread-safe; one task owns a state.
 */
public final class ReductionState implements Serializable, Sized {
    private static final long serialVersionUID = 1L;

    private final Statistic statistic;
    private final boolean skipNaN;
    private final boolean longLane;
    private final int offset;       // the absolute position of this window's first position
    private final int positions;
    private final double[] value;   // sum, product, min, max, mean, or the arg statistic's value
    private final double[] m2;      // moments only
    private final long[] count;     // count of accepted values, any/all flag, or the arg index
    private final long[] longValue; // long lane: sum, product, min, max, arg value

    private ReductionState(Statistic statistic, boolean skipNaN, boolean longLane, int offset, int positions) {
        this.statistic = statistic;
        this.skipNaN = skipNaN;
        this.longLane = longLane;
        this.offset = offset;
        this.positions = positions;
        this.value = longLane ? null : new double[positions];
        this.m2 = statistic == Statistic.MOMENTS ? new double[positions] : null;
        this.count = new long[positions];
        this.longValue = longLane ? new long[positions] : null;
        initialise();
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
        return new ReductionState(statistic, skipNaN, longLane, offset, positions);
    }

    /** This state in the larger window {@code offset .. offset + positions} (which must hold this one's). */
    public ReductionState widened(int newOffset, int newPositions) {
        if (newOffset == offset && newPositions == positions) {
            return this;
        }
        ReductionState wide = createWindow(statistic, skipNaN, longLane, newOffset, newPositions);
        wide.combine(this);
        return wide;
    }

    /** An independent copy of this state, to add more values to while this one stays as it is. */
    public ReductionState copy() {
        return new ReductionState(this);
    }

    private ReductionState(ReductionState other) {
        this.statistic = other.statistic;
        this.skipNaN = other.skipNaN;
        this.longLane = other.longLane;
        this.offset = other.offset;
        this.positions = other.positions;
        this.value = other.value == null ? null : other.value.clone();
        this.m2 = other.m2 == null ? null : other.m2.clone();
        this.count = other.count.clone();
        this.longValue = other.longValue == null ? null : other.longValue.clone();
    }

    public static boolean supportsLongLane(Statistic statistic) {
        return switch (statistic) {
            case SUM, PROD, MIN, MAX, ARGMIN, ARGMAX -> true;
            default -> false;
        };
    }

    private void initialise() {
        switch (statistic) {
            case PROD -> fill(1);
            case MIN -> fill(Double.POSITIVE_INFINITY);
            case MAX -> fill(Double.NEGATIVE_INFINITY);
            case ALL -> Arrays.fill(count, 1);
            case ARGMIN, ARGMAX -> {
                Arrays.fill(count, -1);
                fill(Double.NaN);
            }
            default -> {
            }
        }
        if (longLane) {
            long init = switch (statistic) {
                case PROD -> 1;
                case MIN, ARGMIN -> Long.MAX_VALUE;
                case MAX, ARGMAX -> Long.MIN_VALUE;
                default -> 0;
            };
            Arrays.fill(longValue, init);
        }
    }

    private void fill(double v) {
        if (value != null) {
            Arrays.fill(value, v);
        }
    }

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

    public boolean isLongLane() {
        return longLane;
    }

    @Override
    public long nbytes() {
        return 8L * positions * ((value != null ? 1 : 0) + (m2 != null ? 1 : 0) + 1 + (longValue != null ? 1 : 0));
    }

    // ---- accepting values -------------------------------------------------------------------

    /**
     * Adds {@code len} values to one position; for arg statistics the values' indices are
     * {@code firstIndex, firstIndex + 1, …}.
     */
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        int end = off + len;
        switch (statistic) {
            case SUM -> value[p] += skipNaN ? nanSum(v, off, end) : sum(v, off, end);
            case PROD -> {
                double prod = value[p];
                for (int i = off; i < end; i++) {
                    if (!(skipNaN && v[i] != v[i])) {
                        prod *= v[i];
                    }
                }
                value[p] = prod;
            }
            case MIN, MAX -> acceptExtremeRun(p, v, off, end);
            case MEAN -> {
                if (skipNaN) {
                    long n = 0;
                    double s0 = 0;
                    for (int i = off; i < end; i++) {
                        if (v[i] == v[i]) {
                            s0 += v[i];
                            n++;
                        }
                    }
                    value[p] += s0;
                    count[p] += n;
                } else {
                    value[p] += sum(v, off, end);
                    count[p] += len;
                }
            }
            case MOMENTS -> acceptMomentsRun(p, v, off, end);
            case ANY -> {
                if (count[p] == 0) {
                    for (int i = off; i < end; i++) {
                        if (v[i] != 0) {
                            count[p] = 1;
                            break;
                        }
                    }
                }
            }
            case ALL -> {
                if (count[p] == 1) {
                    for (int i = off; i < end; i++) {
                        if (v[i] == 0) {
                            count[p] = 0;
                            break;
                        }
                    }
                }
            }
            case COUNT -> {
                long n = 0;
                for (int i = off; i < end; i++) {
                    if (v[i] == v[i]) {
                        n++;
                    }
                }
                count[p] += n;
            }
            case ARGMIN, ARGMAX -> {
                for (int i = off; i < end; i++) {
                    acceptArg(p, v[i], firstIndex + (i - off));
                }
            }
        }
    }

    /** Whether float32 values may be given as they are ({@code float[]}): SUM and MEAN, the everyday means. */
    public static boolean acceptsFloats(Statistic statistic) {
        return statistic == Statistic.SUM || statistic == Statistic.MEAN;
    }

    /**
     * Adds a run of float32 values to position {@code p} (SUM and MEAN only), as {@link #acceptRun(int,
     * double[], int, int, long)} adds their widened values: a float32 block is reduced where it lies, not
     * through a widened copy.
     */
    public void acceptRun(int p, float[] v, int off, int len) {
        requireFloats();
        double s0 = 0;
        double s1 = 0;
        long n = 0;
        int end = off + len;
        int i = off;
        if (!skipNaN) {
            for (; i + 1 < end; i += 2) {
                s0 += v[i];
                s1 += v[i + 1];
            }
            for (; i < end; i++) {
                s0 += v[i];
            }
            n = len;
        } else {
            for (; i < end; i++) {
                float x = v[i];
                if (x == x) {
                    s0 += x;
                    n++;
                }
            }
        }
        value[p] += s0 + s1;
        if (statistic == Statistic.MEAN) {
            count[p] += n;
        }
    }

    /** Adds float32 value {@code k} of the run to position {@code p + k} (SUM and MEAN only). */
    public void acceptSpread(int p, float[] v, int off, int len) {
        requireFloats();
        boolean counts = statistic == Statistic.MEAN;
        for (int k = 0; k < len; k++) {
            double x = v[off + k];
            if (!(skipNaN && x != x)) {   // branches measured faster here than two branch-free passes
                value[p + k] += x;
                if (counts) {
                    count[p + k]++;
                }
            }
        }
    }

    private void requireFloats() {
        if (!acceptsFloats(statistic) || longLane) {
            throw new IllegalStateException(statistic + " takes float32 values widened to doubles");
        }
    }

    /** Adds value {@code k} of the run to position {@code p + k}, with index {@code index} for arg statistics. */
    public void acceptSpread(int p, double[] v, int off, int len, long index) {
        switch (statistic) {
            case SUM -> {
                for (int k = 0; k < len; k++) {
                    double x = v[off + k];
                    if (!(skipNaN && x != x)) {
                        value[p + k] += x;
                    }
                }
            }
            case MEAN -> {
                for (int k = 0; k < len; k++) {
                    double x = v[off + k];
                    if (!(skipNaN && x != x)) {
                        value[p + k] += x;
                        count[p + k]++;
                    }
                }
            }
            case ARGMIN, ARGMAX -> {
                for (int k = 0; k < len; k++) {
                    acceptArg(p + k, v[off + k], index);
                }
            }
            default -> {
                for (int k = 0; k < len; k++) {
                    acceptRun(p + k, v, off + k, 1, index);
                }
            }
        }
    }

    private static double sum(double[] v, int off, int end) {
        // four accumulators: independent additions pipeline, about 3x a single running sum
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = off;
        for (; i + 3 < end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double nanSum(double[] v, int off, int end) {
        double s0 = 0;
        double s1 = 0;
        int i = off;
        for (; i + 1 < end; i += 2) {
            double a = v[i];
            double b = v[i + 1];
            s0 += a == a ? a : 0;
            s1 += b == b ? b : 0;
        }
        for (; i < end; i++) {
            s0 += v[i] == v[i] ? v[i] : 0;
        }
        return s0 + s1;
    }

    private void acceptExtremeRun(int p, double[] v, int off, int end) {
        boolean min = statistic == Statistic.MIN;
        double best = value[p];
        long seen = 0;
        boolean sawNaN = false;
        for (int i = off; i < end; i++) {
            double x = v[i];
            if (x != x) {
                sawNaN = true;
                continue;
            }
            seen++;
            if (min ? x < best : x > best) {
                best = x;
            }
        }
        if (sawNaN && !skipNaN) {
            best = Double.NaN;
        }
        if (value[p] != value[p] && !skipNaN) {
            best = Double.NaN;
        }
        value[p] = best;
        count[p] += seen;
    }

    private void acceptMomentsRun(int p, double[] v, int off, int end) {
        long n = 0;
        double sum = 0;
        for (int i = off; i < end; i++) {
            double x = v[i];
            if (!(skipNaN && x != x)) {
                sum += x;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double mean = sum / n;
        double dev = 0;
        for (int i = off; i < end; i++) {
            double x = v[i];
            if (!(skipNaN && x != x)) {
                double d = x - mean;
                dev += d * d;
            }
        }
        mergeMoments(p, n, mean, dev);
    }

    private void mergeMoments(int p, long n2, double mean2, double dev2) {
        long n1 = count[p];
        if (n1 == 0) {
            count[p] = n2;
            value[p] = mean2;
            m2[p] = dev2;
            return;
        }
        long n = n1 + n2;
        double delta = mean2 - value[p];
        value[p] += delta * ((double) n2 / n);
        m2[p] += dev2 + delta * delta * ((double) n1 * n2 / n);
        count[p] = n;
    }

    private void acceptArg(int p, double x, long index) {
        double best = value[p];
        boolean take;
        if (count[p] < 0) {
            take = !(skipNaN && x != x);
        } else if (best != best) {
            take = false;   // the first NaN wins without skipNaN
        } else if (x != x) {
            take = !skipNaN;
        } else {
            take = statistic == Statistic.ARGMIN ? x < best : x > best;
        }
        if (take) {
            value[p] = x;
            count[p] = index;
        }
    }

    /** Long lane: adds {@code len} values to one position. */
    public void acceptRun(int p, long[] v, int off, int len, long firstIndex) {
        int end = off + len;
        switch (statistic) {
            case SUM -> {
                long s = longValue[p];
                for (int i = off; i < end; i++) {
                    s += v[i];
                }
                longValue[p] = s;
            }
            case PROD -> {
                long s = longValue[p];
                for (int i = off; i < end; i++) {
                    s *= v[i];
                }
                longValue[p] = s;
            }
            case MIN -> {
                long s = longValue[p];
                for (int i = off; i < end; i++) {
                    s = Math.min(s, v[i]);
                }
                longValue[p] = s;
                count[p] += len;
            }
            case MAX -> {
                long s = longValue[p];
                for (int i = off; i < end; i++) {
                    s = Math.max(s, v[i]);
                }
                longValue[p] = s;
                count[p] += len;
            }
            case ARGMIN, ARGMAX -> {
                for (int i = off; i < end; i++) {
                    acceptArg(p, v[i], firstIndex + (i - off));
                }
            }
            default -> throw new IllegalStateException(statistic + " has no long lane");
        }
    }

    /** Long lane: adds value {@code k} of the run to position {@code p + k}. */
    public void acceptSpread(int p, long[] v, int off, int len, long index) {
        for (int k = 0; k < len; k++) {
            acceptRun(p + k, v, off + k, 1, index);
        }
    }

    private void acceptArg(int p, long x, long index) {
        boolean take = count[p] < 0 || (statistic == Statistic.ARGMIN ? x < longValue[p] : x > longValue[p]);
        if (take) {
            longValue[p] = x;
            count[p] = index;
        }
    }

    // ---- merging and finishing ----------------------------------------------------------------

    /**
     * Merges another partial result into this one, in any order: its window must lie inside this one's.
     * For arg statistics ties go to the smaller index.
     */
    public void combine(ReductionState other) {
        int shift = other.offset - offset;
        if (other.statistic != statistic || other.longLane != longLane || shift < 0
                || shift + other.positions > positions) {
            throw new IllegalArgumentException("Cannot combine a " + other.statistic + " state of positions "
                    + other.offset + ".." + (other.offset + other.positions) + " into a " + statistic
                    + " state of positions " + offset + ".." + (offset + positions));
        }
        int n = other.positions;
        if (!longLane && (statistic == Statistic.MEAN || statistic == Statistic.COUNT || statistic == Statistic.SUM)) {
            // the common merges as plain loops (the JIT vectorises them): a climatology merges millions of positions
            double[] values = other.value;
            for (int p = 0; p < n; p++) {
                value[shift + p] += values[p];
            }
            if (statistic != Statistic.SUM) {
                long[] counts = other.count;
                for (int p = 0; p < n; p++) {
                    count[shift + p] += counts[p];
                }
            }
            return;
        }
        for (int q = 0; q < n; q++) {
            if (longLane) {
                combineLong(shift + q, other, q);
            } else {
                combineDouble(shift + q, other, q);
            }
        }
    }

    private void combineDouble(int p, ReductionState other, int q) {
        switch (statistic) {
            case SUM -> value[p] += other.value[q];
            case PROD -> value[p] *= other.value[q];
            case MIN, MAX -> {
                double a = value[p];
                double b = other.value[q];
                if (a != a || b != b) {
                    value[p] = skipNaN ? (a != a ? b : a) : Double.NaN;
                } else {
                    value[p] = statistic == Statistic.MIN ? Math.min(a, b) : Math.max(a, b);
                }
                count[p] += other.count[q];
            }
            case MEAN, COUNT -> {
                value[p] += other.value[q];
                count[p] += other.count[q];
            }
            case MOMENTS -> {
                if (other.count[q] > 0) {
                    mergeMoments(p, other.count[q], other.value[q], other.m2[q]);
                }
            }
            case ANY -> count[p] = count[p] | other.count[q];
            case ALL -> count[p] = count[p] & other.count[q];
            case ARGMIN, ARGMAX -> combineArg(p, other.value[q], other.count[q]);
        }
    }

    /** Keeps the better of two arg candidates; on ties (and between NaNs) the smaller index wins. */
    private void combineArg(int p, double x, long index) {
        if (index < 0) {
            return;
        }
        long mine = count[p];
        double best = value[p];
        boolean take;
        if (mine < 0) {
            take = true;
        } else if (best != best || x != x) {
            take = x != x && (best == best || index < mine);
        } else if (x == best) {
            take = index < mine;
        } else {
            take = statistic == Statistic.ARGMIN ? x < best : x > best;
        }
        if (take) {
            value[p] = x;
            count[p] = index;
        }
    }

    private void combineLong(int p, ReductionState other, int q) {
        switch (statistic) {
            case SUM -> longValue[p] += other.longValue[q];
            case PROD -> longValue[p] *= other.longValue[q];
            case MIN -> {
                longValue[p] = Math.min(longValue[p], other.longValue[q]);
                count[p] += other.count[q];
            }
            case MAX -> {
                longValue[p] = Math.max(longValue[p], other.longValue[q]);
                count[p] += other.count[q];
            }
            case ARGMIN, ARGMAX -> {
                long index = other.count[q];
                long x = other.longValue[q];
                if (index >= 0 && (count[p] < 0 || (x == longValue[p] ? index < count[p]
                        : (statistic == Statistic.ARGMIN ? x < longValue[p] : x > longValue[p])))) {
                    longValue[p] = x;
                    count[p] = index;
                }
            }
            default -> throw new IllegalStateException(statistic + " has no long lane");
        }
    }

    /** Elements accepted at a position (for MIN/MAX, MEAN, MOMENTS, COUNT: the non-skipped values). */
    public long count(int p) {
        return count[p];
    }

    /**
     * The finished statistic per position as doubles: MEAN is sum / count (NaN when empty),
     * MOMENTS gives the variance {@code m2 / max(count - ddof, 0)}, MIN/MAX of nothing is NaN, ANY/ALL
     * and arg statistics give 0/1 and indices.
     */
    public double[] finishDouble(int ddof) {
        double[] out = new double[positions];
        for (int p = 0; p < positions; p++) {
            out[p] = switch (statistic) {
                case SUM, PROD -> longLane ? longValue[p] : value[p];
                case MIN, MAX -> longLane ? longValue[p] : (count[p] == 0 ? Double.NaN : value[p]);
                case MEAN -> count[p] == 0 ? Double.NaN : value[p] / count[p];
                case MOMENTS -> count[p] == 0 ? Double.NaN : m2[p] / Math.max(count[p] - ddof, 0);
                case ANY, ALL, COUNT, ARGMIN, ARGMAX -> count[p];
            };
            if (statistic == Statistic.MOMENTS && count[p] > 0 && count[p] - ddof <= 0 && m2[p] == 0) {
                out[p] = Double.NaN;   // 0 / 0, as NumPy
            }
        }
        return out;
    }

    /** The finished statistic per position as longs (long-lane values, counts, flags, indices). */
    public long[] finishLong() {
        long[] out = new long[positions];
        for (int p = 0; p < positions; p++) {
            out[p] = switch (statistic) {
                case SUM, PROD, MIN, MAX -> longLane ? longValue[p] : (long) value[p];
                default -> count[p];
            };
        }
        return out;
    }
}
