package org.lazuli.labelled;

/**
 * How rolling windows sit and how many values they need, as xarray's {@code center} and
 * {@code min_periods}: {@code rolling("time", 3, RollingOptions.centered().minPeriods(2))}.
 *
 * @param center     whether a window is centred on its label (else it ends there)
 * @param minPeriods the values a window needs for a result, or 0 for the whole window
 */
public record RollingOptions(boolean center, int minPeriods) {
    public RollingOptions {
        if (minPeriods < 0) {
            throw new IllegalArgumentException("minPeriods must be at least 1 (or 0 for the window), got " + minPeriods);
        }
    }

    /** Windows ending at their label, needing every value: xarray's defaults. */
    public static RollingOptions trailing() {
        return new RollingOptions(false, 0);
    }

    /** Windows centred on their label. */
    public static RollingOptions centered() {
        return new RollingOptions(true, 0);
    }

    public RollingOptions minPeriods(int count) {
        return new RollingOptions(center, count);
    }

    /** The values a window of {@code window} needs. */
    int periodsFor(int window) {
        return minPeriods == 0 ? window : minPeriods;
    }
}
