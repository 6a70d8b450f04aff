package org.lazuli.labelled;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinates of a {@link DataArray} or {@link Dataset}: named variables along some of its
 * dimensions. A coordinate named like a dimension (a dimension coordinate) has an {@link Index};
 * others (auxiliary coordinates, e.g. 2-D latitude on a curvilinear grid) are carried along.
 * Immutable.
 */
public final class Coordinates {
    private final Map<String, Variable> variables;

    Coordinates(Map<String, Variable> variables) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    static Coordinates empty() {
        return new Coordinates(Map.of());
    }

    /** A coordinate as a DataArray (with the coordinates along its own dimensions). */
    public DataArray get(String name) {
        Variable variable = variables.get(name);
        if (variable == null) {
            throw new LabelNotFoundException("No coordinate '" + name + "'; coordinates are " + variables.keySet());
        }
        Map<String, Variable> own = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : variables.entrySet()) {
            if (variable.dims().containsAll(e.getValue().dims())) {
                own.put(e.getKey(), e.getValue());
            }
        }
        return new DataArray(variable, own, name);
    }

    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    public Set<String> names() {
        return variables.keySet();
    }

    public int size() {
        return variables.size();
    }

    /** The coordinate variables, in order. */
    public Map<String, Variable> variables() {
        return variables;
    }

    /** The index of a dimension, if it has a dimension coordinate. */
    public Optional<Index> index(String dim) {
        Variable variable = variables.get(dim);
        if (variable == null || !variable.dims().equals(List.of(dim))) {
            return Optional.empty();
        }
        return Optional.of(Indexes.of(dim, variable));
    }

    @Override
    public String toString() {
        return Repr.coordinates(this);
    }
}
