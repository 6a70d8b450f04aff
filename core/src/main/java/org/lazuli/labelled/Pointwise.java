package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * Vectorised ("pointwise") selection with DataArray indexers, as xarray's: indexers along one new
 * dimension (stations) pick one point each from the dimensions they index, so {@code isel(lat=i, lon=j)}
 * with two "station" indexers gives one value per station, not a square. Lazy: each point is a small
 * selection, so only the chunks holding the points are read.
 */
final class Pointwise {
    private Pointwise() {
    }

    static DataArray sel(DataArray data, Map<String, Object> labels, SelectMethod method, Double tolerance) {
        Map<String, Object> positions = new LinkedHashMap<>();
        labels.forEach((dim, label) -> {
            if (label instanceof DataArray indexer) {
                Index index = data.coords().index(dim).orElseThrow(() -> new LabelNotFoundException("sel on '" + dim
                        + "' needs its coordinate; " + data.describe() + " has none (select by position with isel)"));
                List<Object> wanted = DataArray.labelList(indexer.variable());
                long[] found = new long[wanted.size()];
                for (int i = 0; i < found.length; i++) {
                    found[i] = index.locate(wanted.get(i), method, tolerance);
                }
                positions.put(dim, new DataArray(Variable.of(indexer.dims(), DenseArray.of(found, found.length)),
                        indexer.coordVariables(), indexer.name()));
            } else {
                positions.put(dim, label);
            }
        });
        DataArray pointwise = isel(data, positions);
        return pointwise;
    }

    static DataArray isel(DataArray data, Map<String, Object> positions) {
        Map<String, DataArray> indexers = new LinkedHashMap<>();
        Map<String, Object> plain = new LinkedHashMap<>();
        positions.forEach((dim, p) -> {
            if (p instanceof DataArray indexer) {
                indexers.put(dim, indexer);
            } else {
                plain.put(dim, p);
            }
        });
        DataArray base = plain.isEmpty() ? data : data.isel(plain);
        String pointDim = null;
        long points = -1;
        for (Map.Entry<String, DataArray> e : indexers.entrySet()) {
            DataArray indexer = e.getValue();
            if (!base.dims().contains(e.getKey())) {
                throw Selection.missingDimension(e.getKey(), base.sizes(), base.describe());
            }
            if (indexer.dims().size() != 1) {
                throw new IllegalArgumentException("A pointwise indexer must be one-dimensional; the one for '"
                        + e.getKey() + "' has dimensions " + indexer.dims());
            }
            String dim = indexer.dims().get(0);
            if (pointDim != null && (!pointDim.equals(dim) || points != indexer.sizes().get(dim))) {
                throw new IllegalArgumentException("Pointwise indexers must share one dimension and its length; got '"
                        + pointDim + "' (" + points + ") and '" + dim + "' (" + indexer.sizes().get(dim) + ")");
            }
            if (base.dims().contains(dim) && !indexers.containsKey(dim)) {
                throw new IllegalArgumentException("The indexers' dimension '" + dim + "' is already a dimension of "
                        + base.describe() + " that is not indexed; name the points otherwise");
            }
            pointDim = dim;
            points = indexer.sizes().get(dim);
        }
        Map<String, long[]> chosen = new LinkedHashMap<>();
        indexers.forEach((dim, indexer) -> chosen.put(dim, indexer.values().astype(DType.INT64).toLongArray()));
        List<DataArray> pieces = new ArrayList<>();
        for (int s = 0; s < points; s++) {
            Map<String, Object> one = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : chosen.entrySet()) {
                one.put(e.getKey(), e.getValue()[s]);
            }
            pieces.add(base.isel(one).expandDims(pointDim));
        }
        DataArray stacked = DataArray.concat(pieces, pointDim);
        // the point dimension where the indexed dimensions were when they sit together, else first (as NumPy)
        List<Integer> axes = indexers.keySet().stream().map(base.dims()::indexOf).sorted().toList();
        boolean adjacent = axes.get(axes.size() - 1) - axes.get(0) == axes.size() - 1;
        List<String> order = new ArrayList<>();
        for (String dim : base.dims()) {
            if (indexers.containsKey(dim)) {
                if (adjacent && dim.equals(base.dims().get(axes.get(0)))) {
                    order.add(pointDim);
                }
            } else {
                order.add(dim);
            }
        }
        if (!adjacent) {
            order.add(0, pointDim);
        }
        DataArray result = stacked.transpose(order.toArray(String[]::new));
        Map<String, Variable> coords = new LinkedHashMap<>(result.coordVariables());
        // each indexed dimension's coordinate becomes a coordinate along the points (the label of each point)
        for (Map.Entry<String, long[]> e : chosen.entrySet()) {
            Variable c = base.coordVariables().get(e.getKey());
            if (c == null || !c.dims().equals(List.of(e.getKey()))) {
                continue;
            }
            long[] at = e.getValue();
            if (c.isLabels()) {
                List<Object> labels = c.labelValues();
                List<Object> picked = new ArrayList<>();
                for (long p : at) {
                    picked.add(labels.get((int) p));
                }
                coords.put(e.getKey(), Variable.labels(pointDim, picked, c.attrs()));
            } else {
                double[] values = c.values().astype(DType.FLOAT64).toDoubleArray();
                double[] picked = new double[at.length];
                for (int i = 0; i < at.length; i++) {
                    picked[i] = values[(int) at[i]];
                }
                coords.put(e.getKey(), Variable.of(List.of(pointDim), DenseArray.of(picked, picked.length), c.attrs()));
            }
        }
        for (DataArray indexer : indexers.values()) {
            indexer.coordVariables().forEach(coords::putIfAbsent);
        }
        return new DataArray(result.variable(), coords, data.name());
    }
}
