package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.SelectMethod;
import org.lazuli.labelled.Slice;

/**
 * Timedeltas (units a bare time unit, as a forecast's lead time) decode to Durations as xarray's
 * {@code timedelta64[ns]}, select by duration, and write back as numbers that xarray decodes the same.
 */
class TimedeltaTest {
    private static final String CDL = """
            netcdf forecast {
            dimensions:
              step = 5 ;
              x = 2 ;
            variables:
              int step(step) ;
                step:units = "hours" ;
                step:long_name = "time since forecast_reference_time" ;
                step:standard_name = "forecast_period" ;
              double time ;
                time:units = "hours since 2020-01-01 00:00:00" ;
                time:standard_name = "forecast_reference_time" ;
              float t2m(step, x) ;
                t2m:units = "K" ;
              double lead(x) ;
                lead:units = "minutes" ;
                lead:_FillValue = -1. ;
            data:
              step = 0, 6, 12, 18, 36 ;
              time = 12 ;
              t2m = 280, 281, 282, 283, 284, 285, 286, 287, 288, 289 ;
              lead = 90.5, _ ;
            }
            """;

    @TempDir
    Path temp;

    private Path forecast() throws IOException, InterruptedException {
        Path source = temp.resolve("forecast.cdl");
        Files.writeString(source, CDL);
        Path file = temp.resolve("forecast.nc");
        Process p = new ProcessBuilder("ncgen", "-k", "nc4", "-o", file.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "ncgen (Debian's netcdf-bin, installed by .ci/run): " + out);
        return file;
    }

    @Test
    void aForecastStepDecodesToDurationsAndSelectsByThem() throws Exception {
        try (Dataset ds = Lazuli.openDataset(forecast())) {
            DataArray step = ds.get("step");
            assertEquals("timedelta64[ns]", step.variable().dtypeName());
            assertEquals(List.of(Duration.ZERO, Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(18),
                    Duration.ofHours(36)), step.labels());
            assertEquals("hours", step.encoding().get("units"));
            assertFalse(step.attrs().containsKey("units"), "the units move to the encoding, as xarray moves them");
            assertEquals("forecast_period", step.attrs().get("standard_name"));
            assertEquals(java.util.Arrays.asList(Duration.ofSeconds(5430), null), ds.get("lead").labels());
            DataArray t2m = ds.get("t2m");
            assertArrayEquals(new double[] {284, 285}, t2m.sel("step", "12h").values().toDoubleArray(), 0);
            assertArrayEquals(new double[] {286, 287}, t2m.sel("step", Duration.ofHours(18)).values().toDoubleArray(), 0);
            assertArrayEquals(new double[] {286, 287}, t2m.sel("step", "PT20H", SelectMethod.NEAREST).values()
                    .toDoubleArray(), 0);
            assertEquals(3, t2m.sel("step", Slice.of("6h", "1D")).sizes().get("step"));
            assertTrue(ds.toString().contains("timedelta64[ns] 00:00:00 06:00:00 12:00:00 18:00:00 1 days 12:00:00")
                    || ds.toString().contains("timedelta64[ns] 0 days 00:00:00 0 days 06:00:00"), ds.toString());
            IllegalArgumentException month = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> t2m.sel("step", "1MS"));
            assertTrue(month.getMessage().contains("\"6h\""), month.getMessage());
        }
        try (Dataset raw = Lazuli.openDataset(forecast(), OpenOptions.defaults().withDecodeTimedelta(false))) {
            assertArrayEquals(new double[] {0, 6, 12, 18, 36}, raw.get("step").values().toDoubleArray(), 0);
            assertEquals("hours", raw.get("step").attrs().get("units"));
        }
    }

    @Test
    void writtenTimedeltasReadBackInXarrayAsTheSameTimedelta64() throws Exception {
        Path out = temp.resolve("again.nc");
        try (Dataset ds = Lazuli.openDataset(forecast())) {
            ds.toNetcdf(out);
        }
        try (Dataset again = Lazuli.openDataset(out)) {
            assertEquals(List.of(Duration.ZERO, Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(18),
                    Duration.ofHours(36)), again.get("step").labels());
            assertEquals(java.util.Arrays.asList(Duration.ofSeconds(5430), null), again.get("lead").labels());
        }
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import sys, json, numpy as np, xarray as xr;"
                + " ds = xr.open_dataset(sys.argv[1]);"
                + " print(json.dumps({k: [str(ds[k].dtype), [None if np.isnat(v) else int(v.astype('int64')) for v in"
                + " ds[k].values]] for k in ('step', 'lead')}))", out.toString()).start();
        byte[] stdout = python.getInputStream().readAllBytes();
        String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), "xarray could not read the file: " + stderr);
        Map<?, ?> decoded = new ObjectMapper().readValue(stdout, Map.class);
        assertEquals(List.of("timedelta64[ns]", List.of(0L, 21_600_000_000_000L, 43_200_000_000_000L,
                64_800_000_000_000L, 129_600_000_000_000L)), normalise(decoded.get("step")));
        assertEquals(List.of("timedelta64[ns]", java.util.Arrays.asList(5_430_000_000_000L, null)),
                normalise(decoded.get("lead")));
    }

    private static List<Object> normalise(Object pair) {
        List<?> list = (List<?>) pair;
        List<Object> values = ((List<?>) list.get(1)).stream().map(v -> v == null ? null : (Object) ((Number) v).longValue())
                .toList();
        return List.of(list.get(0), values);
    }
}
