package org.lazuli.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.gateway.ClusterReport;
import org.lazuli.gateway.Gateway;
import org.lazuli.gateway.GatewayCluster;
import org.lazuli.gateway.GatewayServer;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.LabelNotFoundException;
import org.lazuli.labelled.Slice;
import org.lazuli.spark.SparkCluster;

/**
 * DESIGN.md's contract additions, as written there: {@link #asWritten} holds every line verbatim, so the
 * build fails when one of those names stops compiling; the test runs the toolkit and format lines on
 * the winds file (renamed to time, lat, lon and tas) and checks them against eager computations.
 */
class ContractAdditionsTest {

    /** The contract's lines, compiled, never run (the gateway and Spark lines need servers; other tests run them). */
    @SuppressWarnings({"unused", "UnusedAssignment"})
    static void asWritten(Dataset ds, Path path, DataArray da, DataArray weights, DataArray other, DataArray stationLats,
                          DataArray stationLons, DataArray time, String token, ChunkedArray persisted) throws Exception {
        ds.toNetcdf(path);
        ds.toNetcdf(path, WriteOptions.defaults().withFormat("NETCDF4")
                .withEncoding("tas", Map.of("zlib", true, "complevel", 4, "shuffle", true, "chunksizes", List.of(1, 180, 360)))
                .withUnlimitedDims("time"));
        Dataset z = Lazuli.openZarr(Path.of("store.zarr"));
        ds.toZarr(Path.of("out.zarr"));
        Lazuli.openZarr(URI.create("https://host/store.zarr"));
        Lazuli.openZarr(Path.of("store.zarr"), Map.of("time", 12));
        ds.toZarr(Path.of("out.zarr"), WriteOptions.defaults().withZarrFormat(3).withMode("a").withAppendDim("time"));

        da.cos(); da.deg2rad();
        da.weighted(weights).mean("lat", "lon");
        da.cumsum("time"); da.diff("time", 1); da.shift("time", 2); da.roll("time", 3);
        da.sortBy("lat", false); da.polyfit("lon", 2).get("polyfit_coefficients");
        da.where(da.gt(0), other); da.ge(other);
        da.isel(Map.of("time", 0, "lat", stationLats, "lon", stationLons));
        da.interp("lat", new double[]{50.1, 60.3}, "linear");
        da.coords().get("time").dt().month(); time.dt().daysInMonth();
        da.sel("time", "2050-01");

        GatewayServer server = GatewayServer.builder().port(0).backend("local").user("alice", token).start();
        Gateway gw = Gateway.connect(server.address(), token);
        GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(2).workerCores(1).workerMemory("1GB"), false);
        List<ClusterReport> running = gw.listClusters();
        running.get(0).name(); running.get(0).status();
        Client client = gw.connect(cluster.name()).getClient();
        client.publish("x", persisted); ChunkedArray x = client.getPublished("x");
        cluster.adapt(1, 4); cluster.shutdown();

