package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/**
 * applyUfunc against xarray's apply_ufunc(dask="parallelized") on the reference field: core dimensions
 * moved last, broadcasting of two arguments, vectorised calls and a new output dimension; eager and
 * chunked (the core dimension whole, the others in several blocks).
 */
class ApplyUfuncTest {
    /** The reference field with time in one chunk and lat, lon in several, or eager. */
    private static List<DataArray> fields() {
        return List.of(LabelledReferenceTest.field(false),
                LabelledReferenceTest.field(true).chunk(Map.of("time", -1L, "lat", 2L, "lon", 3L)));
    }

    /** Sorts every row along the last axis (NaN last, as NumPy). */
    private static DenseArray sortRows(DenseArray block) {
        double[] v = block.toDoubleArray();
        long[] shape = block.shape();
        int n = (int) shape[shape.length - 1];
        for (int from = 0; from < v.length; from += n) {
            Arrays.sort(v, from, from + n);
        }
        return DenseArray.of(v, shape);
    }

    /** nanmax - nanmin (stat = -1), or [nanmin, nanmax] (stat = 2) along the last axis. */
    private static DenseArray extremes(DenseArray block, boolean stacked) {
        double[] v = block.toDoubleArray();
        long[] shape = block.shape();
        int n = (int) shape[shape.length - 1];
        int rows = v.length / n;
        double[] out = new double[stacked ? 2 * rows : rows];
        for (int r = 0; r < rows; r++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = r * n; i < (r + 1) * n; i++) {
                if (!Double.isNaN(v[i])) {
                    min = Math.min(min, v[i]);
                    max = Math.max(max, v[i]);
                }
            }
            if (stacked) {
                out[2 * r] = min;
                out[2 * r + 1] = max;
            } else {
                out[r] = max - min;
            }
        }
        long[] outShape = Arrays.copyOf(shape, stacked ? shape.length : shape.length - 1);
        if (stacked) {
            outShape[shape.length - 1] = 2;
        }
        return DenseArray.of(out, outShape);
    }

    @Test
    void coreDimensionsGoLastAsInXarray() {
        for (DataArray da : fields()) {
            UfuncOptions alongTime = UfuncOptions.defaults().withInputCoreDims(List.of("time"));
            DataArray sorted = Lazuli.applyUfunc(blocks -> sortRows(blocks.get(0)), List.of(da),
                    alongTime.withOutputCoreDims("time"));
            LabelledReferenceTest.assertMatchesXarray("apply_sort_time", sorted);
            assertEquals(da.isLazy(), sorted.isLazy());
            LabelledReferenceTest.assertMatchesXarray("apply_range_time",
                    Lazuli.applyUfunc(blocks -> extremes(blocks.get(0), false), List.of(da), alongTime));
            DataArray stats = Lazuli.applyUfunc(blocks -> extremes(blocks.get(0), true), List.of(da),
                    alongTime.withOutputCoreDims("stat").withOutputSizes(Map.of("stat", 2L)));
            LabelledReferenceTest.assertMatchesXarray("apply_new_dimension", stats);
        }
    }

    @Test
    void twoArgumentsBroadcastByName() {
        DataArray da = LabelledReferenceTest.field(true).chunk(Map.of("time", 7L, "lon", -1L));
        DataArray weights = LabelledReferenceTest.field(false).mean("time");
        DataArray result = Lazuli.applyUfunc(blocks -> {
            double[] a = blocks.get(0).toDoubleArray();
            double[] b = blocks.get(1).toDoubleArray();
            long[] shape = blocks.get(0).shape();
            int n = (int) shape[shape.length - 1];
            double[] out = new double[a.length / n];
            for (int i = 0; i < a.length; i++) {
                double x = a[i] * b[i];
                out[i / n] += Double.isNaN(x) ? 0 : x;
            }
            return DenseArray.of(out, Arrays.copyOf(shape, shape.length - 1));
        }, List.of(da, weights), UfuncOptions.defaults().withInputCoreDims(List.of("lon"), List.of("lon")));
        LabelledReferenceTest.assertMatchesXarray("apply_two_arguments", result);
        assertTrue(result.isLazy());
    }

    @Test
    void vectorisedFunctionsSeeOnePointAtATime() {
        for (DataArray da : fields()) {
            DataArray trend = Lazuli.applyUfunc(point -> {
                double[] y = point.get(0).toDoubleArray();
                int n = y.length;
                double meanX = (n - 1) / 2.0;
                double meanY = 0;
                for (double v : y) {
                    meanY += (Double.isNaN(v) ? 0 : v) / n;
                }
                double sxy = 0;
                double sxx = 0;
                for (int i = 0; i < n; i++) {
                    sxy += (i - meanX) * ((Double.isNaN(y[i]) ? 0 : y[i]) - meanY);
                    sxx += (i - meanX) * (i - meanX);
                }
                return DenseArray.of(new double[] {sxy / sxx});
            }, List.of(da), UfuncOptions.defaults().withInputCoreDims(List.of("time")).withVectorize(true)
                    .withOutputDtype(DType.FLOAT64));
            LabelledReferenceTest.assertMatchesXarray("apply_vectorized_trend", trend);
        }
    }

    @Test
    void chunkedCoreDimensionsAndWrongShapesAreRefused() {
        DataArray da = LabelledReferenceTest.field(true);   // time in chunks of 7
        IllegalArgumentException chunked = assertThrows(IllegalArgumentException.class, () -> Lazuli.applyUfunc(
                blocks -> blocks.get(0), List.of(da), UfuncOptions.defaults().withInputCoreDims(List.of("time"))));
        assertTrue(chunked.getMessage().contains("'time'") && chunked.getMessage().contains("one chunk"),
                chunked.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Lazuli.applyUfunc(
                blocks -> blocks.get(0), List.of(da), UfuncOptions.defaults().withInputCoreDims(List.of("depth"))));
        assertTrue(missing.getMessage().contains("'depth'"), missing.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Lazuli.applyUfunc(
                blocks -> blocks.get(0), List.of(da), UfuncOptions.defaults().withOutputCoreDims("stat")));
        assertTrue(size.getMessage().contains("withOutputSizes"), size.getMessage());
        DataArray wrong = Lazuli.applyUfunc(blocks -> DenseArray.of(new double[] {1}), List.of(da),
                UfuncOptions.defaults());
        RuntimeException shape = assertThrows(RuntimeException.class, () -> wrong.values());
        StringBuilder all = new StringBuilder();
        for (Throwable t = shape; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        assertTrue(all.toString().contains("returned a block of shape"), all.toString());
    }

    @Test
    void mapBlocksShowsEachBlockWithItsCoordinates() {
        DataArray da = LabelledReferenceTest.field(true);   // chunks (7, 2, 3), as the reference's
        DataArray anomaly = da.mapBlocks(block -> block.subtract(block.mean())
                .subtract(block.coords().get("lat").multiply(0.1)).transpose("time", "lat", "lon"));
        assertTrue(anomaly.isLazy());
        LabelledReferenceTest.assertMatchesXarray("map_blocks_anomaly", anomaly);
        DataArray wrong = da.mapBlocks(block -> block.mean("time"));
        RuntimeException shape = assertThrows(RuntimeException.class, () -> wrong.values());
        StringBuilder all = new StringBuilder();
        for (Throwable t = shape; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        assertTrue(all.toString().contains("keep each block's dims and shape"), all.toString());
    }

    @Test
    void mapBlocksTakesATemplateOfAnotherShape() {
        DataArray blocks = LabelledReferenceTest.field(true);   // chunks (7, 2, 3)
        DataArray wholeTime = blocks.chunk(Map.of("time", -1L));
        DataArray dropped = wholeTime.mapBlocks(block -> block.mean("time"), wholeTime.mean("time"));
        assertTrue(dropped.isLazy());
        LabelledReferenceTest.assertMatchesXarray("map_blocks_drop_time", dropped);
        DataArray firstLat = blocks.mapBlocks(block -> block.isel("lat", Slice.of(0, 1)),
                blocks.isel("lat", new long[] {0, 2, 4}).chunk(Map.of("lat", 1L)));
        LabelledReferenceTest.assertMatchesXarray("map_blocks_first_lat", firstLat);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-40, 0, 40},
                firstLat.coords().get("lat").values().toDoubleArray(), 0, "the template's coordinates");
        DataArray template = DataArray.concat(List.of(wholeTime.min("time"), wholeTime.max("time")), "stat")
                .chunk(Map.of("stat", -1L));
        DataArray stats = wholeTime.mapBlocks(block -> DataArray.concat(List.of(block.min("time"), block.max("time")),
                "stat"), template);
        LabelledReferenceTest.assertMatchesXarray("map_blocks_new_stat", stats);

        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> blocks.mapBlocks(block -> block.mean("time"), blocks.mean("time")));
        assertTrue(split.getMessage().contains("drops the dimension 'time', which has 7 blocks"), split.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> blocks.mapBlocks(block -> block, blocks.isel("lat", Slice.of(0, 4)).chunk(Map.of("lat", 4L))));
        assertTrue(count.getMessage().contains("one output block per input block"), count.getMessage());
        IllegalArgumentException eager = assertThrows(IllegalArgumentException.class,
                () -> blocks.mapBlocks(block -> block, blocks.isel("lat", Slice.of(0, 2)).load()));
        assertTrue(eager.getMessage().contains("needs the template chunked"), eager.getMessage());
        DataArray lying = wholeTime.mapBlocks(block -> block.mean("time").isel("lon", Slice.of(0, 1)),
                wholeTime.mean("time"));
        RuntimeException wrong = assertThrows(RuntimeException.class, lying::values);
        StringBuilder all = new StringBuilder();
        for (Throwable t = wrong; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        assertTrue(all.toString().contains("should give [lat, lon] [2, 3]"), all.toString());
    }

    private static final java.util.concurrent.atomic.AtomicInteger DATASET_BLOCK_CALLS =
            new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void aDatasetsMapBlocksRunsTheFunctionOncePerBlockForAllItsVariables() {
        DataArray da = LabelledReferenceTest.field(true);   // chunks (7, 2, 3): 7 x 3 x 2 blocks
        Dataset pair = Dataset.of(Map.of("v", da, "m", da.mean("lon")));
        Dataset unevenPair = Dataset.of(Map.of("v", da, "w", da.chunk(Map.of("lat", 5L))));
        IllegalArgumentException uneven = assertThrows(IllegalArgumentException.class,
                () -> unevenPair.mapBlocks(b -> b));
        assertTrue(uneven.getMessage().contains("one chunking per dimension: 'lat'"), uneven.getMessage());
        Dataset blocks = pair.chunk(Map.of("time", 7L, "lat", 2L, "lon", -1L));
        DATASET_BLOCK_CALLS.set(0);
        Dataset result = blocks.mapBlocks(b -> {
            DATASET_BLOCK_CALLS.incrementAndGet();
            return b.multiply(2.0);
        });
        assertTrue(result.get("v").isLazy() && result.get("m").isLazy());
        assertEquals(0, DATASET_BLOCK_CALLS.get(), "nothing runs before compute");
        Dataset computed = result.compute();
        assertEquals(7 * 3, DATASET_BLOCK_CALLS.get(), "one call per block, for both variables");
        org.junit.jupiter.api.Assertions.assertArrayEquals(da.multiply(2.0).values().toDoubleArray(),
                computed.get("v").values().toDoubleArray(), 0);
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> blocks.mapBlocks(b -> b.mean(), blocks.mean()));
        assertTrue(scalar.getMessage().contains("drops the dimension 'time', which has 7 blocks"), scalar.getMessage());
        Dataset missing = blocks.mapBlocks(b -> b.drop("m"));
        RuntimeException wrong = assertThrows(RuntimeException.class, () -> missing.get("m").values());
        StringBuilder all = new StringBuilder();
        for (Throwable t = wrong; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        assertTrue(all.toString().contains("returned no 'm'"), all.toString());
    }
}
