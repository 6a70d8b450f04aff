package org.lazuli.labelled;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Builds indexes once per coordinate variable (coordinates are immutable, so an index never changes). */
final class Indexes {
    private static final Map<Variable, Index> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private Indexes() {
    }

    static Index of(String dim, Variable coordinate) {
        Index index = CACHE.get(coordinate);
        if (index == null || !index.dim().equals(dim)) {
            index = Index.of(dim, coordinate);
            CACHE.put(coordinate, index);
        }
        return index;
    }
}
