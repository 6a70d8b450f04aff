package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.time.CalendarDate;

/**
 * Aligns objects on their indexes (xarray's {@code align}): where a dimension's labels differ, each
 * object is reindexed to the joined labels; labels an object lacks become NaN (outer joins).
 */
final class Alignment {
    private Alignment() {
    }

    /**
     * How to reindex each object: per object, dimension → positions into its own labels (-1: missing),
     * and the joined coordinate per dimension.
     */
    record Plan(Map<String, Variable> joined, List<Map<String, long[]>> positions) {
        boolean isTrivial() {
            return joined.isEmpty();
        }
    }

    static Plan plan(List<Coordinates> coords, List<Map<String, Long>> sizes, Join join) {
        Set<String> dims = new LinkedHashSet<>();
        sizes.forEach(s -> dims.addAll(s.keySet()));
        Map<String, Variable> joined = new LinkedHashMap<>();
        List<Map<String, long[]>> positions = new ArrayList<>();
        for (int i = 0; i < coords.size(); i++) {
            positions.add(new LinkedHashMap<>());
        }
        for (String dim : dims) {
            List<Integer> holders = new ArrayList<>();
            List<Index> indexes = new ArrayList<>();
            Long unindexedSize = null;
            for (int i = 0; i < coords.size(); i++) {
                if (!sizes.get(i).containsKey(dim)) {
                    continue;
                }
                var index = coords.get(i).index(dim);
                if (index.isPresent()) {
                    holders.add(i);
                    indexes.add(index.get());
                } else {
                    long size = sizes.get(i).get(dim);
                    if (unindexedSize != null && unindexedSize != size) {
                        throw new IllegalArgumentException("Cannot align dimension '" + dim + "': it has lengths "
                                + unindexedSize + " and " + size + " and no coordinate to match labels by");
                    }
                    unindexedSize = size;
                }
            }
            if (indexes.size() < 2 || indexes.stream().allMatch(x -> x.equalsIndex(indexes.get(0)))) {
                if (unindexedSize != null && !indexes.isEmpty() && indexes.get(0).size() != unindexedSize) {
                    throw new IllegalArgumentException("Cannot align dimension '" + dim + "': labelled length "
                            + indexes.get(0).size() + " against unlabelled length " + unindexedSize);
                }
                continue;
            }
            if (join == Join.OVERRIDE) {
                for (int h = 0; h < holders.size(); h++) {
                    if (indexes.get(h).size() != indexes.get(0).size()) {
                        throw new IllegalArgumentException("join OVERRIDE needs indexes of one length along '" + dim
                                + "'; they have " + indexes.get(0).size() + " and " + indexes.get(h).size() + " labels");
                    }
                    positions.get(holders.get(h)).put(dim, LongStream.range(0, indexes.get(h).size())
                            .toArray());
                }
                joined.put(dim, coords.get(holders.get(0)).variables().get(dim));
                continue;
            }
            if (join == Join.EXACT) {
                throw new MergeConflictException("Indexes along dimension '" + dim + "' are not equal: "
                        + indexes.get(0) + " and " + indexes.stream().filter(x -> !x.equalsIndex(indexes.get(0)))
                        .findFirst().orElseThrow() + "; align them first or use another join");
            }
            if (unindexedSize != null) {
                throw new IllegalArgumentException("Cannot align dimension '" + dim + "': some objects have no"
                        + " coordinate for it");
            }
            List<Object> labels = joinLabels(indexes, join);
            for (int h = 0; h < holders.size(); h++) {
                Index index = indexes.get(h);
                long[] p = new long[labels.size()];
                for (int j = 0; j < p.length; j++) {
                    p[j] = index.positionOf(labels.get(j));
                }
                positions.get(holders.get(h)).put(dim, p);
            }
            joined.put(dim, joinedCoordinate(dim, labels, coords.get(holders.get(0)).variables().get(dim),
                    positions.get(holders.get(0)).get(dim)));
        }
        return new Plan(joined, positions);
    }

