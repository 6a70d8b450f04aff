package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/** skipna as xarray has it: by default only floating-point data skip NaN; SKIP and KEEP say so outright. */
class SkipNaTest {

    @Test
    void nanIsSkippedByDefaultAndOnRequestAndKeptWhenAsked() {
        DataArray x = DataArray.of(Variable.of(List.of("t"), DenseArray.of(new double[] {1, Double.NaN, 5}, 3)),
                Map.of(), "x");
        double eager = (1 + 5) / 2.0;
        assertEquals(eager, x.reduce(Reductions.Kind.MEAN, ReduceArgs.defaults(), "t").values().getDouble());
        assertEquals(eager, x.reduce(Reductions.Kind.MEAN, ReduceArgs.defaults().withSkipNa(SkipNa.SKIP), "t")
                .values().getDouble());
        assertTrue(Double.isNaN(x.reduce(Reductions.Kind.MEAN, ReduceArgs.defaults().withSkipNa(SkipNa.KEEP), "t")
                .values().getDouble()));
        assertEquals(ReduceArgs.defaults().withSkipNa(SkipNa.KEEP), ReduceArgs.defaults().withSkipNa(false));
    }

    @Test
    void theDefaultSkipsOnlyInFloatingPointData() {
        assertTrue(SkipNa.DEFAULT.skipsIn(DType.FLOAT32));
        assertFalse(SkipNa.DEFAULT.skipsIn(DType.INT64));
        assertTrue(SkipNa.SKIP.skipsIn(DType.INT64));
        assertFalse(SkipNa.KEEP.skipsIn(DType.FLOAT64));
        assertThrows(NullPointerException.class, () -> new ReduceArgs(null, 0, 0, 0.5));
    }
}
