package org.lazuli.labelled;

/** How {@code sel} matches a label that is not in the index (xarray's {@code method=}). */
public enum SelectMethod {
    /** Only exact matches. */
    EXACT,
    /** The closest label (the first of two equally close). */
    NEAREST,
    /** The last label at or before (forward fill). */
    PAD,
    /** Same as {@link #PAD}. */
    FFILL,
    /** The first label at or after (back fill). */
    BACKFILL,
    /** Same as {@link #BACKFILL}. */
    BFILL
}
