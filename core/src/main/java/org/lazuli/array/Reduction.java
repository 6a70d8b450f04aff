package org.lazuli.array;

import java.util.Locale;
import org.lazuli.kernel.ReductionState;
import org.lazuli.kernel.Statistic;

/**
 * The reductions of {@link ChunkedArray}, with NumPy's names and result types. The {@code NAN…}
 * variants skip NaN values (NumPy's {@code nansum}, {@code nanmean} …); the others let NaN propagate.
 */
public enum Reduction {
    SUM(Statistic.SUM, false), PROD(Statistic.PROD, false), MIN(Statistic.MIN, false), MAX(Statistic.MAX, false),
    MEAN(Statistic.MEAN, false), VAR(Statistic.MOMENTS, false), STD(Statistic.MOMENTS, false),
    ANY(Statistic.ANY, false), ALL(Statistic.ALL, false),
    /** Number of elements that are not NaN (xarray's {@code count}). */
    COUNT(Statistic.COUNT, false),
    ARGMIN(Statistic.ARGMIN, false), ARGMAX(Statistic.ARGMAX, false),
    NANSUM(Statistic.SUM, true), NANPROD(Statistic.PROD, true), NANMIN(Statistic.MIN, true),
    NANMAX(Statistic.MAX, true), NANMEAN(Statistic.MEAN, true), NANVAR(Statistic.MOMENTS, true),
    NANSTD(Statistic.MOMENTS, true), NANARGMIN(Statistic.ARGMIN, true), NANARGMAX(Statistic.ARGMAX, true);

    private final Statistic statistic;
    private final boolean skipNaN;

    Reduction(Statistic statistic, boolean skipNaN) {
        this.statistic = statistic;
        this.skipNaN = skipNaN;
    }

    Statistic statistic() {
        return statistic;
    }

    public boolean skipsNaN() {
        return skipNaN;
    }

    /** NumPy's function name, e.g. {@code nanmean}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isArg() {
        return statistic == Statistic.ARGMIN || statistic == Statistic.ARGMAX;
    }

    /** True when an empty input has no result (NumPy: "zero-size array to reduction operation … which has no identity"). */
    boolean needsElements() {
        return statistic == Statistic.MIN || statistic == Statistic.MAX || isArg();
    }

    boolean isStd() {
        return this == STD || this == NANSTD;
    }

    /** The result's dtype for an input dtype, as NumPy gives it. */
    public DType resultType(DType input) {
        return switch (statistic) {
            case SUM, PROD -> input.isFloat() ? input : DType.INT64;
            case MIN, MAX -> input;
            case MEAN, MOMENTS -> input.isFloat() ? input : DType.FLOAT64;
            case ANY, ALL -> DType.BOOL;
            case COUNT, ARGMIN, ARGMAX -> DType.INT64;
        };
    }

    /** Whether integer input accumulates exactly in longs (else values are read as doubles). */
    boolean usesLongLane(DType input) {
        return !input.isFloat() && ReductionState.supportsLongLane(statistic);
    }
}