    private static List<Object> joinLabels(List<Index> indexes, Join join) {
        switch (join) {
            case LEFT:
                return indexes.get(0).labels();
            case RIGHT:
                return indexes.get(indexes.size() - 1).labels();
            case INNER: {
                List<Object> labels = new ArrayList<>();
                for (Object label : indexes.get(0).labels()) {
                    if (indexes.stream().allMatch(x -> x.positionOf(label) >= 0)) {
                        labels.add(label);
                    }
                }
                return labels;
            }
            default: {
                Set<Object> union = new LinkedHashSet<>();
                indexes.forEach(x -> union.addAll(x.labels()));
                List<Object> labels = new ArrayList<>(union);
                boolean sortable = indexes.stream().allMatch(x -> x.isAscending() || x.isDescending());
                if (sortable) {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    Comparator<Object> natural = (a, b) -> ((Comparable) a).compareTo(b);
                    labels.sort(indexes.get(0).isDescending() ? natural.reversed() : natural);
                }
                return labels;
            }
        }
    }

    /** The joined dimension coordinate: the first object's coordinate reindexed when it has every label. */
    private static Variable joinedCoordinate(String dim, List<Object> labels, Variable first, long[] positions) {
        if (Arrays.stream(positions).allMatch(p -> p >= 0)) {
            return first.isel(Map.of(dim, new Indexer.Positions(positions)));
        }
        if (labels.get(0) instanceof Double) {
            double[] values = labels.stream().mapToDouble(l -> (Double) l).toArray();
            DType dtype = first.dtype();
            return Variable.of(List.of(dim), DenseArray.of(values, values.length).astype(dtype), first.attrs());
        }
        return Variable.labels(dim, labels, first.attrs());
    }

    /** Reindexes a variable along a dimension: positions -1 become NaN (numbers, as float) or null (labels). */
    static Variable reindex(Variable variable, String dim, long[] positions) {
        if (!variable.dims().contains(dim)) {
            return variable;
        }
        boolean missing = Arrays.stream(positions).anyMatch(p -> p < 0);
        long[] safe = Arrays.stream(positions).map(p -> Math.max(p, 0)).toArray();
        if (variable.size() == 0 && missing) {
            throw new IllegalArgumentException("Cannot reindex the empty dimension '" + dim + "' to new labels");
        }
        Variable taken = variable.isel(Map.of(dim, new Indexer.Positions(safe)));
        if (!missing) {
            return taken;
        }
        if (taken.isLabels()) {
            Object[] values = taken.labelArray().clone();
            int axis = taken.axisOf(dim);
            long[] shape = taken.shape();
            long inner = 1;
            for (int k = axis + 1; k < shape.length; k++) {
                inner *= shape[k];
            }
            for (int i = 0; i < values.length; i++) {
                if (positions[(int) ((i / inner) % shape[axis])] < 0) {
                    values[i] = null;
                }
            }
            return Variable.labels(taken.dims(), shape, values, taken.attrs());
        }
        int axis = taken.axisOf(dim);
        boolean[] absent = new boolean[positions.length];
        for (int i = 0; i < positions.length; i++) {
            absent[i] = positions[i] < 0;
        }
        long[] maskShape = new long[taken.ndim()];
        Arrays.fill(maskShape, 1);
        maskShape[axis] = positions.length;
        long[] maskChunks = maskShape.clone();
        ChunkedArray mask = ChunkedArray.fromArray(absent, maskShape, maskChunks);
        ChunkedArray data = taken.array();
        ChunkedArray filled = ChunkedArray.where(mask, Double.NaN, data.dtype().isFloat() ? data : data.astype(DType.FLOAT64));
        return taken.withArray(taken.dims(), filled, taken.isLazy(), taken.attrs()).withEncoding(taken.encoding());
    }

    static boolean isDate(Object label) {
        return label instanceof CalendarDate;
    }
}
