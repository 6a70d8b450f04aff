package org.lazuli.labelled;

import java.util.Locale;

/** What {@code coarsen} does with a dimension that is not a whole number of windows (xarray's {@code boundary=}). */
public enum Boundary {
    /** Refuse it. */
    EXACT,
    /** Drop the incomplete window at the end. */
    TRIM,
    /** Pad the last window with NaN. */
    PAD;

    /** "exact", "trim" or "pad", as xarray writes them. */
    public static Boundary of(String name) {
        for (Boundary b : values()) {
            if (b.name().toLowerCase(Locale.ROOT).equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("boundary must be \"exact\", \"trim\" or \"pad\", got \"" + name + "\"");
    }
}
