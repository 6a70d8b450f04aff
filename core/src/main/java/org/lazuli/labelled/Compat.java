package org.lazuli.labelled;

/** How variables of the same name must agree when datasets are merged or concatenated (xarray's {@code compat=}). */
public enum Compat {
    /** Same dims, values and attributes. */
    IDENTICAL,
    /** Same dims and values (NaN equal to NaN); the default of concat. */
    EQUALS,
    /** The same values once broadcast against each other. */
    BROADCAST_EQUALS,
    /** Equal wherever both have a value; missing values are filled from the other. The default of merge. */
    NO_CONFLICTS,
    /** Not compared: the first one is taken. */
    OVERRIDE,
    /** As {@link #EQUALS} for data variables; coordinates that disagree are dropped. */
    MINIMAL
}
