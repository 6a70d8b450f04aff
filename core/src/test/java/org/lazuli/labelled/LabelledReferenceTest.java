package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

/**
 * Labelled operations against xarray's results on the same data (reference/labelled.json, made by
 * reference/make_labelled_reference.py). Every case runs on eager data and on lazy data with chunks
 * that cut across months, years and coordinates.
 */
class LabelledReferenceTest {
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LabelledReferenceTest.class.getResourceAsStream("/reference/labelled.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    static final int T = 48;
    static final int Y = 5;
    static final int X = 4;

    /** The synthetic field of the reference script, eager or lazy. */
    static DataArray field(boolean lazy) {
        double[] values = new double[T * Y * X];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 17 == 0 ? Double.NaN : 10 * Math.sin(0.1 * i) + 0.01 * i;
        }
        List<CalendarDate> time = new ArrayList<>();
        for (int m = 0; m < T; m++) {
            time.add(CalendarDate.of(Calendar.NOLEAP, 2000 + m / 12, m % 12 + 1, 1));
        }
        DenseArray dense = DenseArray.of(values, T, Y, X);
        Variable data = lazy ? Variable.lazy(List.of("time", "lat", "lon"),
                ChunkedArray.fromDense(dense, new long[] {7, 2, 3}), Map.of())
                : Variable.of(List.of("time", "lat", "lon"), dense);
        Map<String, Variable> coords = new java.util.LinkedHashMap<>();
        coords.put("time", Variable.labels("time", time, Map.of()));
        coords.put("lat", Variable.of(List.of("lat"), DenseArray.of(new double[] {-40, -20, 0, 20, 40}, 5)));
        coords.put("lon", Variable.of(List.of("lon"), DenseArray.of(new double[] {0, 90, 180, 270}, 4)));
        return DataArray.of(data, coords, "v");
    }

