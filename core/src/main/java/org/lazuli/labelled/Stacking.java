package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * xarray's {@code stack} and {@code unstack} over the variables of a dataset (a data array is a dataset of
 * one). Stacking merges dimensions into one whose labels are {@link StackedLabel}s, in row-major product
 * order, with one 1-D level coordinate per merged dimension (its labels, or 0..n-1 where it has none).
 * Unstacking splits it back: each level's values, in order of first appearance, become a dimension, and
 * combinations that no label holds are NaN. Both are lazy: a transpose and a reshape, plus a gather and a
 * mask when the labels are not a whole product in order.
 */
final class Stacking {
    private Stacking() {
    }

    record Result(Map<String, Variable> variables, Set<String> coordNames) {
    }

    static Result stack(Map<String, Variable> variables, Set<String> coordNames, String newDim, List<String> dims,
                        String owner) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        variables.values().forEach(v -> sizes.putAll(v.sizes()));
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("stack into '" + newDim + "' needs at least one dimension to stack");
        }
        if (new HashSet<>(dims).size() != dims.size()) {
            throw new IllegalArgumentException("stack into '" + newDim + "' names a dimension twice: " + dims);
        }
        for (String dim : dims) {
            if (!sizes.containsKey(dim)) {
                throw Selection.missingDimension(dim, sizes, owner);
            }
        }
        if (sizes.containsKey(newDim)) {
            throw new IllegalArgumentException("Cannot stack into '" + newDim + "': " + owner + " already has a dimension"
                    + " of that name; choose a new one");
        }
        long[] lengths = dims.stream().mapToLong(sizes::get).toArray();
        long total = Arrays.stream(lengths).reduce(1, Math::multiplyExact);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Stacking " + dims + " gives " + total + " labels, more than one index"
                    + " holds; stack fewer or smaller dimensions");
        }
        Map<String, Variable> out = new LinkedHashMap<>();
        Set<String> coords = new LinkedHashSet<>();
        List<List<Object>> levelLabels = new ArrayList<>();
        Map<String, Variable> levelCoords = new LinkedHashMap<>();
        for (String dim : dims) {
            Variable coordinate = variables.get(dim);
            boolean indexed = coordinate != null && coordinate.dims().equals(List.of(dim));
            long length = sizes.get(dim);
            Variable source = indexed ? coordinate
                    : Variable.of(List.of(dim), DenseArray.of(LongStream.range(0, length).toArray(), length));
            Index index = Index.of(dim, source);
            levelLabels.add(IntStream.range(0, (int) length).mapToObj(index::label).toList());
            levelCoords.put(dim, source);
        }
        List<String> levels = List.copyOf(dims);
        long[][] positions = new long[dims.size()][];
        for (int j = 0; j < dims.size(); j++) {
            positions[j] = levelPositions(lengths, j, (int) total);
            String dim = dims.get(j);
            levelCoords.put(dim, levelCoords.get(dim).isel(Map.of(dim, new Indexer.Positions(positions[j])))
                    .withDims(List.of(newDim)));
        }
        Object[] labels = new Object[(int) total];
        for (int p = 0; p < labels.length; p++) {
            List<Object> tuple = new ArrayList<>(dims.size());
            for (int j = 0; j < dims.size(); j++) {
                tuple.add(levelLabels.get(j).get((int) positions[j][p]));
            }
            labels[p] = new StackedLabel(levels, tuple);
        }
        out.put(newDim, Variable.labels(List.of(newDim), new long[] {total}, labels, Map.of()));
        coords.add(newDim);
        out.putAll(levelCoords);
        coords.addAll(levelCoords.keySet());
        variables.forEach((name, v) -> {
            if (levelCoords.containsKey(name) && v.dims().equals(List.of(name))) {
                return;   // became a level
            }
            out.put(name, stackVariable(v, newDim, dims, sizes, total));
            if (coordNames.contains(name)) {
                coords.add(name);
            }
        });
        return new Result(out, coords);
    }

    private static Variable stackVariable(Variable v, String newDim, List<String> dims, Map<String, Long> sizes,
                                          long total) {
        if (dims.stream().noneMatch(v.dims()::contains)) {
            return v;
        }
        Variable full = v;
        for (String dim : dims) {
            if (!full.dims().contains(dim)) {
                full = full.expandLast(dim, sizes.get(dim));   // xarray broadcasts a variable missing some of them
            }
        }
        List<String> order = new ArrayList<>(full.dims());
        order.removeAll(dims);
        order.addAll(dims);
        return full.transpose(order).reshapeTrailing(dims.size(), List.of(newDim), new long[] {total});
    }

    /** For each stacked position, the position along dimension {@code j} (row-major: the last varies fastest). */
    private static long[] levelPositions(long[] lengths, int j, int total) {
        long inner = 1;
        for (int k = j + 1; k < lengths.length; k++) {
            inner *= lengths[k];
        }
        long[] positions = new long[total];
        for (int p = 0; p < total; p++) {
            positions[p] = (p / inner) % lengths[j];
        }
        return positions;
    }

    /** The dimensions whose coordinate holds stacked labels, in order. */
    static List<String> stackedDims(Map<String, Variable> variables) {
        List<String> stacked = new ArrayList<>();
        variables.forEach((name, v) -> {
            if (isStacked(name, v)) {
                stacked.add(name);
            }
        });
        return stacked;
    }

    private static boolean isStacked(String name, Variable v) {
        return v.dims().equals(List.of(name)) && v.isLabels() && v.size() > 0
                && v.labelArray()[0] instanceof StackedLabel;
    }

    static Result unstack(Map<String, Variable> variables, Set<String> coordNames, String dim, String owner) {
        Variable index = variables.get(dim);
        if (index == null || !isStacked(dim, index)) {
            throw new IllegalArgumentException("Cannot unstack '" + dim + "': it is not a stacked dimension of " + owner
                    + " (stacked: " + stackedDims(variables) + "); unstack a dimension made by stack");
        }
        Object[] labels = index.labelArray();
        List<String> levels = ((StackedLabel) labels[0]).levels();
        Map<String, Long> sizes = new LinkedHashMap<>();
        variables.values().forEach(v -> sizes.putAll(v.sizes()));
        for (String level : levels) {
            if (sizes.containsKey(level) && !level.equals(dim)) {
                throw new IllegalArgumentException("Cannot unstack '" + dim + "' into '" + level + "': " + owner
                        + " already has a dimension of that name; rename it first");
            }
        }
        // each level's values in order of first appearance, as pandas' remove_unused_levels leaves them
        List<Map<Object, Integer>> codes = new ArrayList<>();
        List<List<Integer>> firstSeen = new ArrayList<>();
        for (int j = 0; j < levels.size(); j++) {
            Map<Object, Integer> level = new LinkedHashMap<>();
            List<Integer> first = new ArrayList<>();
            for (int p = 0; p < labels.length; p++) {
                if (level.putIfAbsent(((StackedLabel) labels[p]).value(j), level.size()) == null) {
                    first.add(p);
                }
            }
            codes.add(level);
            firstSeen.add(first);
        }
        int[][] labelCodes = new int[labels.length][levels.size()];
        for (int p = 0; p < labels.length; p++) {
            for (int j = 0; j < levels.size(); j++) {
                labelCodes[p][j] = codes.get(j).get(((StackedLabel) labels[p]).value(j));
            }
        }
        long[] lengths = codes.stream().mapToLong(Map::size).toArray();
        long total = Arrays.stream(lengths).reduce(1, Math::multiplyExact);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Unstacking '" + dim + "' gives " + total + " cells; select fewer labels");
        }
        long[] source = new long[(int) total];
        Arrays.fill(source, -1);
        for (int p = 0; p < labels.length; p++) {
            long cell = 0;
            for (int j = 0; j < levels.size(); j++) {
                cell = cell * lengths[j] + labelCodes[p][j];
            }
            if (source[(int) cell] >= 0) {
                throw new IllegalArgumentException("Cannot unstack '" + dim + "': the label " + labels[p]
                        + " appears at positions " + source[(int) cell] + " and " + p + "; drop duplicates first");
            }
            source[(int) cell] = p;
        }
        boolean whole = total == labels.length;
        for (int i = 0; whole && i < source.length; i++) {
            whole = source[i] == i;
        }
        Map<String, Variable> levelCoords = new LinkedHashMap<>();
        for (int j = 0; j < levels.size(); j++) {
            String level = levels.get(j);
            long[] first = firstSeen.get(j).stream().mapToLong(Integer::longValue).toArray();
            Variable stored = variables.get(level);
            levelCoords.put(level, stored != null && stored.dims().equals(List.of(dim))
                    ? stored.isel(Map.of(dim, new Indexer.Positions(first))).withDims(List.of(level))
                    : levelVariable(level, new ArrayList<>(codes.get(j).keySet())));
        }
        Map<String, Variable> out = new LinkedHashMap<>();
        Set<String> coords = new LinkedHashSet<>();
        out.putAll(levelCoords);
        coords.addAll(levelCoords.keySet());
        boolean[] present = new boolean[source.length];
        long[] gather = new long[source.length];
        for (int i = 0; i < source.length; i++) {
            present[i] = source[i] >= 0;
            gather[i] = Math.max(source[i], 0);
        }
        final boolean wholeProduct = whole;
        variables.forEach((name, v) -> {
            if (name.equals(dim) || (levelCoords.containsKey(name) && v.dims().equals(List.of(dim)))) {
                return;
            }
            out.put(name, v.dims().contains(dim) ? unstackVariable(v, dim, levels, lengths, wholeProduct, gather, present)
                    : v);
            if (coordNames.contains(name)) {
                coords.add(name);
            }
        });
        return new Result(out, coords);
    }

    private static Variable unstackVariable(Variable v, String dim, List<String> levels, long[] lengths,
                                            boolean wholeProduct, long[] gather, boolean[] present) {
        List<String> order = new ArrayList<>(v.dims());
        order.remove(dim);
        order.add(dim);
        Variable last = v.transpose(order);
        if (!wholeProduct) {
            last = last.isel(Map.of(dim, new Indexer.Positions(gather)));
            if (!last.isLabels()) {
                ChunkedArray data = last.array().dtype().isFloat() ? last.array() : last.array().astype(DType.FLOAT64);
                ChunkedArray mask = ChunkedArray.fromArray(present, new long[] {present.length},
                        new long[] {present.length});
                last = last.withArray(last.dims(), ChunkedArray.where(mask, data, Double.NaN), last.isLazy(),
                        last.attrs());
            } else {
                last = missingLabels(last, present);
            }
        }
        return last.reshapeTrailing(1, levels, lengths);
    }

    /** Labels with null where no stacked label supplies a value (the last axis is the unstacked one). */
    private static Variable missingLabels(Variable v, boolean[] present) {
        Object[] values = v.labelArray().clone();
        for (int i = 0; i < values.length; i++) {
            if (!present[i % present.length]) {
                values[i] = null;
            }
        }
        return Variable.labels(v.dims(), v.shape(), values, v.attrs());
    }

    private static Variable levelVariable(String level, List<Object> values) {
        if (values.stream().allMatch(x -> x instanceof Number)) {
            double[] numbers = values.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            return Variable.of(List.of(level), DenseArray.of(numbers, numbers.length));
        }
        return Variable.labels(level, values, Map.of());
    }
}
