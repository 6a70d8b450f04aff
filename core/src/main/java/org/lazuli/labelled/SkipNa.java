package org.lazuli.labelled;

import org.lazuli.array.DType;

/** Whether a reduction skips NaN: xarray's {@code skipna=None} (for floating-point data only), {@code True} or {@code False}. */
public enum SkipNa {
    /** xarray's default: NaN are skipped in floating-point data (other data have none). */
    DEFAULT,
    /** NaN are skipped ({@code skipna=True}). */
    SKIP,
    /** NaN propagate into the result ({@code skipna=False}). */
    KEEP;

    /** Whether NaN are skipped in data of this type. */
    public boolean skipsIn(DType dtype) {
        return this == SKIP || this == DEFAULT && dtype.isFloat();
    }

    /** {@code SKIP} for true, {@code KEEP} for false. */
    public static SkipNa of(boolean skip) {
        return skip ? SKIP : KEEP;
    }
}
