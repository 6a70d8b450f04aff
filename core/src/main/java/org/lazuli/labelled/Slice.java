package org.lazuli.labelled;

import java.util.Objects;

/**
 * A range along a dimension. In {@code sel} the bounds are labels and both are included (xarray's
 * label slicing; partial dates such as "1984-10" cover their whole period); in {@code isel} they are
 * positions and {@code to} is excluded (Python's slicing). A null bound is open.
 *
 * <pre>{@code
 * u.sel("TIME", Slice.of("1984-10", "1990-04"));   // labels, inclusive
 * u.isel("FNOCY", Slice.of(0, 5));                 // positions 0..4
 * }</pre>
 *
 * @param from first label or position (null: from the start)
 * @param to   last label (inclusive) or position (exclusive) (null: to the end)
 * @param step positions between selected elements (1 unless given; negative reverses)
 */
public record Slice(Object from, Object to, long step) {
    public Slice {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
    }

    public static Slice of(Object from, Object to) {
        return new Slice(from, to, 1);
    }

    public static Slice of(Object from, Object to, long step) {
        return new Slice(from, to, step);
    }

    /** Everything. */
    public static Slice all() {
        return new Slice(null, null, 1);
    }

    /** From a label or position to the end. */
    public static Slice from(Object from) {
        return new Slice(from, null, 1);
    }

    /** From the start to a label (inclusive) or position (exclusive). */
    public static Slice to(Object to) {
        return new Slice(null, to, 1);
    }

    @Override
    public String toString() {
        return "slice(" + Objects.toString(from, "None") + ", " + Objects.toString(to, "None")
                + (step == 1 ? "" : ", " + step) + ")";
    }
}
