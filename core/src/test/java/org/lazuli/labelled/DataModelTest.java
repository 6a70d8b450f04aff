package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ArraySource;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

class DataModelTest {

    /** A 100-year monthly source that counts reads, and fails when told to. */
    static final class CountingSource implements ArraySource {
        static final AtomicInteger READS = new AtomicInteger();
        static final List<long[]> STARTS = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final boolean fail;

        CountingSource(boolean fail) {
            this.fail = fail;
        }

        @Override
        public long[] shape() {
            return new long[] {1200, 3};
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public String token() {
            return "counting" + fail;
        }

        @Override
        public DenseArray read(long[] start, long[] step, long[] count) {
            if (fail) {
                throw new AssertionError("the data was read");
            }
            READS.incrementAndGet();
            STARTS.add(start.clone());
            double[] values = new double[(int) (count[0] * count[1])];
            for (int i = 0; i < count[0]; i++) {
                for (int j = 0; j < count[1]; j++) {
                    values[(int) (i * count[1] + j)] = start[0] + i;
                }
            }
            return DenseArray.of(values, count);
        }
    }

    static DataArray century(boolean fail) {
        List<Object> dates = new ArrayList<>();
        for (int m = 0; m < 1200; m++) {
            dates.add(CalendarDate.of(Calendar.STANDARD, 1901 + m / 12, m % 12 + 1, 15));
        }
        ChunkedArray data = ChunkedArray.fromSource(new CountingSource(fail), ChunkSpec.of(12, 3));
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("time", Variable.labels("time", dates, Map.of("standard_name", "time")));
        coords.put("station", Variable.labels("station", List.of("a", "b", "c"), Map.of()));
        return DataArray.of(Variable.lazy(List.of("time", "station"), data, Map.of("units", "K")), coords, "t");
    }

    @Test
    void nothingIsReadBeforeCompute() {
        DataArray t = century(true);
        DataArray chain = t.sel("time", Slice.of("1950", "1979")).subtract(273.15).groupBy("time.month").mean("time");
        DataArray anomaly = t.groupBy("time.month").subtract(chain).rolling("time", 3).mean().resample("time", "YS").max();
        assertTrue(anomaly.isLazy());
        assertTrue(anomaly.toString().contains("ChunkedArray<"), anomaly.toString());
        t.coarsen("time", 12, "exact").mean().std("station");
        t.median("time");
        Dataset ds = Dataset.of(Map.of("t", t));
        ds.mean("time").sel("station", "b").toString();
        AssertionErrorHolder.expect(() -> anomaly.values());
    }

    /** Confirms that computing does read (so the laziness test above could fail). */
    static final class AssertionErrorHolder {
        static void expect(Runnable compute) {
            RuntimeException e = assertThrows(RuntimeException.class, compute::run);
            assertTrue(String.valueOf(e.getCause()).contains("the data was read"), String.valueOf(e));
        }
    }

    @Test
    void pointwiseSelectionReadsOnlyTheChunksOfItsPoints() {
        DataArray t = century(true);
        DataArray months = DataArray.of(DenseArray.of(new long[] {5, 700, 1199}, 3), "point");
        DataArray stations = DataArray.of(DenseArray.of(new long[] {0, 2, 1}, 3), "point");
        DataArray picked = t.isel(Map.of("time", months, "station", stations));
        assertTrue(picked.isLazy(), "nothing read before compute");
        AssertionErrorHolder.expect(() -> picked.values());
        CountingSource.READS.set(0);
        double[] values = century(false).isel(Map.of("time", months, "station", stations)).values().toDoubleArray();
        assertArrayEquals(new double[] {5, 700, 1199}, values, "the source's value is its time position");
        assertEquals(3, CountingSource.READS.get(), "one small read per point, not the 100 chunks of the century");
        assertEquals(List.of("point"), century(false).isel(Map.of("time", months, "station", stations)).dims());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> t.isel(Map.of(
                "time", months, "station", DataArray.of(DenseArray.of(new long[] {0, 1}, 2), "point"))));
        assertTrue(mismatch.getMessage().contains("share one dimension"), mismatch.getMessage());
    }

    @Test
    void selectingOneYearReadsOnlyThatYear() {
        CountingSource.READS.set(0);
        CountingSource.STARTS.clear();
        DataArray year = century(false).sel("time", "1990").mean("time");
        assertArrayEquals(new double[] {(89 * 12) + 5.5, (89 * 12) + 5.5, (89 * 12) + 5.5}, year.values().toDoubleArray());
        assertEquals(1, CountingSource.READS.get(), "one block of twelve months");
        assertEquals(89 * 12, CountingSource.STARTS.get(0)[0]);
    }

    @Test
    void groupedClimatologyOfACenturyHasFewTasks() {
        DataArray t = century(false);
        DataArray clim = t.groupBy("time.month").mean("time");
        int tasks = clim.data().taskCount();
        assertTrue(tasks <= 2 * 100, tasks + " tasks for 100 chunks and 12 groups");
        double[] january = clim.isel("month", 0).values().toDoubleArray();
        assertEquals((0 + 1188) / 2.0, january[0], 1e-9, "mean of positions 0, 12, … 1188");
        DataArray anomaly = t.groupBy("time.month").subtract(clim);
        assertTrue(anomaly.data().taskCount() < 4 * 100, anomaly.data().taskCount() + " tasks");
        assertEquals(-594.0, anomaly.isel("time", 0).values().toDoubleArray()[0], 1e-9);
    }

