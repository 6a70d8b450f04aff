package org.lazuli.labelled;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The attributes or encoding of a variable or dataset: an unmodifiable map, in order, whose text shows array
 * values by their elements ({@code chunksizes=[1, 73, 144]}, not {@code [J@1b6d3586}).
 */
final class ValueMap extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> entries;

    private ValueMap(Map<String, ?> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static Map<String, Object> of(Map<String, ?> entries) {
        return entries instanceof ValueMap same ? same : new ValueMap(entries);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return entries.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A value as text: arrays by their elements, on one line. */
    static String text(Object value) {
        if (value instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (value instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof float[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof short[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof byte[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof char[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(value).replace('\n', ' ');
    }
}