    static Stream<Arguments> cases() {
        Map<String, Function<DataArray, DataArray>> cases = new java.util.LinkedHashMap<>();
        cases.put("mean_time", da -> da.mean("time"));
        cases.put("sum_all_min_count", da -> da.isel("time", Slice.of(0, 2))
                .reduce(Reductions.Kind.SUM, ReduceArgs.defaults().withMinCount(19), "lat", "lon"));
        cases.put("std_lat_lon", da -> da.std("lat", "lon"));
        cases.put("std_ddof1_time", da -> da.reduce(Reductions.Kind.STD, ReduceArgs.defaults().withDdof(1), "time"));
        cases.put("median_time", da -> da.median("time"));
        cases.put("quantile_90_lon", da -> da.quantile(0.9, "lon"));
        cases.put("max_noskip_lon", da -> da.reduce(Reductions.Kind.MAX, ReduceArgs.defaults().withSkipNa(false), "lon"));
        cases.put("count_time", da -> da.count("time"));
        cases.put("sel_slice", da -> da.sel(Map.of("time", Slice.of("2001-03", "2002-02"), "lat", Slice.of(-20.0, 20.0)))
                .mean("time"));
        cases.put("sel_nearest", da -> da.sel("lat", 13.0, SelectMethod.NEAREST).isel("time", 5));
        cases.put("sel_pad", da -> da.sel("lon", 100.0, SelectMethod.PAD).isel("time", 7));
        cases.put("sel_year", da -> da.sel("time", "2002").sum("time"));
        cases.put("climatology", da -> da.groupBy("time.month").mean("time"));
        cases.put("anomaly_std", da -> da.groupBy("time.month").subtract(da.groupBy("time.month").mean("time")).std("time"));
        cases.put("season_max", da -> da.groupBy("time.season").max("time"));
        cases.put("resample_ys", da -> da.resample("time", "YS").mean());
        cases.put("resample_qsdec", da -> da.isel(Map.of("lat", 0, "lon", 0)).resample("time", "QS-DEC").sum());
        cases.put("rolling_min_periods", da -> da.isel(Map.of("lat", 1, "lon", 2)).rolling("time", 4, false, 2).max());
        cases.put("rolling_center", da -> da.isel(Map.of("lat", 1, "lon", 2)).rolling("time", 3, RollingOptions.centered())
                .mean());
        cases.put("coarsen_lat", da -> da.isel("time", 0).coarsen("lon", 2, "exact").mean());
        cases.put("align_inner_add", da -> da.mean("time").add(other(da)));
        cases.put("align_outer_left", da -> DataArray.align(Join.OUTER, da.mean("time"), other(da)).get(0));
        cases.put("align_outer_right", da -> DataArray.align(Join.OUTER, da.mean("time"), other(da)).get(1));
        cases.put("broadcast_by_name", da -> da.isel("time", 0).multiply(da.isel("time", 0).mean("lat")));
        cases.put("argmax_time", da -> da.isel("lat", 0).argmax("time"));
        cases.put("idxmax_lat", da -> da.isel("time", 3).fillna(-100).idxmax("lat"));
        cases.put("where_fillna", da -> da.isel("time", 0).where(da.isel("time", 0).gt(0)).fillna(-1));
        cases.put("groupby_bins_lat", da -> da.isel("time", 0).groupByBins("lat", new double[] {-50, -10, 30, 50}).mean());
        Map<String, Function<DataArray, DataArray>> ufuncs = new java.util.LinkedHashMap<>();
        ufuncs.put("sin", DataArray::sin);
        ufuncs.put("cos", DataArray::cos);
        ufuncs.put("tan", DataArray::tan);
        ufuncs.put("arcsin", DataArray::arcsin);
        ufuncs.put("arccos", DataArray::arccos);
        ufuncs.put("arctan", DataArray::arctan);
        ufuncs.put("sinh", DataArray::sinh);
        ufuncs.put("cosh", DataArray::cosh);
        ufuncs.put("tanh", DataArray::tanh);
        ufuncs.put("deg2rad", DataArray::deg2rad);
        ufuncs.put("rad2deg", DataArray::rad2deg);
        ufuncs.put("log10", DataArray::log10);
        ufuncs.put("log2", DataArray::log2);
        ufuncs.put("log1p", DataArray::log1p);
        ufuncs.put("expm1", DataArray::expm1);
        ufuncs.put("floor", DataArray::floor);
        ufuncs.put("ceil", DataArray::ceil);
        ufuncs.put("trunc", DataArray::trunc);
        ufuncs.put("sign", DataArray::sign);
        ufuncs.put("isfinite", DataArray::isfinite);
        ufuncs.put("isinf", DataArray::isinf);
        ufuncs.forEach((f, op) -> cases.put("ufunc_" + f, da -> op.apply(scaled(da))));
        cases.put("ufunc_arctan2", da -> scaled(da).arctan2(scaled(da).isel("lon", 0)));
        cases.put("ufunc_hypot", da -> scaled(da).hypot(scaled(da).mean("time")));
        cases.put("cmp_ge_array", da -> scaled(da).ge(scaled(da).mean("lat")));
        cases.put("isin", da -> da.isel("time", 0).round().isin(2.0, -3.0, 7.0));
        cases.put("shift_time", da -> da.shift("time", 3));
        cases.put("shift_lat_back_fill", da -> da.shift("lat", -2, -5.0));
        cases.put("roll_time", da -> da.roll("time", 10));
        cases.put("diff_time_2", da -> da.diff("time", 2));
        cases.put("diff_lat_coords", da -> da.isel("time", 1).diff("lat", 1).coords().get("lat"));
        cases.put("cumsum_time", da -> da.cumsum("time"));
        cases.put("cumsum_time_noskip", da -> da.cumsum("time", false));
        cases.put("cumprod_lon", da -> da.divide(10.0).cumprod("lon"));
        cases.put("where_other_array", da -> da.where(da.gt(1), da.mean("time")));
        cases.put("weighted_mean_lat_lon", da -> da.weighted(cosLat(da)).mean("lat", "lon"));
        cases.put("weighted_sum_lat", da -> da.weighted(cosLat(da)).sum("lat"));
        cases.put("weighted_sum_of_weights_lat", da -> da.weighted(cosLat(da)).sumOfWeights("lat"));
        cases.put("weighted_var_time_lat", da -> da.weighted(cosLat(da)).var("time", "lat"));
        cases.put("weighted_std_lat", da -> da.weighted(cosLat(da)).std("lat"));
        cases.put("weighted_quantile_lat", da -> da.weighted(cosLat(da)).quantile(0.9, "lat"));
        cases.put("weighted_quantile_time_lon", da -> da.weighted(cosLat(da)).quantile(0.25, "time", "lon"));
        cases.put("where_drop", da -> da.isel("time", 0).where(da.isel("time", 0).gt(5), true));
        cases.put("broadcast_like", da -> da.isel(Map.of("time", 0, "lon", Slice.of(1, 3)))
                .broadcastLike(da.isel("lat", Slice.of(0, 3)).mean("time")));
        cases.put("reindex_lat", da -> da.reindex("lat", List.of(-40.0, -30.0, 0.0, 40.0, 50.0)));
        cases.put("reindex_lat_nearest", da -> da.reindex("lat", List.of(-33.0, 1.0, 47.0), SelectMethod.NEAREST));
        cases.put("reindex_lat_tolerance", da -> da.reindex("lat", List.of(-33.0, 1.0, 47.0), SelectMethod.NEAREST, 5));
        cases.put("reindex_nearest_tolerance_fill", da -> da.reindex("lat", List.of(-33.0, 1.0, 47.0), SelectMethod.NEAREST,
                5, -9.0));
        cases.put("reindex_lon_fill", da -> da.reindex("lon", List.of(0.0, 45.0, 90.0), -1));
        cases.put("reindex_time", da -> da.reindex("time", List.of(CalendarDate.of(Calendar.NOLEAP, 2000, 3, 1),
                CalendarDate.of(Calendar.NOLEAP, 2000, 3, 15), CalendarDate.of(Calendar.NOLEAP, 2003, 12, 1))));
        cases.put("interp_lat", da -> da.interp("lat", -45.0, -40.0, -35.0, 5.0, 12.5, 40.0, 41.0));
        cases.put("interp_lat_nearest", da -> da.interp("lat", List.of(-31.0, -30.0, 10.0, 44.0), "nearest"));
        cases.put("interp_time", da -> da.interp("time", List.of(CalendarDate.of(Calendar.NOLEAP, 2000, 1, 16),
                CalendarDate.of(Calendar.NOLEAP, 2001, 6, 1, 12, 0, 0)), "linear"));
        cases.put("interp_lat_cubic", da -> da.fillna(0.0).interp("lat", List.of(-45.0, -40.0, -37.5, -5.0, 12.5, 33.0,
                40.0), "cubic"));
        cases.put("interp_lon_cubic_uneven", da -> {
            DataArray filled = da.fillna(0.0);
            DataArray extra = filled.isel("lon", new long[] {0}).assignCoords("lon", new double[] {300.0});
            return DataArray.concat(List.of(filled.isel("lon", new long[] {0, 1, 3}), extra), "lon")
                    .interp("lon", List.of(10.0, 200.0, 299.0), "cubic");
        });
        cases.put("interp_time_cubic", da -> da.fillna(0.0).interp("time", List.of(CalendarDate.of(Calendar.NOLEAP, 2000,
                1, 16), CalendarDate.of(Calendar.NOLEAP, 2003, 11, 20)), "cubic"));
        cases.put("interp_lat_cubic_nan_series", da -> da.isel("time", 0).interp("lat", List.of(-30.0, 10.0), "cubic"));
        cases.put("groupby_median", da -> da.groupBy("time.month").median("time"));
        cases.put("groupby_quantile_90", da -> da.groupBy("time.season").quantile(0.9, "time"));
        cases.put("pad_lat", da -> da.pad("lat", 1, 2));
        cases.put("pad_lon_constant", da -> da.pad("lon", 2, 1, -5.0));
        cases.put("pad_lat_edge", da -> da.padEdge("lat", 2, 1));
        cases.put("pad_lat_coords", da -> da.pad("lat", 1, 2).coords().get("lat"));
        cases.put("upsample_asfreq", da -> da.isel(Map.of("lat", 1, "lon", 2)).resample("time", "10D").asfreq());
        cases.put("upsample_ffill", da -> da.isel(Map.of("lat", 1, "lon", 2)).resample("time", "10D").ffill());
        cases.put("upsample_bfill", da -> da.isel(Map.of("lat", 1, "lon", 2)).resample("time", "10D").bfill());
        cases.put("upsample_interpolate", da -> da.isel(Map.of("lat", 1, "lon", 2)).resample("time", "10D").interpolate());
        cases.put("pointwise_isel", da -> da.isel(Map.of("lat", stations(0, 2, 4, 4), "lon", stations(1, 1, 3, 0))));
        cases.put("pointwise_isel_coords", da -> da.isel(Map.of("lat", stations(0, 2, 4, 4), "lon", stations(1, 1, 3, 0)))
                .coords().get("lat"));
        cases.put("pointwise_sel_nearest", da -> da.sel(Map.of("lat", DataArray.of(DenseArray.of(new double[] {-33.0, 12.0}, 2),
                "pt"), "lon", DataArray.of(DenseArray.of(new double[] {80.0, 200.0}, 2), "pt")), SelectMethod.NEAREST));
        cases.put("pointwise_not_adjacent", da -> da.isel(Map.of("time", DataArray.of(DenseArray.of(new long[] {0, 5}, 2), "p"),
                "lon", DataArray.of(DenseArray.of(new long[] {1, 2}, 2), "p"))));
        cases.put("isel_boolean", da -> da.isel(Map.of("lat", da.coords().get("lat").gt(-30.0),
                "lon", new boolean[] {true, false, true, true})));
        cases.put("merge_outer_w", da -> Dataset.merge(List.of(first6(da), doubledW(da))).get("w"));
        cases.put("merge_inner_v", da -> Dataset.merge(List.of(first6(da), doubledW(da)), Compat.NO_CONFLICTS, Join.INNER)
                .get("v"));
        cases.put("merge_left_w", da -> Dataset.merge(List.of(first6(da), doubledW(da)), Compat.NO_CONFLICTS, Join.LEFT)
                .get("w"));
        cases.put("merge_no_conflicts_fill", da -> {
            DataArray six = da.isel("time", Slice.of(0, 6));
            return Dataset.merge(List.of(Dataset.of(Map.of("v", six.where(six.gt(0)))),
                    Dataset.of(Map.of("v", six.where(six.le(0)))))).get("v");
        });
        cases.put("concat_all_static", da -> Dataset.concat(List.of(part(da, 0, 0), part(da, 3, 0)), "time").get("static"));
        cases.put("concat_minimal_static", da -> Dataset.concat(List.of(part(da, 0, 0), part(da, 3, 0)), "time",
                ConcatOptions.defaults().dataVars(ConcatOptions.Which.MINIMAL)).get("static"));
        cases.put("concat_different_static", da -> Dataset.concat(List.of(part(da, 0, 0), part(da, 3, 1)), "time",
                ConcatOptions.defaults().dataVars(ConcatOptions.Which.DIFFERENT)).get("static"));
        cases.put("concat_different_same", da -> Dataset.concat(List.of(part(da, 0, 0), part(da, 3, 0)), "time",
                ConcatOptions.defaults().dataVars(ConcatOptions.Which.DIFFERENT)).get("static"));
        cases.put("concat_outer_lat", da -> Dataset.concat(List.of(part(da, 0, 0).drop("static"), threeLats(da)), "time")
                .get("v"));
        cases.put("concat_inner_lat", da -> Dataset.concat(List.of(part(da, 0, 0).drop("static"), threeLats(da)), "time",
                ConcatOptions.defaults().join(Join.INNER)).get("v"));
        cases.put("concat_new_member", da -> {
            Dataset one = part(da, 0, 0).drop("static");
            Dataset two = part(da, 3, 0).drop("static");
            Dataset relabelled = Dataset.of(Map.of("v", two.get("v").assignCoords(Map.of("time",
                    one.variables().get("time")))));
            return Dataset.concat(List.of(one, relabelled), "member").get("v");
        });
        cases.put("dataset_map_blocks_v", da -> pairBlocks(da).mapBlocks(b -> b.map(a -> a.subtract(a.mean()))).get("v"));
        cases.put("dataset_map_blocks_m", da -> pairBlocks(da).mapBlocks(b -> b.map(a -> a.subtract(a.mean()))).get("m"));
        cases.put("dataset_map_blocks_drop_time_m", da -> {
            Dataset wholeTime = pairBlocks(da).chunk(Map.of("time", -1L));
            return wholeTime.mapBlocks(b -> b.max("time"), wholeTime.max("time")).get("m");
        });
        cases.put("head_time", da -> da.head("time", 5));
        cases.put("tail_lat", da -> da.tail("lat", 2));
        cases.put("thin_time", da -> da.thin("time", 7));
        cases.put("drop_sel_lat", da -> da.dropSel("lat", -20.0, 20.0));
        cases.put("sortby_lat_descending", da -> da.isel("lat", new long[] {3, 0, 4, 1, 2}).sortBy("lat", false));
        cases.put("sortby_time", da -> da.isel("time", java.util.stream.LongStream.range(0, 48).map(i -> (7 * i) % 48)
                .toArray()).sortBy("time").mean("lat"));
        cases.put("polyfit_lat_2", da -> da.polyfit("lat", 2).get("polyfit_coefficients"));
        cases.put("polyfit_time_1", da -> da.polyfit("time", 1).get("polyfit_coefficients"));
        cases.put("polyfit_polyval_lat", da -> org.lazuli.Lazuli.polyval(da.coords().get("lat"),
                da.polyfit("lat", 2).get("polyfit_coefficients")));
        cases.put("polyfit_polyval_time", da -> org.lazuli.Lazuli.polyval(da.coords().get("time"),
                da.polyfit("time", 1).get("polyfit_coefficients")));
        cases.put("differentiate_lat", da -> da.differentiate("lat"));
        cases.put("differentiate_time", da -> da.differentiate("time"));
        cases.put("differentiate_time_days", da -> da.differentiate("time", "D"));
        cases.put("integrate_lat", da -> da.integrate("lat"));
        cases.put("integrate_time_days", da -> da.fillna(0).integrate("time", "D"));
        cases.put("integrate_time_nan", da -> da.isel("lon", 0).integrate("time"));
        cases.put("cov_time", da -> org.lazuli.Lazuli.cov(da, partner(da), "time"));
        cases.put("cov_lat_ddof0", da -> org.lazuli.Lazuli.cov(da, partner(da), 0, "lat"));
        cases.put("corr_time", da -> org.lazuli.Lazuli.corr(da, partner(da), "time"));
        cases.put("corr_all", da -> org.lazuli.Lazuli.corr(da.isel("lon", 0), partner(da).isel("lon", 2)));
        cases.put("dot_common", da -> org.lazuli.Lazuli.dot(da.fillna(0), cosLat(da)));
        cases.put("dot_lat_lon", da -> org.lazuli.Lazuli.dot(da, partner(da), "lat", "lon"));
        cases.put("stack_lat_lon", da -> da.stack("z", "lat", "lon"));
        cases.put("stack_level_lon_coords", da -> da.stack("z", "lon", "lat").coords().get("lon"));
        cases.put("stack_three", da -> da.isel("time", Slice.of(0, 3)).stack("s", "lon", "time", "lat"));
        cases.put("unstack_roundtrip", da -> da.stack("z", "lat", "lon").unstack("z"));
        cases.put("unstack_subset", da -> da.stack("z", "lat", "lon").isel("z", new long[] {13, 5, 0, 2, 6})
                .unstack("z"));
        cases.put("unstack_subset_lat_coords", da -> da.stack("z", "lat", "lon").isel("z", new long[] {13, 5, 0, 2, 6})
                .unstack("z").coords().get("lat"));
        cases.put("unstack_mean_back", da -> {
            DataArray stacked = da.stack("z", "lat", "lon");
            return stacked.subtract(stacked.mean("z")).unstack();
        });
        cases.put("dataset_stack_broadcast", da -> pair(da).stack("z", "lat", "lon").get("m"));
        cases.put("dataset_sel_pointwise", da -> pair(da).sel(pointwiseLatLon()).get("v"));
        cases.put("dataset_sel_pointwise_m", da -> pair(da).sel(pointwiseLatLon()).get("m"));
        List<Arguments> arguments = new ArrayList<>();
        cases.forEach((name, op) -> {
            arguments.add(Arguments.of(name, false, op));
            arguments.add(Arguments.of(name, true, op));
        });
        return arguments.stream();
    }

