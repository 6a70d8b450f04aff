package org.lazuli.array;

/**
 * What a slice selects from an axis, by Python's rules ({@code slice.indices}): negative positions
 * count from the end, bounds are clamped, {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE} mean "from the
 * start"/"to the end" in the step's direction.
 *
 * @param first the first position selected (meaningless when {@code count} is 0)
 * @param count how many positions are selected
 */
public record SliceIndices(long first, long count) {
    /** The positions {@code start:stop:step} selects from an axis of {@code length}. */
    public static SliceIndices of(long start, long stop, long step, long length) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? length : length - 1;
        long s = clamp(start, length, lower, upper);
        long e = clamp(stop, length, lower, upper);
        long count = step > 0 ? (e > s ? (e - s + step - 1) / step : 0) : (s > e ? (s - e - step - 1) / (-step) : 0);
        return new SliceIndices(s, count);
    }

    /**
     * One position of an axis of {@code length}, negative counting from the end; out of bounds fails
     * with "index i is out of bounds for " and {@code axis} ("axis 1 with size 4", "dimension 'time' of
     * length 365").
     */
    public static long position(long index, long length, String axis) {
        long p = index < 0 ? index + length : index;
        if (p < 0 || p >= length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for " + axis);
        }
        return p;
    }

    private static long clamp(long index, long length, long lower, long upper) {
        if (index < 0) {
            long shifted = index == Long.MIN_VALUE ? Long.MIN_VALUE : index + length;
            return shifted < lower ? lower : shifted;
        }
        return Math.min(index, upper);
    }
}
