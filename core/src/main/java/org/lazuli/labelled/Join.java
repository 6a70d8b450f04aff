package org.lazuli.labelled;

/** How {@code align} combines the labels of indexes that differ (xarray's {@code join=}). */
public enum Join {
    /** Labels in every object (the default of arithmetic). */
    INNER,
    /** Labels in any object; missing values become NaN. */
    OUTER,
    /** The first object's labels. */
    LEFT,
    /** The last object's labels. */
    RIGHT,
    /** Indexes must be equal; anything else is an error. */
    EXACT,
    /** Indexes of the same length are taken to be the first object's, without comparing labels. */
    OVERRIDE
}
