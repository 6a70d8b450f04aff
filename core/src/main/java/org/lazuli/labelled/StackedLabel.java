package org.lazuli.labelled;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A label of a stacked dimension: one value per level, as an entry of a pandas {@code MultiIndex}
 * ({@link DataArray#stack}). Equal when the values are equal; ordered level by level. The level names
 * (shared by every label of one stack) travel with the label so that {@link DataArray#unstack} knows what
 * to split into, after any selection. Immutable.
 */
public final class StackedLabel implements Comparable<StackedLabel>, Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> levels;
    private final List<Object> values;

    StackedLabel(List<String> levels, List<Object> values) {
        if (levels.size() != values.size()) {
            throw new IllegalArgumentException(values.size() + " values for the levels " + levels);
        }
        this.levels = levels;   // shared by every label of one stack
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** A label to select with: {@code da.sel("z", StackedLabel.of(10.0, "b"))}. */
    public static StackedLabel of(Object... values) {
        List<String> unnamed = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            unnamed.add("level_" + k);
        }
        return new StackedLabel(List.copyOf(unnamed), List.of(values));
    }

    /** The names of the levels (the dimensions that were stacked). */
    public List<String> levels() {
        return levels;
    }

    /** The value of each level. */
    public List<Object> values() {
        return values;
    }

    public Object value(int level) {
        return values.get(level);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compareTo(StackedLabel other) {
        for (int k = 0; k < Math.min(values.size(), other.values.size()); k++) {
            Object a = values.get(k);
            Object b = other.values.get(k);
            int c = a instanceof Number x && b instanceof Number y ? Double.compare(x.doubleValue(), y.doubleValue())
                    : ((Comparable) a).compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(values.size(), other.values.size());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StackedLabel other) || other.values.size() != values.size()) {
            return false;
        }
        return compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Object v : values) {
            hash = 31 * hash + (v instanceof Number n ? Double.hashCode(n.doubleValue()) : Objects.hashCode(v));
        }
        return hash;
    }

    /** As Python prints a tuple: {@code (10.0, 'b')}. */
    @Override
    public String toString() {
        List<String> items = new ArrayList<>();
        for (Object v : values) {
            items.add(v instanceof String s ? "'" + s + "'" : String.valueOf(v));
        }
        return "(" + String.join(", ", items) + (items.size() == 1 ? ",)" : ")");
    }
}