        try (SparkCluster spark = SparkCluster.builder().master("spark://127.0.0.1:7077").workerCores(2).workerMemory("4g").start();
             Client sparkClient = Client.connect(spark)) {
            spark.adapt(1, 15);
        }
    }

    private static Dataset winds(Dataset file) {
        return file.rename(Map.of("TIME", "time", "FNOCY", "lat", "FNOCX", "lon", "UWND", "tas"));
    }

    @Test
    void theToolkitLinesGiveWhatAnEagerComputationGives() {
        try (Dataset lazy = Lazuli.openDataset(ExampleData.winds(), Map.of("TIME", 12));
             Dataset eager = Lazuli.openDataset(ExampleData.winds())) {
            DataArray da = winds(lazy).get("tas");
            DataArray values = winds(eager).get("tas");
            DataArray weights = da.coords().get("lat").deg2rad().cos();
            DataArray other = da.multiply(0.0).add(-1.0);

            assertClose(values.weighted(weights).mean("lat", "lon"), da.weighted(weights).mean("lat", "lon"));
            assertClose(values.cumsum("time"), da.cumsum("time"));
            assertClose(values.diff("time", 1), da.diff("time", 1));
            assertClose(values.roll("time", 3), da.roll("time", 3));
            assertClose(values.where(values.gt(0), other), da.where(da.gt(0), other));
            assertClose(values.interp("lat", new double[] {50.1, 60.3}, "linear"),
                    da.interp("lat", new double[] {50.1, 60.3}, "linear"));

            // the interpolation itself: 50.1 lies between two 2.5-degree latitudes
            double[] lats = values.coords().get("lat").values().toDoubleArray();
            int below = 0;
            while (lats[below + 1] < 50.1) {
                below++;
            }
            double fraction = (50.1 - lats[below]) / (lats[below + 1] - lats[below]);
            double low = values.isel("time", 0).isel("lat", below).isel("lon", 7).values().getDouble();
            double high = values.isel("time", 0).isel("lat", below + 1).isel("lon", 7).values().getDouble();
            double got = da.interp("lat", new double[] {50.1, 60.3}, "linear").isel("time", 0).isel("lat", 0)
                    .isel("lon", 7).values().getDouble();
            assertEquals(low + fraction * (high - low), got, 1e-5);

            DataArray stationLats = DataArray.of(DenseArray.of(new long[] {3, 10, 40}, 3), "station");
            DataArray stationLons = DataArray.of(DenseArray.of(new long[] {0, 20, 100}, 3), "station");
            DataArray points = da.isel(Map.of("time", 0, "lat", stationLats, "lon", stationLons));
            assertEquals(List.of("station"), points.dims());
            double[] expected = new double[3];
            long[][] at = {{3, 0}, {10, 20}, {40, 100}};
            for (int i = 0; i < 3; i++) {
                expected[i] = values.isel("time", 0).isel("lat", (int) at[i][0]).isel("lon", (int) at[i][1]).values()
                        .getDouble();
            }
            assertArrayEquals(expected, points.values().toDoubleArray(), 0.0);

            DataArray months = da.coords().get("time").dt().month();
            assertEquals(1.0, months.values().getDouble(0));   // the first record is 14 January 1980
            assertEquals(31.0, da.coords().get("time").dt().daysInMonth().values().getDouble(0));
            LabelNotFoundException missing = assertThrows(LabelNotFoundException.class, () -> da.sel("time", "2050-01"));
            assertTrue(missing.getMessage().contains("2050-01"), missing.getMessage());
        }
    }

    @Test
    void theFormatLinesWriteWhatReadsBack(@TempDir Path dir) {
        try (Dataset file = Lazuli.openDataset(ExampleData.winds(), Map.of("TIME", 12))) {
            Dataset ds = winds(file).isel("time", Slice.of(0, 24));
            double[] expected = ds.get("tas").values().toDoubleArray();
            Path path = dir.resolve("winds.nc");
            ds.toNetcdf(path, WriteOptions.defaults().withFormat("NETCDF4")
                    .withEncoding("tas", Map.of("zlib", true, "complevel", 4, "shuffle", true, "chunksizes", List.of(1, 73, 144)))
                    .withUnlimitedDims("time"));
            try (Dataset back = Lazuli.openDataset(path)) {
                assertArrayEquals(expected, back.get("tas").values().toDoubleArray(), 0.0);
            }
            Path store = dir.resolve("out.zarr");
            ds.toZarr(store);
            ds.isel("time", Slice.of(0, 12)).toZarr(dir.resolve("v3.zarr"),
                    WriteOptions.defaults().withZarrFormat(3));
            ds.isel("time", Slice.of(12, 24)).toZarr(dir.resolve("v3.zarr"),
                    WriteOptions.defaults().withZarrFormat(3).withMode("a").withAppendDim("time"));
            try (Dataset z = Lazuli.openZarr(store); Dataset v3 = Lazuli.openZarr(dir.resolve("v3.zarr"), Map.of("time", 12))) {
                assertArrayEquals(expected, z.get("tas").values().toDoubleArray(), 0.0);
                assertArrayEquals(expected, v3.get("tas").values().toDoubleArray(), 0.0);
            }
        }
    }

    private static void assertClose(DataArray eager, DataArray lazy) {
        assertTrue(lazy.isLazy(), "the chunked side stays lazy until asked");
        assertEquals(eager.dims(), lazy.dims());
        // float32 sums are rounded at each step, and a chunked cumulative sum adds in another order
        double tolerance = lazy.dtype() == DType.FLOAT32 ? 1e-5 : 1e-9;
        double[] want = eager.values().toDoubleArray();
        double[] got = lazy.values().toDoubleArray();
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i])) {
                assertTrue(Double.isNaN(got[i]), "NaN at " + i);
            } else {
                assertEquals(want[i], got[i], tolerance * Math.max(1, Math.abs(want[i])), "at " + i);
            }
        }
    }
}