    private static Dataset first6(DataArray da) {
        return Dataset.of(Map.of("v", da.isel("time", Slice.of(0, 6))));
    }

    private static Dataset doubledW(DataArray da) {
        return Dataset.of(Map.of("w", da.isel(Map.of("time", Slice.of(0, 6), "lat", Slice.of(1, 5))).multiply(2.0)));
    }

    /** Three times from {@code start} with a time-invariant "static" (the first map's zonal mean, plus {@code shift}). */
    private static Dataset part(DataArray da, int start, double shift) {
        return Dataset.of(Map.of("v", da.isel("time", Slice.of(start, start + 3)))).assign("static",
                da.isel("time", 0).mean("lon").add(shift).rename("static"));
    }

    private static Dataset threeLats(DataArray da) {
        return Dataset.of(Map.of("v", da.isel(Map.of("time", Slice.of(3, 6), "lat", Slice.of(0, 3)))));
    }

    /** The field and its mean over lon, as the reference script's {@code pair}. */
    private static Dataset pair(DataArray da) {
        Map<String, DataArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("v", da);
        arrays.put("m", da.mean("lon"));
        return Dataset.of(arrays);
    }

    /** The pair chunked as the reference script's {@code pair_blocks} (lazy or not, chunked now). */
    private static Dataset pairBlocks(DataArray da) {
        return pair(da).chunk(Map.of("time", 7L, "lat", 2L, "lon", -1L));
    }

