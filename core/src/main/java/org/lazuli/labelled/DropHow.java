package org.lazuli.labelled;

import java.util.Locale;

/** Which positions {@code dropna} drops (xarray's {@code how=}). */
public enum DropHow {
    /** Where any value is missing. */
    ANY,
    /** Where every value is missing. */
    ALL;

    /** "any" or "all", as xarray writes them; {@code call} names the call in the error. */
    static DropHow of(String name, String call) {
        for (DropHow h : values()) {
            if (h.name().toLowerCase(Locale.ROOT).equals(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException(call + ": how must be \"any\" (drop a position where any value is missing)"
                + " or \"all\" (where every value is)");
    }
}
