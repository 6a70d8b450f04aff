package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/** Concatenation and combination of labelled objects (xarray's {@code concat} and {@code combine_by_coords}). */
final class Combine {
    private Combine() {
    }

    static DataArray concat(List<DataArray> arrays, String dim) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one array");
        }
        DataArray first = arrays.get(0);
        boolean existing = first.dims().contains(dim);
        List<String> dims = new ArrayList<>(first.dims());
        if (!existing) {
            dims.add(0, dim);
        }
        List<Variable> parts = new ArrayList<>();
        for (DataArray a : arrays) {
            List<String> own = new ArrayList<>(a.dims());
            if (!existing) {
                own.add(0, dim);
            }
            if (!new LinkedHashSet<>(own).equals(new LinkedHashSet<>(dims))) {
                throw new IllegalArgumentException("Cannot concatenate arrays with dims " + first.dims() + " and "
                        + a.dims() + " along '" + dim + "'");
            }
            parts.add(a.variable());
        }
        Variable data = concatVariables(parts, dim, existing, dims);
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : first.coordVariables().entrySet()) {
            Variable c = e.getValue();
            if (c.dims().contains(dim)) {
                List<Variable> coordParts = new ArrayList<>();
                for (DataArray a : arrays) {
                    Variable part = a.coordVariables().get(e.getKey());
                    if (part == null) {
                        throw new IllegalArgumentException("Coordinate '" + e.getKey() + "' is missing from one of the"
                                + " arrays to concatenate");
                    }
                    coordParts.add(part);
                }
                coords.put(e.getKey(), concatVariables(coordParts, dim, true, c.dims()));
            } else if (existing) {
                coords.put(e.getKey(), c);
            } else if (!c.dims().isEmpty()) {
                coords.put(e.getKey(), c);
            }
        }
        return DataArray.of(data, coords, first.name());
    }

    /** Joins variables along {@code dim} (existing, or new in front). */
    static Variable concatVariables(List<Variable> parts, String dim, boolean existing, List<String> dims) {
        Variable first = parts.get(0);
        if (first.isLabels()) {
            if (!existing) {
                throw new UnsupportedOperationException("Concatenating label variables works along a dimension they have");
            }
            List<String> dimFirst = new ArrayList<>(dims);
            dimFirst.remove(dim);
            dimFirst.add(0, dim);
            List<Object> labels = new ArrayList<>();
            long length = 0;
            for (Variable p : parts) {
                Variable ordered = p.transpose(dimFirst);   // row-major with dim first: the parts follow each other
                labels.addAll(ordered.labelValues());
                length += ordered.shape()[0];
            }
            long[] shape = first.transpose(dimFirst).shape();
            shape[0] = length;
            return Variable.labels(dimFirst, shape, labels.toArray(), first.attrs()).transpose(dims);
        }
        boolean lazy = parts.stream().anyMatch(Variable::isLazy);
        List<ChunkedArray> arrays = new ArrayList<>();
        for (Variable p : parts) {
            List<String> own = existing ? dims : dims.subList(1, dims.size());
            ChunkedArray a = p.transpose(own).array();
            arrays.add(existing ? a : a.expandDims(0));
        }
        ChunkedArray joined = ChunkedArray.concatenate(arrays, existing ? dims.indexOf(dim) : 0);
        return first.withArray(dims, joined, lazy, first.attrs()).withEncoding(first.encoding());
    }

    static Dataset concatDatasets(List<Dataset> datasets, String dim) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one dataset");
        }
        Dataset first = datasets.get(0);
        boolean existing = first.sizes().containsKey(dim);
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : first.variables().entrySet()) {
            String name = e.getKey();
            Variable v = e.getValue();
            boolean along = v.dims().contains(dim) || (!existing && !first.coordNames().contains(name));
            if (!along) {
                out.put(name, v);
                continue;
            }
            List<Variable> parts = new ArrayList<>();
            for (Dataset ds : datasets) {
                Variable part = ds.variables().get(name);
                if (part == null) {
                    throw new IllegalArgumentException("Variable '" + name + "' is missing from one of the datasets to"
                            + " concatenate along '" + dim + "'");
                }
                parts.add(part);
            }
            List<String> dims = new ArrayList<>(v.dims());
            if (!existing) {
                dims.add(0, dim);
            }
            out.put(name, concatVariables(parts, dim, existing, dims));
        }
        Set<String> coords = new LinkedHashSet<>(first.coordNames());
        return Dataset.withResources(out, coords, first.attrs(), List.of()).withAttrs(first.attrs());
    }

    /** Orders datasets by the first label of the one dimension whose coordinate differs, and concatenates them. */
    static Dataset combineByCoords(List<Dataset> datasets) {
        if (datasets.size() == 1) {
            return datasets.get(0);
        }
        Dataset first = datasets.get(0);
        String varying = null;
        for (String dim : first.sizes().keySet()) {
            var index = first.coords().index(dim);
            if (index.isEmpty()) {
                continue;
            }
            for (Dataset ds : datasets) {
                var other = ds.coords().index(dim);
                if (other.isEmpty()) {
                    throw new IllegalArgumentException("Dataset without a '" + dim + "' coordinate cannot be combined by"
                            + " coordinates");
                }
                if (!other.get().equalsIndex(index.get())) {
                    if (varying != null && !varying.equals(dim)) {
                        throw new UnsupportedOperationException("Datasets differ along both '" + varying + "' and '"
                                + dim + "'; combine along one dimension at a time with concat");
                    }
                    varying = dim;
                }
            }
        }
        if (varying == null) {
            return Dataset.merge(datasets);
        }
        String dim = varying;
        List<Dataset> ordered = new ArrayList<>(datasets);
        ordered.sort((a, b) -> compareFirst(a.coords().index(dim).orElseThrow(), b.coords().index(dim).orElseThrow()));
        requireMonotonic(ordered, datasets, dim);
        return concatDatasets(ordered, dim);
    }

    /**
     * The joined coordinate must increase throughout, as xarray's combine_by_coords requires: datasets
     * that overlap or repeat labels (two files holding the same days) would give an out-of-order,
     * duplicated axis, so they are refused, naming the two and their ranges.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void requireMonotonic(List<Dataset> ordered, List<Dataset> given, String dim) {
        Object previousLast = null;
        Dataset previous = null;
        for (Dataset ds : ordered) {
            Index index = ds.coords().index(dim).orElseThrow();
            for (int i = 1; i < index.size(); i++) {
                if (((Comparable) index.label(i - 1)).compareTo(index.label(i)) >= 0) {
                    throw new IllegalArgumentException("Dataset " + given.indexOf(ds) + " has a '" + dim + "' coordinate"
                            + " that does not increase (" + index.label(i - 1) + " then " + index.label(i) + "); "
                            + "combining by coordinates needs each one sorted: sortBy or isel it first");
                }
            }
            if (index.size() == 0) {
                continue;
            }
            if (previousLast != null && ((Comparable) previousLast).compareTo(index.label(0)) >= 0) {
                Index before = previous.coords().index(dim).orElseThrow();
                throw new IllegalArgumentException("Datasets " + given.indexOf(previous) + " and " + given.indexOf(ds)
                        + " overlap along '" + dim + "' (" + before.label(0) + " to " + previousLast + ", and "
                        + index.label(0) + " to " + index.label(index.size() - 1) + "): the combined coordinate would"
                        + " not be monotonic. Select the parts that do not overlap (sel with a Slice) before combining,"
                        + " or concat them if repeats are meant");
            }
            previousLast = index.label(index.size() - 1);
            previous = ds;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareFirst(Index a, Index b) {
        if (a.size() == 0 || b.size() == 0) {
            return Integer.compare(a.size(), b.size());
        }
        return ((Comparable) a.label(0)).compareTo(b.label(0));
    }

    static Variable numbers(String dim, double[] values) {
        return Variable.of(List.of(dim), DenseArray.of(values, values.length).astype(DType.FLOAT64));
    }
}