    private static Map<String, Object> pointwiseLatLon() {
        return Map.of("lat", DataArray.of(DenseArray.of(new double[] {-20.0, 40.0}, 2), "pt"),
                "lon", DataArray.of(DenseArray.of(new double[] {270.0, 90.0}, 2), "pt"));
    }

    /** Positions of stations along one dimension, "station", as pointwise indexers. */
    private static DataArray stations(long... positions) {
        return DataArray.of(DenseArray.of(positions, positions.length), "station");
    }

    /** A second field for cov, corr and dot: NaNs of its own, broadcast over lon (as the reference script's). */
    static DataArray partner(DataArray da) {
        return da.isel("lon", 1).cos().multiply(5).add(da.shift("time", 1));
    }

    /** Area weights: the cosine of the latitude. */
    static DataArray cosLat(DataArray da) {
        return da.coords().get("lat").deg2rad().cos();
    }

    @org.junit.jupiter.api.Test
    void datasetsApplyTheSameToEveryDataVariableThatHasTheDimension() {
        DataArray v = field(true);
        DataArray w = v.isel("time", 0).drop("time").rename("w");   // no time dimension: left as it is by time operations
        Dataset ds = Dataset.of(Map.of("v", v, "w", w));
        double[] want = v.weighted(cosLat(v)).mean("lat", "lon").values().toDoubleArray();
        assertArrayEquals(want, ds.weighted(cosLat(v)).mean("lat", "lon").get("v").values().toDoubleArray());
        assertArrayEquals(v.cumsum("time").values().toDoubleArray(), ds.cumsum("time").get("v").values().toDoubleArray());
        assertArrayEquals(w.values().toDoubleArray(), ds.shift("time", 2).get("w").values().toDoubleArray());
        assertArrayEquals(v.roll("time", 5).values().toDoubleArray(), ds.roll("time", 5).get("v").values().toDoubleArray());
        assertArrayEquals(v.sin().values().toDoubleArray(), ds.sin().get("v").values().toDoubleArray());
        // calculus, ordering and selection helpers: each data variable as on its own, the others untouched
        Map<String, java.util.function.Function<Dataset, Dataset>> onDataset = new java.util.LinkedHashMap<>();
        Map<String, Function<DataArray, DataArray>> onArray = new java.util.LinkedHashMap<>();
        onDataset.put("differentiate", d -> d.differentiate("time"));
        onArray.put("differentiate", a -> a.differentiate("time"));
        onDataset.put("integrate", d -> d.integrate("time"));
        onArray.put("integrate", a -> a.integrate("time"));
        onDataset.put("sortBy", d -> d.isel("lat", new long[] {2, 0, 4, 1, 3}).sortBy("lat", false));
        onArray.put("sortBy", a -> a.isel("lat", new long[] {2, 0, 4, 1, 3}).sortBy("lat", false));
        onDataset.put("head", d -> d.head("time", 4));
        onArray.put("head", a -> a.head("time", 4));
        onDataset.put("dropSel", d -> d.dropSel("lon", 90.0));
        onArray.put("dropSel", a -> a.dropSel("lon", 90.0));
        onDataset.put("where", d -> d.where(v.isel("time", 0).gt(0)));
        onArray.put("where", a -> a.where(v.isel("time", 0).gt(0)));
        onDataset.put("fillna", d -> d.fillna(-1));
        onArray.put("fillna", a -> a.fillna(-1));
        onDataset.put("rolling", d -> d.rolling("time", 3, true, 2).mean());
        onArray.put("rolling", a -> a.rolling("time", 3, true, 2).mean());
        onDataset.put("coarsen", d -> d.coarsen("time", 4, "exact").max());
        onArray.put("coarsen", a -> a.coarsen("time", 4, "exact").max());
        onDataset.put("reindex", d -> d.reindex("lat", List.of(-40.0, -30.0, 40.0)));
        onArray.put("reindex", a -> a.reindex("lat", List.of(-40.0, -30.0, 40.0)));
        onDataset.put("interp", d -> d.interp("lat", -35.0, 5.0));
        onArray.put("interp", a -> a.interp("lat", -35.0, 5.0));
        onDataset.put("pad", d -> d.pad("lon", 1, 1));
        onArray.put("pad", a -> a.pad("lon", 1, 1));
        onDataset.forEach((operation, function) -> {
            Dataset result = function.apply(ds);
            DataArray own = onArray.get(operation).apply(v);
            assertEquals(own.dims(), result.get("v").dims(), operation);
            assertArrayEquals(own.values().toDoubleArray(), result.get("v").values().toDoubleArray(), operation);
            boolean wHasTheDim = !List.of("differentiate", "integrate", "head", "rolling", "coarsen")
                    .contains(operation);
            if (!wHasTheDim) {
                assertArrayEquals(w.values().toDoubleArray(), result.get("w").values().toDoubleArray(),
                        operation + " leaves w, which has no time, as it is");
            }
        });
        assertEquals("yes", ds.assignAttrs(Map.of("checked", "yes")).attrs().get("checked"));
        // groupby and resample of a whole dataset: each variable with time as on its own, w left as it is
        Dataset climatology = ds.groupBy("time.month").mean("time");
        assertMatchesXarray("climatology", climatology.get("v"));
        assertArrayEquals(w.values().toDoubleArray(), climatology.get("w").values().toDoubleArray());
        assertMatchesXarray("anomaly_std", ds.groupBy("time.month").subtract(climatology).std("time").get("v"));
        assertMatchesXarray("resample_ys", ds.resample("time", "YS").mean().get("v"));
        assertMatchesXarray("season_max", ds.groupBy("time.season").max("time").get("v"));
        assertMatchesXarray("pointwise_isel", ds.isel(Map.of("lat", stations(0, 2, 4, 4), "lon", stations(1, 1, 3, 0)))
                .get("v"));
        LabelNotFoundException noGroup = org.junit.jupiter.api.Assertions.assertThrows(LabelNotFoundException.class,
                () -> ds.groupBy("depth.month"));
        assertTrue(noGroup.getMessage().contains("'depth'"), noGroup.getMessage());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ds.shift("depth", 1));
        assertTrue(e.getMessage().contains("'depth'"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void attributesAreKeptOrDroppedOperationByOperationAsXarrayDoes() {
        DataArray da = field(true).assignAttrs(Map.of("units", "K", "long_name", "air temperature"));
        Map<String, java.util.function.Supplier<DataArray>> operations = new java.util.LinkedHashMap<>();
        operations.put("mean", () -> da.mean("time"));
        operations.put("groupby_mean", () -> da.groupBy("time.month").mean("time"));
        operations.put("groupby_std", () -> da.groupBy("time.month").std("time"));
        operations.put("groupby_subtract", () -> da.groupBy("time.month").subtract(da.groupBy("time.month").mean("time")));
        operations.put("resample_mean", () -> da.resample("time", "YS").mean());
        operations.put("resample_max", () -> da.resample("time", "YS").max());
        operations.put("rolling_mean", () -> da.rolling("time", 3).mean());
        operations.put("rolling_max", () -> da.rolling("time", 3).max());
        operations.put("coarsen_mean", () -> da.coarsen("time", 2, "exact").mean());
        operations.put("where", () -> da.where(da.gt(3)));
        operations.put("where_other", () -> da.where(da.gt(3), 0));
        operations.put("fillna", () -> da.fillna(0));
        operations.put("clip", () -> da.clip(0, 5));
        operations.put("shift", () -> da.shift("time", 1));
        operations.put("cumsum", () -> da.cumsum("time"));
        operations.put("diff", () -> da.diff("time", 1));
        operations.put("round", () -> da.round());
        operations.put("isel", () -> da.isel("time", 0));
        operations.put("median", () -> da.median("time"));
        operations.put("weighted_mean", () -> da.weighted(cosLat(da)).mean("lat"));
        operations.put("differentiate", () -> da.differentiate("lat"));
        operations.put("integrate", () -> da.integrate("lat"));
        operations.put("add", () -> da.add(1));
        operations.put("sin", () -> da.sin());
        JsonNode expected = reference.get("keep_attrs");
        assertEquals(expected.size(), operations.size(), "every operation of the reference is checked");
        operations.forEach((name, operation) -> {
            Map<String, Object> want = new java.util.LinkedHashMap<>();
            expected.get(name).fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
            assertEquals(want, operation.get().attrs(), name);
        });
        assertEquals(Map.of(), da.groupBy("time.month").keepAttrs(false).mean("time").attrs(), "keepAttrs(false)");
        assertEquals(Map.of(), da.rolling("time", 3).keepAttrs(false).mean().attrs(), "keepAttrs(false)");
    }

    /** 300 dates 7 hours apart from 1999-12-01 in {@code calendar}, as the reference script's. */
    private static DataArray sevenHourly(Calendar calendar) {
        List<CalendarDate> dates = new ArrayList<>();
        CalendarDate first = CalendarDate.of(calendar, 1999, 12, 1);
        for (int i = 0; i < 300; i++) {
            dates.add(first.plusMicros(i * 7 * 3_600_000_000L));
        }
        return DataArray.of(Variable.labels("time", dates, Map.of()), Map.of(), "time");
    }

    @org.junit.jupiter.api.Test
    void theDtAccessorGivesXarraysPartsInEveryCalendar() {
        JsonNode all = reference.get("dt");
        for (Calendar calendar : Calendar.values()) {
            JsonNode expected = all.get(calendar.cfName());
            DatetimeAccessor dt = sevenHourly(calendar).dt();
            Map<String, DataArray> numbers = new java.util.LinkedHashMap<>();
            numbers.put("year", dt.year());
            numbers.put("month", dt.month());
            numbers.put("day", dt.day());
            numbers.put("hour", dt.hour());
            numbers.put("dayofyear", dt.dayOfYear());
            numbers.put("dayofweek", dt.dayOfWeek());
            numbers.put("daysinmonth", dt.daysInMonth());
            numbers.forEach((part, result) -> {
                long[] want = new long[expected.get(part).size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = expected.get(part).get(i).asLong();
                }
                assertArrayEquals(want, result.values().toLongArray(), calendar + " " + part);
                assertEquals(part, result.name());
                assertEquals(List.of("time"), result.dims());
            });
            Map<String, DataArray> texts = new java.util.LinkedHashMap<>();
            texts.put("season", dt.season());
            texts.put("floor_D", dt.floor("D").dt().strftime("%Y-%m-%d %H:%M:%S"));
            texts.put("round_D", dt.round("D").dt().strftime("%Y-%m-%d %H:%M:%S"));
            texts.put("ceil_D", dt.ceil("D").dt().strftime("%Y-%m-%d %H:%M:%S"));
            texts.put("strftime", dt.strftime("%Y/%j %H%%"));
            texts.forEach((part, result) -> {
                List<Object> want = new ArrayList<>();
                expected.get(part).forEach(v -> want.add(v.asText()));
                assertEquals(want, result.variable().labelValues(), calendar + " " + part);
            });
        }
        assertEquals(List.of(1L, 1L, 2L, 4L), List.of(1, 3, 4, 12).stream().map(m -> DataArray.of(Variable.labels("t",
                List.of(CalendarDate.of(Calendar.NOLEAP, 2000, m, 1)), Map.of()), Map.of(), "t").dt().quarter().values()
                .toLongArray()[0]).toList());
        IllegalArgumentException numbers = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> field(false).dt());
        assertTrue(numbers.getMessage().contains("needs an array of dates"), numbers.getMessage());
        IllegalArgumentException month = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> sevenHourly(Calendar.NOLEAP).dt().floor("MS"));
        assertTrue(month.getMessage().contains("'MS'") && month.getMessage().contains("fixed"), month.getMessage());
    }

