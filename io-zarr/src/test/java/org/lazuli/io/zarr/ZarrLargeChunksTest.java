package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;
import org.lazuli.labelled.Variable;

/**
 * Chunks of more than a megabyte, which are compressed and decoded a blosc block at a time, with
 * partial chunks at every edge: zarr-python's stores read as the values it wrote, and Lazuli's stores
 * read in xarray as the values Lazuli wrote. The values follow a formula both sides compute exactly.
 */
class ZarrLargeChunksTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long[] SHAPE = {12, 700, 900};
    /** The formula, in float64; float32 variables hold it rounded, as NumPy's astype rounds. */
    private static final String FORMULA = "((t * 7919 + y * 104729 + x * 15485863) % 100003) / 7";

    @TempDir
    Path temp;

    static double expected(long t, long y, long x) {
        return ((t * 7919 + y * 104729 + x * 15485863L) % 100003) / 7.0;
    }

    @Test
    void zarrPythonsLargeChunksReadAsTheValuesItWrote() throws Exception {
        Path store = temp.resolve("python.zarr");
        python("import sys, numpy as np, xarray as xr\n"
                + "t, y, x = np.meshgrid(np.arange(12), np.arange(700), np.arange(900), indexing='ij')\n"
                + "v = " + FORMULA + "\n"
                + "ds = xr.Dataset({'tas': (('time', 'lat', 'lon'), v.astype(np.float32)),"
                + " 'q': (('time', 'lat', 'lon'), v)})\n"
                + "ds.to_zarr(sys.argv[1], mode='w', encoding={'tas': {'chunks': (5, 300, 400)},"
                + " 'q': {'chunks': (3, 250, 450)}})\n", store.toString());
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(store.resolve("tas/0.0.0"))).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(header.getInt(8) < header.getInt(4), "the chunk holds several blosc blocks: " + header.getInt(8));
        try (Dataset ds = Lazuli.openZarr(store)) {
            checkAll(ds.get("tas"), true);
            checkAll(ds.get("q"), false);
            // a point's series touches one block of each chunk; a strided window crosses blocks and chunks
            double[] series = ds.get("tas").isel(Map.of("lat", 611, "lon", 877)).values().toDoubleArray();
            for (int t = 0; t < 12; t++) {
                assertEquals((float) expected(t, 611, 877), series[t], 0, "time " + t);
            }
            DataArray window = ds.get("q").isel(Map.of("time", Slice.of(2, 11, 4), "lat", Slice.of(240, 520, 3),
                    "lon", Slice.of(10, 890, 7)));
            double[] values = window.values().toDoubleArray();
            int i = 0;
            for (long t = 2; t < 11; t += 4) {
                for (long y = 240; y < 520; y += 3) {
                    for (long x = 10; x < 890; x += 7) {
                        assertEquals(expected(t, y, x), values[i++], 0, "(" + t + ", " + y + ", " + x + ")");
                    }
                }
            }
            assertEquals(values.length, i);
        }
    }

    @Test
    void lazulisLargeChunksReadInXarrayAsTheValuesLazuliWrote() throws Exception {
        int n = (int) (SHAPE[0] * SHAPE[1] * SHAPE[2]);
        double[] q = new double[n];
        float[] tas = new float[n];
        int i = 0;
        for (long t = 0; t < SHAPE[0]; t++) {
            for (long y = 0; y < SHAPE[1]; y++) {
                for (long x = 0; x < SHAPE[2]; x++) {
                    q[i] = expected(t, y, x);
                    tas[i++] = (float) expected(t, y, x);
                }
            }
        }
        List<String> dims = List.of("time", "lat", "lon");
        Dataset ds = Dataset.of(Map.of(
                "tas", Variable.lazy(dims, ChunkedArray.fromArray(tas, SHAPE, new long[] {5, 300, 400}), Map.of()),
                "q", Variable.lazy(dims, ChunkedArray.fromArray(q, SHAPE, new long[] {3, 250, 450}), Map.of()),
                "n", Variable.lazy(dims, ChunkedArray.fromArray(q, SHAPE, new long[] {4, 350, 300})
                        .astype(DType.INT32), Map.of())), Map.of(), Map.of());
        Path store = temp.resolve("lazuli.zarr");
        ds.toZarr(store);
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(store.resolve("tas/0.0.0"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(FrameBlocks.blockSize(5 * 300 * 400 * 4, 4), header.getInt(8), "the chunk was compressed in"
                + " blocks of Lazuli's size");
        try (Dataset back = Lazuli.openZarr(store)) {
            checkAll(back.get("tas"), true);
            checkAll(back.get("q"), false);
        }
        String report = python("import sys, numpy as np, xarray as xr\n"
                + "ds = xr.open_zarr(sys.argv[1]).load()\n"
                + "t, y, x = np.meshgrid(np.arange(12), np.arange(700), np.arange(900), indexing='ij')\n"
                + "v = " + FORMULA + "\n"
                + "print(int((ds.tas.values != v.astype(np.float32)).sum()), int((ds.q.values != v).sum()),"
                + " int((ds.n.values != v.astype(np.int32)).sum()), ds.tas.dtype, ds.n.dtype)\n", store.toString());
        assertEquals("0 0 0 float32 int32", report.strip(), "elements xarray reads differently, then the dtypes");
    }

    /** Every element of the variable, against the formula. */
    private static void checkAll(DataArray variable, boolean float32) {
        double[] values = variable.values().toDoubleArray();
        int i = 0;
        for (long t = 0; t < SHAPE[0]; t++) {
            for (long y = 0; y < SHAPE[1]; y++) {
                for (long x = 0; x < SHAPE[2]; x++) {
                    double want = float32 ? (float) expected(t, y, x) : expected(t, y, x);
                    if (values[i] != want) {
                        assertEquals(want, values[i], 0, variable.name() + " at (" + t + ", " + y + ", " + x + ")");
                    }
                    i++;
                }
            }
        }
    }

    private static String python(String script, String argument) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON, "-c", script, argument).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "python failed: " + stderr);
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
