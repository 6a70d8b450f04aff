package org.lazuli.labelled;

import java.util.Locale;

/** How {@code interp} fills between coordinate labels (xarray's {@code method=}, SciPy's {@code interp1d} kinds). */
public enum InterpMethod {
    /** A straight line between the two neighbours. */
    LINEAR,
    /** The nearer neighbour's value. */
    NEAREST,
    /** A not-a-knot cubic spline through every label (at least 4). */
    CUBIC;

    /** "linear", "nearest" or "cubic", as xarray writes them. */
    public static InterpMethod of(String name) {
        for (InterpMethod m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("interp method '" + name + "' is not known; use \"linear\", \"nearest\" or"
                + " \"cubic\"");
    }
}
