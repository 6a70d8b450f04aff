package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;

/**
 * The README's "From xarray to Lazuli" table, row by row: each row's two calls are in the table as
 * written here, and the Lazuli call, run on lazy chunked data, gives what the xarray call gave on the same
 * data (reference/labelled.json). The table holds no row this test does not run.
 */
class XarrayToLazuliTest {
    private static final Path README = Path.of("../README.md");

    /** One row: the xarray call, the Lazuli call as the README shows them, the reference case, the call. */
    private record Row(String xarray, String lazuli, String reference, Function<DataArray, DataArray> call) {
        String markdown() {
            return "| `" + xarray + "` | `" + lazuli + "` |";
        }
    }

    private static List<Row> rows() {
        return List.of(
                new Row("da.mean(\"time\")", "da.mean(\"time\")", "mean_time", da -> da.mean("time")),
                new Row("da.std(\"time\", ddof=1)", "da.reduce(Reductions.Kind.STD, ReduceArgs.defaults().withDdof(1), \"time\")",
                        "std_ddof1_time", da -> da.reduce(Reductions.Kind.STD, ReduceArgs.defaults().withDdof(1), "time")),
                new Row("da.quantile(0.9, dim=\"lon\")", "da.quantile(0.9, \"lon\")", "quantile_90_lon",
                        da -> da.quantile(0.9, "lon")),
                new Row("da.sel(lat=13.0, method=\"nearest\").isel(time=5)",
                        "da.sel(\"lat\", 13.0, SelectMethod.NEAREST).isel(\"time\", 5)", "sel_nearest",
                        da -> da.sel("lat", 13.0, SelectMethod.NEAREST).isel("time", 5)),
                new Row("da.sel(time=\"2002\").sum(\"time\")", "da.sel(\"time\", \"2002\").sum(\"time\")", "sel_year",
                        da -> da.sel("time", "2002").sum("time")),
                new Row("da.head(time=5)", "da.head(\"time\", 5)", "head_time", da -> da.head("time", 5)),
                new Row("da.drop_sel(lat=[-20.0, 20.0])", "da.dropSel(\"lat\", -20.0, 20.0)", "drop_sel_lat",
                        da -> da.dropSel("lat", -20.0, 20.0)),
                new Row("da.isel(lat=[3, 0, 4, 1, 2]).sortby(\"lat\", ascending=False)",
                        "da.isel(\"lat\", new long[] {3, 0, 4, 1, 2}).sortBy(\"lat\", false)", "sortby_lat_descending",
                        da -> da.isel("lat", new long[] {3, 0, 4, 1, 2}).sortBy("lat", false)),
                new Row("da.groupby(\"time.month\").mean(\"time\")", "da.groupBy(\"time.month\").mean(\"time\")",
                        "climatology", da -> da.groupBy("time.month").mean("time")),
                new Row("da.groupby(\"time.season\").max(\"time\")", "da.groupBy(\"time.season\").max(\"time\")",
                        "season_max", da -> da.groupBy("time.season").max("time")),
                new Row("da.resample(time=\"YS\").mean()", "da.resample(\"time\", \"YS\").mean()", "resample_ys",
                        da -> da.resample("time", "YS").mean()),
                new Row("da.isel(lat=1, lon=2).resample(time=\"M\").mean()",
                        "da.isel(Map.of(\"lat\", 1, \"lon\", 2)).resample(\"time\", \"ME\").mean()",
                        "resample_me_point", da -> da.isel(Map.of("lat", 1, "lon", 2)).resample("time", "ME").mean()),
                new Row("da.isel(lat=1, lon=2).rolling(time=3, center=True).mean()",
                        "da.isel(Map.of(\"lat\", 1, \"lon\", 2)).rolling(\"time\", 3, true, 3).mean()", "rolling_center",
                        da -> da.isel(Map.of("lat", 1, "lon", 2)).rolling("time", 3, true, 3).mean()),
                new Row("da.isel(time=0).coarsen(lon=2).mean()", "da.isel(\"time\", 0).coarsen(\"lon\", 2, \"exact\").mean()",
                        "coarsen_lat", da -> da.isel("time", 0).coarsen("lon", 2, "exact").mean()),
                new Row("da.weighted(np.cos(np.deg2rad(da.lat))).mean([\"lat\", \"lon\"])",
                        "da.weighted(da.coords().get(\"lat\").deg2rad().cos()).mean(\"lat\", \"lon\")",
                        "weighted_mean_lat_lon", da -> da.weighted(da.coords().get("lat").deg2rad().cos()).mean("lat", "lon")),
                new Row("da.where(da > 1, da.mean(\"time\"))", "da.where(da.gt(1), da.mean(\"time\"))", "where_other_array",
                        da -> da.where(da.gt(1), da.mean("time"))),
                new Row("np.sin(da.isel(time=slice(0, 6)) / 20)", "da.isel(\"time\", Slice.of(0, 6)).divide(20).sin()",
                        "ufunc_sin", da -> da.isel("time", Slice.of(0, 6)).divide(20).sin()),
                new Row("da.stack(z=(\"lat\", \"lon\"))", "da.stack(\"z\", \"lat\", \"lon\")", "stack_lat_lon",
                        da -> da.stack("z", "lat", "lon")),
                new Row("da.stack(z=(\"lat\", \"lon\")).isel(z=[13, 5, 0, 2, 6]).unstack(\"z\")",
                        "da.stack(\"z\", \"lat\", \"lon\").isel(\"z\", new long[] {13, 5, 0, 2, 6}).unstack(\"z\")",
                        "unstack_subset", da -> da.stack("z", "lat", "lon").isel("z", new long[] {13, 5, 0, 2, 6})
                        .unstack("z")),
                new Row("da.fillna(0.0).interp(lat=[-45.0, -40.0, -37.5, -5.0, 12.5, 33.0, 40.0], method=\"cubic\")",
                        "da.fillna(0.0).interp(\"lat\", List.of(-45.0, -40.0, -37.5, -5.0, 12.5, 33.0, 40.0), \"cubic\")",
                        "interp_lat_cubic", da -> da.fillna(0.0).interp("lat", List.of(-45.0, -40.0, -37.5, -5.0, 12.5,
                        33.0, 40.0), "cubic")),
                new Row("da.isel(lat=da.lat > -30.0, lon=np.array([True, False, True, True]))",
                        "da.isel(Map.of(\"lat\", da.coords().get(\"lat\").gt(-30.0), \"lon\", new boolean[] {true, false, true, true}))",
                        "isel_boolean", da -> da.isel(Map.of("lat", da.coords().get("lat").gt(-30.0),
                        "lon", new boolean[] {true, false, true, true}))),
                new Row("da.shift(time=3)", "da.shift(\"time\", 3)", "shift_time", da -> da.shift("time", 3)),
                new Row("da.cumsum(\"time\")", "da.cumsum(\"time\")", "cumsum_time", da -> da.cumsum("time")),
                new Row("da.diff(\"time\", n=2)", "da.diff(\"time\", 2)", "diff_time_2", da -> da.diff("time", 2)),
                new Row("da.differentiate(\"time\", datetime_unit=\"D\")", "da.differentiate(\"time\", \"D\")",
                        "differentiate_time_days", da -> da.differentiate("time", "D")),
                new Row("da.fillna(0).integrate(\"time\", datetime_unit=\"D\")", "da.fillna(0).integrate(\"time\", \"D\")",
                        "integrate_time_days", da -> da.fillna(0).integrate("time", "D")),
                new Row("da.polyfit(\"lat\", 2).polyfit_coefficients", "da.polyfit(\"lat\", 2).get(\"polyfit_coefficients\")",
                        "polyfit_lat_2", da -> da.polyfit("lat", 2).get("polyfit_coefficients")),
                new Row("xr.cov(da, other, dim=\"time\")", "Lazuli.cov(da, other, \"time\")", "cov_time",
                        da -> Lazuli.cov(da, LabelledReferenceTest.partner(da), "time")),
                new Row("xr.corr(da, other, dim=\"time\")", "Lazuli.corr(da, other, \"time\")", "corr_time",
                        da -> Lazuli.corr(da, LabelledReferenceTest.partner(da), "time")),
                new Row("xr.dot(da, other, dims=[\"lat\", \"lon\"])", "Lazuli.dot(da, other, \"lat\", \"lon\")", "dot_lat_lon",
                        da -> Lazuli.dot(da, LabelledReferenceTest.partner(da), "lat", "lon")));
    }

    @Test
    void everyRowOfTheTableIsInTheReadmeAndGivesXarraysResult() throws IOException {
        List<String> readme = Files.readAllLines(README);
        int start = readme.indexOf("## From xarray to Lazuli");
        assertTrue(start >= 0, "the README has a section \"From xarray to Lazuli\"");
        List<String> tableRows = new ArrayList<>();
        for (int i = start + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
            String line = readme.get(i);
            if (line.startsWith("| `")) {
                tableRows.add(line);
            }
        }
        List<String> expected = rows().stream().map(Row::markdown).toList();
        assertEquals(expected, tableRows, "the README's table is exactly the rows this test runs");
        for (Row row : rows()) {
            LabelledReferenceTest.assertMatchesXarray(row.reference(), row.call().apply(LabelledReferenceTest.field(true)));
        }
    }
}
