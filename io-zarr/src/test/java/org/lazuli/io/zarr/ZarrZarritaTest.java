package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;

/**
 * Lazuli's Zarr v3 stores read in npm zarrita, an implementation independent of Lazuli's (installed by
 * the build from src/test/zarrita): every numeric array holds, as zarrita decodes it, the values Lazuli
 * stored, with blosc, zstd and gzip chunks and with shards.
 */
class ZarrZarritaTest {
    @TempDir
    Path temp;

    /** What zarrita reads from {@code arrays} of {@code store}: per array its dtype, shape and values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> zarritaReads(Path store, List<String> arrays) throws Exception {
        Path modules = Path.of(System.getProperty("lazuli.zarrita.modules", "target/zarrita/node_modules"));
        assertTrue(Files.isDirectory(modules.resolve("zarrita")), "npm zarrita is not installed in " + modules
                + "; the build installs it (npm ci in target/zarrita): run the tests through Maven with npm on the PATH");
        Path script = Path.of(ZarrZarritaTest.class.getResource("/reference/read_with_zarrita.mjs").toURI());
        List<String> command = new ArrayList<>(List.of("node", script.toString(), store.toString()));
        command.addAll(arrays);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NODE_PATH", modules.toAbsolutePath().toString());
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "zarrita could not read " + store + ": " + stderr);
        return new ObjectMapper().readValue(stdout, Map.class);
    }

    private static void assertSameValues(String where, double[] expected, Map<String, Object> read) {
        List<?> values = (List<?>) read.get("values");
        assertEquals(expected.length, values.size(), where + " size");
        for (int i = 0; i < expected.length; i++) {
            double actual = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
            assertEquals(expected[i], actual, Double.isNaN(expected[i]) ? 0 : Math.abs(expected[i]) * 1e-7,
                    where + "[" + i + "]");
        }
    }

    @Test
    void zarritaReadsTheValuesOfLazulisV3StoresWithEachCodec() throws Exception {
        List<String> arrays = List.of("tas", "pr", "count", "time", "lat", "lon");
        OpenOptions raw = OpenOptions.defaults().withChunks(Map.of()).withMaskAndScale(false).withDecodeTimes(false);
        for (String source : List.of("blosc_lz4.zarr", "zstd.zarr", "gzip.zarr")) {
            Path out = temp.resolve("v3-" + source);
            try (Dataset ds = Lazuli.openZarr(ZarrReference.store(source))) {
                ds.toZarr(out, WriteOptions.defaults().withZarrFormat(3));
            }
            Map<String, Map<String, Object>> read = zarritaReads(out, arrays);
            try (Dataset stored = Lazuli.openZarr(out, raw)) {
                for (String array : arrays) {
                    double[] expected = stored.variables().get(array).values().astype(DType.FLOAT64).toDoubleArray();
                    assertSameValues(source + "/" + array, expected, read.get(array));
                }
            }
        }
    }

    @Test
    void zarritaReadsAV3StoreLazuliAppendedTo() throws Exception {
        Dataset first = ZarrWriteTest.field(10, 31, 0);
        Dataset second = ZarrWriteTest.field(7, 32, 10);
        Path out = temp.resolve("appended.zarr");
        first.toZarr(out, WriteOptions.defaults().withZarrFormat(3).withEncoding("tas", Map.of("chunks", List.of(4, 6, 10))));
        second.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time"));
        Map<String, Map<String, Object>> read = zarritaReads(out, List.of("tas", "time"));
        assertEquals(List.of(17, 6, 10), read.get("tas").get("shape"));
        double[] expected = Dataset.concat(List.of(first, second), "time").get("tas").values().astype(DType.FLOAT64)
                .toDoubleArray();
        assertSameValues("appended tas", expected, read.get("tas"));
        double[] days = new double[17];
        for (int i = 0; i < days.length; i++) {
            days[i] = i;    // "days since 2000-01-01", the first write's units, kept by the append
        }
        assertSameValues("appended time", days, read.get("time"));
    }

    @Test
    void zarritaReadsLazulisShardedStores() throws Exception {
        Dataset field = ZarrWriteTest.field(26, 21, 0);
        Path out = temp.resolve("sharded.zarr");
        field.toZarr(out, WriteOptions.defaults().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(8, 6, 10))));
        Map<String, Object> tas = zarritaReads(out, List.of("tas")).get("tas");
        assertEquals(List.of(26, 6, 10), tas.get("shape"));
        assertSameValues("tas", field.get("tas").values().astype(DType.FLOAT64).toDoubleArray(), tas);
    }
}
