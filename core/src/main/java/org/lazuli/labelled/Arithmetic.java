package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.lazuli.array.ChunkedArray;

/** Binary operations between labelled arrays: align on labels, then broadcast by dimension name. */
final class Arithmetic {
    private Arithmetic() {
    }

    static DataArray binary(DataArray a, DataArray b, BinaryOperator<ChunkedArray> op, Join join) {
        if (a.variable().isLabels() || b.variable().isLabels()) {
            throw new IllegalArgumentException("Arithmetic needs numbers; " + (a.variable().isLabels() ? a : b).describe()
                    + " holds labels (" + (a.variable().isLabels() ? a : b).variable().labelKind() + ")");
        }
        List<DataArray> aligned = align(List.of(a, b), join);
        DataArray x = aligned.get(0);
        DataArray y = aligned.get(1);
        List<String> dims = new ArrayList<>(x.dims());
        for (String d : y.dims()) {
            if (!dims.contains(d)) {
                dims.add(d);
            }
        }
        ChunkedArray result = op.apply(expand(x.variable(), dims), expand(y.variable(), dims));
        boolean lazy = x.isLazy() || y.isLazy();
        Map<String, Variable> coords = new LinkedHashMap<>(x.coordVariables());
        y.coordVariables().forEach((n, c) -> {
            Variable mine = coords.get(n);
            if (mine == null) {
                coords.put(n, c);
            } else if (mine != c && !dims.contains(n) && !mine.sameValues(c)) {
                coords.remove(n);   // conflicting auxiliary coordinates are dropped, as xarray does
            }
        });
        Variable variable = x.variable().withArray(dims, result, lazy, Map.of());
        String name = Objects.equals(a.name(), b.name()) ? a.name() : null;
        return DataArray.of(variable, coords, name);
    }

    /**
     * {@code data} where {@code condition} holds, {@code other} elsewhere: the three aligned (inner join)
     * and broadcast by dimension name, as xarray's {@code where(cond, other)}. Attributes of {@code data} kept.
     */
    static DataArray where(DataArray data, DataArray condition, DataArray other) {
        for (DataArray a : List.of(data, condition, other)) {
            if (a.variable().isLabels()) {
                throw new IllegalArgumentException("where needs numbers; " + a.describe() + " holds labels ("
                        + a.variable().labelKind() + ")");
            }
        }
        List<DataArray> aligned = align(List.of(data, condition, other), Join.INNER);
        List<String> dims = new ArrayList<>();
        for (DataArray a : aligned) {
            for (String d : a.dims()) {
                if (!dims.contains(d)) {
                    dims.add(d);
                }
            }
        }
        ChunkedArray result = ChunkedArray.where(expand(aligned.get(1).variable(), dims),
                expand(aligned.get(0).variable(), dims), expand(aligned.get(2).variable(), dims));
        boolean lazy = aligned.stream().anyMatch(DataArray::isLazy);
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (DataArray a : aligned) {
            a.coordVariables().forEach((n, c) -> {
                Variable mine = coords.get(n);
                if (mine == null) {
                    coords.put(n, c);
                } else if (mine != c && !dims.contains(n) && !mine.sameValues(c)) {
                    coords.remove(n);
                }
            });
        }
        Variable variable = aligned.get(0).variable().withArray(dims, result, lazy, data.attrs());
        return DataArray.of(variable, coords, data.name());
    }

    /** Aligns data arrays on their indexes. */
    static List<DataArray> align(List<DataArray> arrays, Join join) {
        Alignment.Plan plan = Alignment.plan(arrays.stream().map(DataArray::coords).toList(),
                arrays.stream().map(DataArray::sizes).toList(), join);
        if (plan.isTrivial()) {
            return arrays;
        }
        List<DataArray> out = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            DataArray array = arrays.get(i);
            Map<String, long[]> positions = plan.positions().get(i);
            Variable variable = array.variable();
            Map<String, Variable> coords = new LinkedHashMap<>();
            array.coordVariables().forEach((n, c) -> coords.put(n, c));
            for (Map.Entry<String, long[]> e : positions.entrySet()) {
                variable = Alignment.reindex(variable, e.getKey(), e.getValue());
                for (Map.Entry<String, Variable> c : coords.entrySet()) {
                    c.setValue(Alignment.reindex(c.getValue(), e.getKey(), e.getValue()));
                }
            }
            plan.joined().forEach((dim, coordinate) -> {
                if (array.dims().contains(dim)) {
                    coords.put(dim, coordinate);
                }
            });
            out.add(DataArray.of(variable, coords, array.name()));
        }
        return out;
    }

    /**
     * The variable's data with one axis per {@code dims} entry, in that order: its own axes transposed
     * into place and length-1 axes for the dimensions it lacks (NumPy broadcasting then does the rest).
     */
    static ChunkedArray expand(Variable v, List<String> dims) {
        List<String> own = dims.stream().filter(v.dims()::contains).toList();
        int[] perm = own.stream().mapToInt(v::axisOf).toArray();
        ChunkedArray data = v.array().transpose(perm);
        for (int k = 0; k < dims.size(); k++) {
            if (!v.dims().contains(dims.get(k))) {
                data = data.expandDims(k);
            }
        }
        return data;
    }
}
