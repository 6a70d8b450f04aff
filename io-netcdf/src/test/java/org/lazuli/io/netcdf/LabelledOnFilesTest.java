package org.lazuli.io.netcdf;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.SelectMethod;
import org.lazuli.labelled.Slice;

/** Labelled operations on real files against xarray's results (reference/labelled_files.json and its script). */
class LabelledOnFilesTest {
    private static JsonNode reference;
    private static Dataset winds;
    private static Dataset bcsd;
    private static Dataset sub;
    private static Dataset tas360;

    @BeforeAll
    static void open() throws IOException {
        try (InputStream in = LabelledOnFilesTest.class.getResourceAsStream("/reference/labelled_files.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        winds = Lazuli.openDataset(Testdata.file("monthly_navy_winds.cdf"), Map.of("TIME", 12));
        bcsd = Lazuli.openDataset(Testdata.file("bcsd_obs_1999.nc"));
        sub = Lazuli.openDataset(Testdata.file("sub.nc"));
        tas360 = Lazuli.openDataset(Testdata.file("tas_mod2_hist_rectilin_grid_2D.nc"));
    }

    @AfterAll
    static void close() {
        winds.close();
        bcsd.close();
        sub.close();
        tas360.close();
        assertEquals(0, NetcdfBackend.openHandles());
    }

    private static void check(String name, DataArray result) {
        JsonNode expected = reference.get(name);
        List<String> dims = new ArrayList<>();
        expected.get("dims").forEach(d -> dims.add(d.asText()));
        assertEquals(dims, result.dims(), name);
        long[] shape = new long[expected.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = expected.get("shape").get(i).asLong();
        }
        assertArrayEquals(shape, result.shape(), name);
        double[] got = result.values().toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            JsonNode v = expected.get("values").get(i);
            if (v.isNull()) {
                assertTrue(Double.isNaN(got[i]), name + " at " + i);
            } else {
                assertEquals(v.asDouble(), got[i], 2e-5 * Math.max(1, Math.abs(v.asDouble())), name + " at " + i);
            }
        }
    }

    @Test
    void windsClimatologyAnomaliesAndSelection() {
        DataArray u = winds.get("UWND");
        DataArray period = u.sel("TIME", Slice.of("1984-10", "1990-04"));
        DataArray clim = period.groupBy("TIME.month").mean("TIME");
        check("winds_climatology_point", clim.isel(Map.of("FNOCY", Slice.of(30, 33), "FNOCX", Slice.of(0, 4))));
        check("winds_anomaly_std", period.groupBy("TIME.month").subtract(clim).std());
        check("winds_nearest_series", winds.get("VWND").sel("FNOCY", 45.2, SelectMethod.NEAREST).isel("FNOCX", 10));
        check("winds_yearly", u.resample("TIME", "YS").mean().mean("FNOCX", "FNOCY"));
        check("winds_quarter_ends", u.resample("TIME", "QE", org.lazuli.labelled.ResampleOptions.defaults()
                .label(org.lazuli.labelled.Side.LEFT)).max().mean("FNOCX", "FNOCY"));
        check("winds_stacked_points", u.isel(Map.of("TIME", 0, "FNOCY", Slice.of(30, 33), "FNOCX", Slice.of(0, 4)))
                .stack("point", "FNOCY", "FNOCX"));
        check("winds_cubic_lat", u.isel(Map.of("TIME", 5, "FNOCX", Slice.of(0, 5))).fillna(0.0)
                .interp("FNOCY", List.of(10.5, 20.25, 33.3), "cubic"));
    }

    @Test
    void otherFilesAndCalendars() {
        check("bcsd_season_max", bcsd.get("tas").groupBy("time.season").max("time").mean("latitude", "longitude"));
        check("bcsd_pr_quantile", bcsd.get("pr").quantile(0.75, "time")
                .isel(Map.of("latitude", Slice.of(0, 3), "longitude", Slice.of(0, 3))));
        check("sub_u_level_mean", sub.get("u").mean("time", "longitude"));
        check("tas360_monthly", tas360.get("tas").groupBy("time.month").mean("time").squeeze());
        check("tas360_year_ends", tas360.get("tas").resample("time", "YE").mean().squeeze());
    }
}
