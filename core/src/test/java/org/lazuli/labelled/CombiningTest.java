package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DenseArray;

/** merge and concat options beyond the xarray reference values: each compat rule, misuse, laziness. */
class CombiningTest {

    private static DataArray along(String dim, double[] labels, double[] values, Map<String, ?> attrs) {
        return DataArray.of(Variable.of(List.of(dim), DenseArray.of(values, values.length), attrs),
                Map.of(dim, Variable.of(List.of(dim), DenseArray.of(labels, labels.length))), null);
    }

    private static Dataset one(String name, DataArray a) {
        return Dataset.of(Map.of(name, a));
    }

    @Test
    void eachCompatRuleDecidesWhetherVariablesOfOneNameAgree() {
        double[] x = {1, 2, 3};
        Dataset kelvin = one("t", along("x", x, new double[] {1, Double.NaN, 3}, Map.of("units", "K")));
        Dataset plain = one("t", along("x", x, new double[] {1, 2, Double.NaN}, Map.of()));
        assertArrayEquals(new double[] {1, 2, 3}, Dataset.merge(List.of(kelvin, plain)).get("t").values().toDoubleArray(),
                0, "no_conflicts fills each one's gaps from the other");
        MergeConflictException equals = assertThrows(MergeConflictException.class,
                () -> Dataset.merge(List.of(kelvin, plain), Compat.EQUALS, Join.OUTER));
        assertTrue(equals.getMessage().contains("'t'") && equals.getMessage().contains("compat EQUALS")
                && equals.getMessage().contains("Compat.OVERRIDE"), equals.getMessage());
        Dataset same = one("t", along("x", x, new double[] {1, Double.NaN, 3}, Map.of()));
        assertEquals(1.0, Dataset.merge(List.of(kelvin, same), Compat.EQUALS, Join.OUTER).get("t").values().getDouble(0));
        MergeConflictException identical = assertThrows(MergeConflictException.class,
                () -> Dataset.merge(List.of(kelvin, same), Compat.IDENTICAL, Join.OUTER));
        assertTrue(identical.getMessage().contains("attributes"), identical.getMessage());
        assertEquals(Map.of("units", "K"), Dataset.merge(List.of(kelvin, plain), Compat.OVERRIDE, Join.OUTER).get("t")
                .attrs());
        Dataset scalar = one("t", DataArray.of(Variable.of(List.of(), DenseArray.scalar(5.0)), Map.of(), null));
        Dataset fives = one("t", along("x", x, new double[] {5, 5, 5}, Map.of()));
        assertEquals(List.of("x"), Dataset.merge(List.of(scalar, fives), Compat.BROADCAST_EQUALS, Join.OUTER).get("t")
                .dims(), "broadcast_equals compares once broadcast");
        assertThrows(MergeConflictException.class, () -> Dataset.merge(List.of(scalar, fives), Compat.EQUALS, Join.OUTER));
    }

    @Test
    void minimalDropsDisagreeingCoordinatesAndJoinsAlignIndexes() {
        DataArray a = along("x", new double[] {1, 2}, new double[] {10, 20}, Map.of())
                .assignCoords(Map.of("height", Variable.of(List.of(), DenseArray.scalar(2.0))));
        DataArray b = along("x", new double[] {2, 3}, new double[] {20, 30}, Map.of())
                .assignCoords(Map.of("height", Variable.of(List.of(), DenseArray.scalar(10.0))));
        Dataset minimal = Dataset.merge(List.of(one("a", a), one("b", b)), Compat.MINIMAL, Join.OUTER);
        assertFalse(minimal.contains("height"), "a coordinate that disagrees is dropped");
        assertArrayEquals(new double[] {10, 20, Double.NaN}, minimal.get("a").values().toDoubleArray(), 0);
        MergeConflictException exact = assertThrows(MergeConflictException.class,
                () -> Dataset.merge(List.of(one("a", a), one("b", b)), Compat.MINIMAL, Join.EXACT));
        assertTrue(exact.getMessage().contains("'x'"), exact.getMessage());
        Dataset overridden = Dataset.merge(List.of(one("a", a.drop("height")), one("b", b.drop("height"))),
                Compat.NO_CONFLICTS, Join.OVERRIDE);
        assertArrayEquals(new double[] {1, 2}, overridden.coords().get("x").values().toDoubleArray(), 0);
        assertArrayEquals(new double[] {20, 30}, overridden.get("b").values().toDoubleArray(), 0);
        DataArray longer = along("x", new double[] {1, 2, 3}, new double[] {1, 2, 3}, Map.of());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> Dataset.merge(List.of(one("a", a.drop("height")), one("c", longer)), Compat.NO_CONFLICTS,
                        Join.OVERRIDE));
        assertTrue(lengths.getMessage().contains("one length along 'x'"), lengths.getMessage());
    }

    @Test
    void concatMisuseIsRefusedWithTheFix() {
        DataArray v = along("t", new double[] {0, 1}, new double[] {1, 2}, Map.of());
        DataArray w = along("t", new double[] {2, 3}, new double[] {3, 4}, Map.of());
        Dataset first = one("v", v).assign("grid", DataArray.of(DenseArray.of(new double[] {7}, 1), "g").rename("grid"));
        Dataset second = one("v", w).assign("grid", DataArray.of(DenseArray.of(new double[] {8}, 1), "g").rename("grid"));
        MergeConflictException minimal = assertThrows(MergeConflictException.class, () -> Dataset.concat(
                List.of(first, second), "t", ConcatOptions.defaults().dataVars(ConcatOptions.Which.MINIMAL)));
        assertTrue(minimal.getMessage().contains("'grid'") && minimal.getMessage().contains("dataVars"),
                minimal.getMessage());
        Dataset joined = Dataset.concat(List.of(first, second), "t", ConcatOptions.defaults().dataVars("grid"));
        assertEquals(List.of("t", "g"), joined.get("grid").dims());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Dataset.concat(List.of(first, one("v", w)), "t"));
        assertTrue(missing.getMessage().contains("'grid'") && missing.getMessage().contains("dataset 1"),
                missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Dataset.concat(List.of(first, second), "t", ConcatOptions.defaults().dataVars("nope")));
        assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
        IllegalArgumentException different = assertThrows(IllegalArgumentException.class, () -> Dataset.concat(
                List.of(first, second), "t", ConcatOptions.defaults().dataVars(ConcatOptions.Which.DIFFERENT)
                        .compat(Compat.OVERRIDE)));
        assertTrue(different.getMessage().contains("OVERRIDE"), different.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConcatOptions.defaults().compat(Compat.MINIMAL));
    }

    @Test
    void concatenatingLazyDataStaysLazy() {
        DataArray field = LabelledReferenceTest.field(true);
        Dataset a = Dataset.of(Map.of("v", field.isel("time", Slice.of(0, 10))));
        Dataset b = Dataset.of(Map.of("v", field.isel("time", Slice.of(10, 48))));
        Dataset joined = Dataset.concat(List.of(a, b), "time");
        assertTrue(joined.get("v").isLazy());
        assertArrayEquals(field.values().toDoubleArray(), joined.get("v").values().toDoubleArray(), 0);
        assertTrue(Dataset.merge(List.of(a, Dataset.of(Map.of("w", field.isel("time", Slice.of(0, 10)).multiply(2.0)))))
                .get("w").isLazy());
    }
}