    @Test
    void arithmeticBroadcastsByNameNotPosition() {
        DataArray a = DataArray.of(DenseArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), "y", "x");
        DataArray x = DataArray.of(DenseArray.of(new double[] {10, 20, 30}, 3), "x");
        DataArray y = DataArray.of(DenseArray.of(new double[] {100, 200}, 2), "y");
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, a.add(x).values().toDoubleArray());
        DataArray yx = y.add(x);
        assertEquals(List.of("y", "x"), yx.dims());
        assertArrayEquals(new double[] {110, 120, 130, 210, 220, 230}, yx.values().toDoubleArray());
        DataArray xy = x.add(y);
        assertEquals(List.of("x", "y"), xy.dims());
        assertEquals(a.add(x).transpose("x", "y").values(), a.transpose().add(x).values());
    }

    @Test
    void datasetsSelectAndReduceEveryVariable() {
        DataArray t = century(false);
        DataArray p = t.multiply(2.0).rename("p");
        Dataset ds = Dataset.of(Map.of("t", t, "p", p)).withAttrs(Map.of("title", "test"));
        assertEquals(Map.of("time", 1200L, "station", 3L), ds.sizes());
        Dataset yearly = ds.sel("time", Slice.of("1901", "1902")).mean("time");
        assertEquals(List.of("station"), yearly.get("p").dims());
        assertEquals(2 * yearly.get("t").values().getDouble(0), yearly.get("p").values().getDouble(0), 1e-9);
        LabelNotFoundException e = assertThrows(LabelNotFoundException.class, () -> ds.get("T"));
        assertTrue(e.getMessage().contains("did you mean 't'"), e.getMessage());
        String repr = ds.toString();
        assertTrue(repr.startsWith("<lazuli.Dataset>\nDimensions:  (time: 1200, station: 3)"), repr);
        assertTrue(repr.contains("  * time") && repr.contains("Data variables:") && repr.contains("title:  test"), repr);
        assertTrue(ds.toHtml().startsWith("<div class=\"lazuli-repr") && !ds.toHtml().contains("<lazuli"), ds.toHtml());
        MergeConflictException conflict = assertThrows(MergeConflictException.class,
                () -> Dataset.merge(List.of(ds, Dataset.of(Map.of("p", t.rename("p"))))));
        assertTrue(conflict.getMessage().contains("'p'"), conflict.getMessage());
        assertEquals(ds.dataVarNames(), Dataset.merge(List.of(ds, Dataset.of(Map.of("p", p)))).dataVarNames());
    }

    @Test
    void concatAndCombineByCoordsRebuildTheWhole() {
        DataArray t = century(false).sel("time", Slice.of("1901", "1903"));
        DataArray parts = DataArray.concat(List.of(t.isel("time", Slice.of(0, 12)), t.isel("time", Slice.of(12, 36))),
                "time");
        assertEquals(t.values(), parts.values());
        assertEquals(t.coords().get("time").labels(), parts.coords().get("time").labels());
        Dataset whole = Dataset.of(Map.of("t", t));
        Dataset shuffled = Dataset.combineByCoords(List.of(whole.isel("time", Slice.of(24, 36)),
                whole.isel("time", Slice.of(0, 24))));
        assertEquals(t.values(), shuffled.get("t").values());
        // xarray: "Resulting object does not have monotonic global indexes along dimension time"
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> Dataset.combineByCoords(
                List.of(whole.isel("time", Slice.of(10, 36)), whole.isel("time", Slice.of(0, 12)))));
        assertTrue(overlap.getMessage().contains("Datasets 1 and 0 overlap along 'time'")
                && overlap.getMessage().contains("not be monotonic"), overlap.getMessage());
        DataArray stacked = DataArray.concat(List.of(t, t.add(1.0)), "run");
        assertEquals(List.of("run", "time", "station"), stacked.dims());
        assertEquals(1.0, stacked.isel("run", 1).subtract(stacked.isel("run", 0)).max().values().getDouble(), 1e-12);
    }

    @Test
    void eagerDataStaysEagerAndLazyStaysLazy() {
        DataArray eager = century(false).compute();
        assertFalse(eager.isLazy());
        assertFalse(eager.mean("time").isLazy());
        assertTrue(eager.chunk(Map.of("time", 100L)).isLazy());
        assertEquals(12, eager.chunk(Map.of("time", 100L)).chunks().orElseThrow().numBlocks(0));
        assertTrue(century(false).add(eager).isLazy(), "lazy wins, as dask does in xarray");
        assertEquals(Map.of("units", "K"), eager.attrs());
        assertEquals(Map.of(), eager.add(1.0).attrs(), "arithmetic drops attributes (xarray's default)");
    }

    @Test
    void dataArrayReprLooksLikeXarray() {
        DataArray small = DataArray.of(DenseArray.of(new double[] {1, 2, 3}, 3), "x").assignCoords("x",
                new double[] {10, 20, 30}).rename("v");
        String repr = small.toString();
        assertTrue(repr.startsWith("<lazuli.DataArray 'v' (x: 3)>\narray([1., 2., 3.])\nCoordinates:\n  * x "), repr);
        assertTrue(century(false).toString().contains("ChunkedArray<chunksize=(12, 3), chunks=100>"));
    }
}
