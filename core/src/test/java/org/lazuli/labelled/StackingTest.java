package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;

/** stack/unstack beyond the xarray reference values: labels, selection, laziness and misuse. */
class StackingTest {

    /** station (strings) x level (numbers), values 10 * station + level. */
    private static DataArray stations(boolean lazy) {
        double[] values = new double[3 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = 10 * (i / 2) + i % 2;
        }
        DenseArray dense = DenseArray.of(values, 3, 2);
        Variable data = lazy ? Variable.lazy(List.of("station", "level"), ChunkedArray.fromDense(dense, new long[] {2, 1}),
                Map.of("units", "K")) : Variable.of(List.of("station", "level"), dense, Map.of("units", "K"));
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("station", Variable.labels("station", List.of("oslo", "bergen", "tromso"), Map.of()));
        coords.put("level", Variable.of(List.of("level"), DenseArray.of(new double[] {850, 500}, 2)));
        coords.put("code", Variable.labels(List.of("station", "level"), new long[] {3, 2},
                new Object[] {"o8", "o5", "b8", "b5", "t8", "t5"}, Map.of()));
        return DataArray.of(data, coords, "t");
    }

    @Test
    void stackedLabelsAreTuplesThatSelectAndCoordinatesFollow() {
        DataArray stacked = stations(false).stack("point", "station", "level");
        assertEquals(List.of("point"), stacked.dims());
        assertEquals(List.of(StackedLabel.of("oslo", 850.0), StackedLabel.of("oslo", 500.0),
                StackedLabel.of("bergen", 850.0)), stacked.coords().get("point").labels().subList(0, 3));
        assertEquals(List.of("station", "level"), ((StackedLabel) stacked.coords().get("point").labels().get(0)).levels());
        assertEquals(List.of("oslo", "oslo", "bergen", "bergen", "tromso", "tromso"),
                stacked.coords().get("station").labels());
        assertEquals(List.of("o8", "o5", "b8", "b5", "t8", "t5"), stacked.coords().get("code").labels());
        assertEquals(Map.of("units", "K"), stacked.attrs());
        assertTrue(stacked.toString().contains("('oslo', 850.0)"), stacked.toString());
        assertEquals(11.0, stacked.sel("point", StackedLabel.of("bergen", 500.0)).values().getDouble(), 0);
        assertEquals("('bergen', 500.0)", StackedLabel.of("bergen", 500.0).toString());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> stacked.sel("point", "oslo"));
        assertTrue(plain.getMessage().contains("stacked from [station, level]")
                && plain.getMessage().contains("StackedLabel.of"), plain.getMessage());
    }

    @Test
    void unstackingRestoresLabelsCoordinatesAndAttributes() {
        DataArray original = stations(false);
        DataArray back = original.stack("point", "station", "level").unstack("point");
        assertEquals(original.dims(), back.dims());
        assertArrayEquals(original.values().toDoubleArray(), back.values().toDoubleArray(), 0);
        assertEquals(original.coords().get("station").labels(), back.coords().get("station").labels());
        assertEquals(original.coords().get("code").labels(), back.coords().get("code").labels());
        assertEquals(List.of("station", "level"), back.coords().get("code").dims());
        assertEquals(Map.of("units", "K"), back.attrs());
    }

    @Test
    void missingCombinationsAreNaNAndTheirLabelsNull() {
        DataArray stacked = stations(false).stack("point", "station", "level");
        DataArray partial = stacked.isel("point", new long[] {5, 0, 2});   // (tromso,500) (oslo,850) (bergen,850)
        DataArray grid = partial.unstack("point");
        assertEquals(List.of("tromso", "oslo", "bergen"), grid.coords().get("station").labels());
        assertArrayEquals(new double[] {500, 850}, grid.coords().get("level").values().toDoubleArray(), 0);
        assertArrayEquals(new double[] {21, Double.NaN, Double.NaN, 0, Double.NaN, 10},
                grid.values().toDoubleArray(), 0);
        assertEquals(java.util.Arrays.asList("t5", null, null, "o8", null, "b8"), grid.coords().get("code").labels());
    }

    @Test
    void integersWithMissingCombinationsBecomeFloat() {
        DataArray counts = DataArray.of(DenseArray.of(new long[] {1, 2, 3, 4}, 2, 2), "a", "b");
        DataArray grid = counts.stack("z", "a", "b").isel("z", new long[] {0, 3}).unstack("z");
        assertEquals(org.lazuli.array.DType.FLOAT64, grid.dtype());
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, 4}, grid.values().toDoubleArray(), 0);
        assertEquals(org.lazuli.array.DType.INT64, counts.stack("z", "a", "b").unstack().dtype());
    }

    @Test
    void stackingAndUnstackingStayLazyAndChunked() {
        DataArray lazy = stations(true);
        DataArray stacked = lazy.stack("point", "station", "level");
        assertTrue(stacked.isLazy());
        DataArray partial = stacked.isel("point", new long[] {4, 1}).unstack("point");
        assertTrue(partial.isLazy());
        assertArrayEquals(new double[] {20, Double.NaN, Double.NaN, 1}, partial.values().toDoubleArray(), 0);
        Dataset ds = Dataset.of(Map.of("t", lazy)).stack("point", "station", "level");
        assertTrue(ds.get("t").isLazy());
        assertArrayEquals(lazy.values().toDoubleArray(), ds.unstack().get("t").values().toDoubleArray(), 0);
    }

    @Test
    void misuseIsRefusedWithTheFix() {
        DataArray da = stations(false);
        LabelNotFoundException missing = assertThrows(LabelNotFoundException.class, () -> da.stack("z", "station", "lon"));
        assertTrue(missing.getMessage().contains("'lon'"), missing.getMessage());
        IllegalArgumentException existing = assertThrows(IllegalArgumentException.class,
                () -> da.stack("level", "station", "level"));
        assertTrue(existing.getMessage().contains("already has a dimension"), existing.getMessage());
        IllegalArgumentException notStacked = assertThrows(IllegalArgumentException.class, () -> da.unstack("station"));
        assertTrue(notStacked.getMessage().contains("not a stacked dimension"), notStacked.getMessage());
        DataArray stacked = da.stack("z", "station", "level");
        DataArray doubled = DataArray.concat(List.of(stacked, stacked.isel("z", new long[] {1})), "z");
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> doubled.unstack("z"));
        assertTrue(duplicate.getMessage().contains("('oslo', 500.0)") && duplicate.getMessage().contains("duplicates"),
                duplicate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> da.stack("z"));
    }
}