    /** The reference script's resampling series: monthly (the field at one point), 7-hourly or daily. */
    private static DataArray resampleSeries(String kind, Calendar calendar) {
        if (kind.equals("monthly")) {
            return field(false).isel(Map.of("lat", 1, "lon", 2));
        }
        boolean sevenHourly = kind.equals("sevenhourly");
        int n = sevenHourly ? 300 : 60;
        CalendarDate first = sevenHourly ? CalendarDate.of(calendar, 1999, 12, 1) : CalendarDate.of(calendar, 2000, 2, 20);
        List<CalendarDate> dates = new ArrayList<>();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            dates.add(first.plusMicros(i * (sevenHourly ? 7 * 3_600_000_000L : 86_400_000_000L)));
            values[i] = sevenHourly ? 10 * Math.sin(0.1 * i) : Math.pow(i, 1.5);
        }
        return DataArray.of(Variable.of(List.of("time"), DenseArray.of(values, n)),
                Map.of("time", Variable.labels("time", dates, Map.of())), "v");
    }

    @org.junit.jupiter.api.Test
    void resamplingPlacesBinsAsXarrayWithEveryClosedLabelOriginAndOffset() {
        for (JsonNode c : reference.get("resample_bins")) {
            JsonNode o = c.get("options");
            ResampleOptions options = ResampleOptions.defaults();
            if (o.has("closed")) {
                options = options.closed(Side.valueOf(o.get("closed").asText().toUpperCase(java.util.Locale.ROOT)));
            }
            if (o.has("label")) {
                options = options.label(Side.valueOf(o.get("label").asText().toUpperCase(java.util.Locale.ROOT)));
            }
            if (o.has("origin")) {
                options = options.origin(o.get("origin").asText());
            }
            if (o.has("offset")) {
                options = options.offset(java.time.Duration.ofHours(Long.parseLong(o.get("offset").asText().replace("H", ""))));
            }
            String where = c.get("series").asText() + " " + c.get("calendar").asText() + " " + c.get("freq").asText() + " " + o;
            DataArray result = resampleSeries(c.get("series").asText(), Calendar.of(c.get("calendar").asText()))
                    .resample("time", c.get("freq").asText(), options).mean();
            List<String> want = new ArrayList<>();
            c.get("labels").forEach(d -> want.add(d.asText()));
            List<String> got = result.coords().variables().get("time").labelValues().stream().map(d -> (CalendarDate) d)
                    .map(d -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", d.year(), d.month(),
                            d.day(), d.hour(), d.minute(), d.second())).toList();
            int firstDifference = 0;
            while (firstDifference < Math.min(want.size(), got.size()) && want.get(firstDifference).equals(got.get(firstDifference))) {
                firstDifference++;
            }
            assertEquals(want.size() + " labels, " + want.get(Math.min(firstDifference, want.size() - 1)) + " at " + firstDifference,
                    got.size() + " labels, " + got.get(Math.min(firstDifference, got.size() - 1)) + " at " + firstDifference,
                    where + " labels");
            double[] values = result.values().toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                JsonNode v = c.get("values").get(i);
                double expected = v.isNull() ? Double.NaN : v.asDouble();
                assertEquals(expected, values[i], Double.isNaN(expected) ? 0 : 1e-9 * Math.max(1, Math.abs(expected)),
                        where + " at " + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void calendarsConvertAsXarrayConvertsThem() {
        for (JsonNode conversion : reference.get("convert_calendar")) {
            Calendar source = Calendar.of(conversion.get("source").asText());
            int days = conversion.get("days").asInt();
            List<CalendarDate> dates = new ArrayList<>();
            CalendarDate start = datePeriodStart(conversion.get("start").asText(), source);
            double[] values = new double[days];
            for (int i = 0; i < days; i++) {
                dates.add(start.plusDays(i));
                values[i] = i;
            }
            DataArray series = DataArray.of(Variable.of(List.of("time"), DenseArray.of(values, days)),
                    Map.of("time", Variable.labels("time", dates, Map.of())), "v");
            String align = conversion.get("align_on").isNull() ? null : conversion.get("align_on").asText();
            DataArray converted = conversion.has("missing")
                    ? series.convertCalendar("time", conversion.get("target").asText(), align, conversion.get("missing")
                    .asDouble()) : series.convertCalendar("time", conversion.get("target").asText(), align);
            String where = source + " -> " + conversion.get("target").asText() + " (" + align + ")";
            List<String> want = new ArrayList<>();
            conversion.get("dates").forEach(d -> want.add(d.asText()));
            List<String> got = converted.coords().variables().get("time").labelValues().stream()
                    .map(d -> (CalendarDate) d).map(d -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d",
                            d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second())).toList();
            assertEquals(want, got, where + " dates");
            double[] expected = new double[conversion.get("values").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = conversion.get("values").get(i).asDouble();
            }
            assertArrayEquals(expected, converted.values().toDoubleArray(), where + " values");
        }
        DataArray standard = DataArray.of(Variable.of(List.of("time"), DenseArray.of(new double[] {1}, 1)),
                Map.of("time", Variable.labels("time", List.of(CalendarDate.of(Calendar.STANDARD, 2000, 1, 1)), Map.of())),
                "v");
        IllegalArgumentException align = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> standard.convertCalendar("time", "360_day", null));
        assertTrue(align.getMessage().contains("alignOn"), align.getMessage());
    }

    private static CalendarDate datePeriodStart(String text, Calendar calendar) {
        return org.lazuli.time.DatePeriod.parse(text, calendar).start();
    }

    @org.junit.jupiter.api.Test
    void dateRangesAreXarraysCftimeRangesInEveryCalendar() {
        for (JsonNode range : reference.get("date_range")) {
            String calendar = range.get("calendar").asText();
            String start = range.get("start").asText();
            String frequency = range.get("freq").asText();
            List<CalendarDate> dates = range.get("end").isNull()
                    ? org.lazuli.Lazuli.dateRange(start, range.get("periods").asInt(), frequency, calendar)
                    : org.lazuli.Lazuli.dateRange(start, range.get("end").asText(), frequency, calendar);
            List<String> want = new ArrayList<>();
            range.get("dates").forEach(d -> want.add(d.asText()));
            List<String> got = dates.stream().map(d -> String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d",
                    d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second())).toList();
            assertEquals(want, got, calendar + " " + start + " " + frequency);
        }
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.lazuli.Lazuli.dateRange("2000-01-01", 3, "fortnightly", "noleap"));
        assertTrue(unknown.getMessage().contains("'fortnightly'") && unknown.getMessage().contains("\"MS\""),
                unknown.getMessage());
        IllegalArgumentException calendar = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.lazuli.Lazuli.dateRange("2000-01-01", 3, "D", "martian"));
        assertTrue(calendar.getMessage().contains("martian"), calendar.getMessage());
    }

    @org.junit.jupiter.api.Test
    void selectionHelpersRefuseMissingLabelsAndBadCounts() {
        DataArray da = field(true);
        LabelNotFoundException missing = org.junit.jupiter.api.Assertions.assertThrows(LabelNotFoundException.class,
                () -> da.dropSel("lat", 15.0));
        assertTrue(missing.getMessage().contains("15.0"), missing.getMessage());
        IllegalArgumentException negative = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.head("time", -1));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
        IllegalArgumentException sort = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.sortBy("depth"));
        assertTrue(sort.getMessage().contains("'depth'") && sort.getMessage().contains("[time, lat, lon]"),
                sort.getMessage());
        assertEquals(48, da.tail("time", 100).sizes().get("time"), "a tail longer than the dimension is all of it");
        // a per-group median gathers a group whole per block of the other dims: refused, not an OutOfMemoryError
        List<CalendarDate> days = new ArrayList<>();
        for (int d = 0; d < 400; d++) {
            days.add(CalendarDate.of(Calendar.NOLEAP, 2000, 1, 1).plusDays(d));
        }
        ChunkedArray big = ChunkedArray.random(new long[] {400, 4000, 4000}, new long[] {10, 4000, 4000}, 1);
        DataArray huge = DataArray.of(Variable.lazy(List.of("time", "y", "x"), big, Map.of()),
                Map.of("time", Variable.labels("time", days, Map.of())), "huge");
        IllegalArgumentException memory = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> huge.groupBy("time.month").median("time"));
        assertTrue(memory.getMessage().contains("chunk the other dimensions smaller"), memory.getMessage());
        IllegalStateException notResampled = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> da.groupBy("time.month").ffill());
        assertTrue(notResampled.getMessage().contains("resample"), notResampled.getMessage());
        IndexOutOfBoundsException mask = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> da.isel("lat", new boolean[] {true, false}));
        assertTrue(mask.getMessage().contains("has 2 entries but the dimension has length 5"), mask.getMessage());
        IllegalArgumentException otherDim = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.isel("lat", da.coords().get("lon").gt(0.0)));
        assertTrue(otherDim.getMessage().contains("one-dimensional along 'lat'"), otherDim.getMessage());
        IllegalArgumentException spline = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.interp("lat", List.of(1.0), "spline"));
        assertTrue(spline.getMessage().contains("'spline'") && spline.getMessage().contains("\"cubic\""),
                spline.getMessage());
        IllegalArgumentException short3 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.isel("lat", Slice.of(0, 3)).interp("lat", List.of(1.0), "cubic"));
        assertTrue(short3.getMessage().contains("at least 4 points; it has 3"), short3.getMessage());
        IllegalArgumentException tooMany = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.interp("time", java.util.Collections.nCopies(1 << 20, (Object) CalendarDate.of(Calendar.NOLEAP,
                        2001, 1, 1)), "cubic"));
        assertTrue(tooMany.getMessage().contains("fewer targets"), tooMany.getMessage());
        DataArray noCoordinate = DataArray.of(DenseArray.of(new double[] {1, 2, 3}, 3), "x");
        org.junit.jupiter.api.Assertions.assertThrows(LabelNotFoundException.class,
                () -> noCoordinate.reindex("x", List.of(1.0)));
        // reindexLike and interpLike take the other array's labels
        DataArray coarse = da.isel("lat", new long[] {0, 2, 4});
        assertEquals(List.of("time", "lat", "lon"), coarse.reindexLike(da).dims());
        assertEquals(5L, coarse.reindexLike(da).sizes().get("lat"));
        assertTrue(Double.isNaN(coarse.reindexLike(da).isel(Map.of("time", 1, "lat", 1, "lon", 1)).values().toDoubleArray()[0]));
        // (without NaN: at a label it already has, SciPy's interpolation still uses the label below, NaN or not)
        double[] between = coarse.fillna(0).interpLike(da).isel(Map.of("time", 1, "lon", 1)).values().toDoubleArray();
        double[] whole = da.fillna(0).isel(Map.of("time", 1, "lon", 1)).values().toDoubleArray();
        assertEquals((whole[0] + whole[2]) / 2, between[1], 1e-12, "lat -20 lies halfway between -40 and 0");
        assertTrue(da.head("time", 5).isLazy() && da.sortBy("lat", false).isLazy(), "selections stay lazy");
    }

    @org.junit.jupiter.api.Test
    void calculusAndTwoArrayStatisticsRefuseWhatTheyCannotUse() {
        DataArray da = field(true);
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.differentiate("depth"));
        assertTrue(missing.getMessage().contains("'depth'") && missing.getMessage().contains("[time, lat, lon]"),
                missing.getMessage());
        IllegalArgumentException unit = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.integrate("time", "fortnight"));
        assertTrue(unit.getMessage().contains("'fortnight'") && unit.getMessage().contains("ns"), unit.getMessage());
        IllegalArgumentException numbers = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.differentiate("lat", "D"));
        assertTrue(numbers.getMessage().contains("'lat' holds numbers"), numbers.getMessage());
        IllegalArgumentException single = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.isel("lat", Slice.of(0, 1)).differentiate("lat"));
        assertTrue(single.getMessage().contains("at least 2 points"), single.getMessage());
        assertEquals(0.0, da.isel("lat", Slice.of(0, 1)).integrate("lat").values().toDoubleArray()[0],
                "one point integrates to 0, as NumPy's trapz");
        IllegalArgumentException degree = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.polyfit("lat", -1));
        assertTrue(degree.getMessage().contains("-1"), degree.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(LabelNotFoundException.class, () -> da.polyfit("depth", 1));
        IllegalArgumentException coefficients = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> org.lazuli.Lazuli.polyval(da.coords().get("lat"), da));
        assertTrue(coefficients.getMessage().contains("'degree'"), coefficients.getMessage());
        // a point with fewer values than coefficients has no fit: NaN, not a guess
        DataArray sparse = da.isel("lat", Slice.of(0, 2)).where(da.isel("lat", Slice.of(0, 2)).gt(1e9));
        assertTrue(Double.isNaN(sparse.polyfit("lat", 1).get("polyfit_coefficients").values().toDoubleArray()[0]));
        assertTrue(da.polyfit("time", 1).get("polyfit_coefficients").isLazy(), "a fit of lazy data stays lazy");
        IllegalArgumentException dot = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.lazuli.Lazuli.dot(da, da, "depth"));
        assertTrue(dot.getMessage().contains("'depth'"), dot.getMessage());
    }

    @org.junit.jupiter.api.Test
    void weightsWithMissingValuesOrNewDimensionsAreRefused() {
        DataArray da = field(true);
        DataArray nan = da.coords().get("lat").where(da.coords().get("lat").gt(0));
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.weighted(nan));
        assertTrue(missing.getMessage().contains("fillna(0)"), missing.getMessage());
        DataArray other = DataArray.of(DenseArray.of(new double[] {1, 2}, 2), "member");
        IllegalArgumentException dims = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> da.weighted(other));
        assertTrue(dims.getMessage().contains("'member'"), dims.getMessage());
    }

    /** The first six months over 20: mostly within [-1, 1], so that arcsin and arccos give values and NaN. */
    private static DataArray scaled(DataArray da) {
        return da.isel("time", Slice.of(0, 6)).divide(20.0);
    }

        private static DataArray other(DataArray da) {
        return da.isel(Map.of("lat", Slice.of(1, 5), "lon", Slice.of(0, 3))).mean("time");
    }

    @org.junit.jupiter.api.Test
    void ufuncsKeepTheAttributesAndComparisonsDropThemAsXarray() {
        // xarray 2023.01: np.sin(da).attrs, np.isfinite(da).attrs, abs(da).attrs, da.round().attrs keep; (da > 0).attrs == {}
        DataArray da = field(true);
        DataArray withUnits = DataArray.of(da.variable().withAttrs(Map.of("units", "rad")), da.coordVariables(), "v");
        for (DataArray result : List.of(withUnits.sin(), withUnits.isfinite(), withUnits.abs(), withUnits.round(),
                withUnits.sqrt(), withUnits.arctan2(withUnits))) {
            assertEquals(Map.of("units", "rad"), result.attrs());
            assertEquals("v", result.name());
        }
        assertEquals(Map.of(), withUnits.gt(0).attrs());
    }

    @ParameterizedTest(name = "{0} lazy={1}")
    @MethodSource("cases")
    void matchesXarray(String name, boolean lazy, Function<DataArray, DataArray> operation) {
        DataArray result = operation.apply(field(lazy));
        // idxmin/idxmax compute the positions to look labels up; coordinates are held in memory; a dataset's
        // mapBlocks chunks the data itself
        if (!name.startsWith("idx") && !name.endsWith("_coords") && !name.startsWith("dataset_map_blocks")) {
            assertEquals(lazy, result.isLazy(), "laziness is kept: " + name);
        }
        assertMatchesXarray(name, result);
    }

    /** {@code result} has the dims, shape and values xarray gave for the reference case {@code name}. */
    static void assertMatchesXarray(String name, DataArray result) {
        if (reference == null) {
            try {
                load();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        JsonNode expected = reference.get(name);
        List<String> dims = new ArrayList<>();
        expected.get("dims").forEach(d -> dims.add(d.asText()));
        assertEquals(dims, result.dims(), name + " dims");
        long[] shape = new long[expected.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = expected.get("shape").get(i).asLong();
        }
        assertArrayEquals(shape, result.shape(), name + " shape");
        double[] got = result.values().toDoubleArray();
        JsonNode values = expected.get("values");
        assertEquals(values.size(), got.length, name + " size");
        for (int i = 0; i < got.length; i++) {
            JsonNode v = values.get(i);
            double want = v.isNull() ? Double.NaN : v.asDouble();
            if (Double.isNaN(want)) {
                assertEquals(Double.NaN, got[i], name + " at " + i);
            } else {
                // fits are compared relatively: a slope per nanosecond is about 1e-17
                double tolerance = name.startsWith("polyfit") ? 1e-7 * Math.abs(want)
                        : 1e-9 * Math.max(1, Math.abs(want));
                assertEquals(want, got[i], tolerance, name + " at " + i);
            }
        }
    }
}
