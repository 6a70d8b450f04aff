package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.LocalCluster;
import org.lazuli.cluster.SchedulerEvent;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;
import org.lazuli.labelled.Variable;

/** Stores written by Lazuli read back as the originals, in Lazuli and in xarray + zarr. */
class ZarrWriteTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path temp;

    static Stream<String> stores() {
        return ZarrReference.storeNames().stream().filter(s -> !s.equals("groups.zarr"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aStoreWrittenAgainReadsAsTheOriginal(String store) {
        Path out = temp.resolve(store);
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store(store))) {
            ds.toZarr(out);
        }
        try (Dataset again = Lazuli.openZarr(out)) {
            ZarrReference.check(store, again, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v3Compatible")
    void aStoreWrittenAsZarrV3ReadsAsTheOriginal(String store) throws IOException {
        Path out = temp.resolve("v3-" + store);
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store(store))) {
            ds.toZarr(out, WriteOptions.defaults().withZarrFormat(3));
        }
        assertTrue(Files.exists(out.resolve("zarr.json")) && Files.exists(out.resolve("tas/c/0/0/0")));
        assertFalse(Files.exists(out.resolve(".zgroup")));
        try (Dataset again = Lazuli.openZarr(out)) {
            ZarrReference.check(store, again, false);
        }
    }

    static Stream<String> v3Compatible() {
        return Stream.of("blosc_lz4.zarr", "zstd.zarr", "gzip.zarr", "none.zarr", "noleap.zarr");
    }

    @Test
    void timedeltasAreStoredAsWholeUnitsAndReadBackInLazuliAndXarray() throws Exception {
        List<Object> steps = List.of(java.time.Duration.ZERO, java.time.Duration.ofHours(6), java.time.Duration.ofHours(30));
        Map<String, Variable> coords = Map.of("step", Variable.labels("step", steps, Map.of("long_name", "lead time")));
        Map<String, Variable> data = Map.of("t2m", Variable.of(List.of("step"),
                org.lazuli.array.DenseArray.of(new double[] {280, 281, 282}, 3)));
        Path out = temp.resolve("steps.zarr");
        Dataset.of(data, coords, Map.of()).toZarr(out);
        Map<?, ?> zattrs = new ObjectMapper().readValue(out.resolve("step/.zattrs").toFile(), Map.class);
        assertEquals("hours", zattrs.get("units"), "the largest unit that holds every step whole, as xarray infers it");
        assertTrue(Files.readString(out.resolve("step/.zarray")).contains("<i8"));
        try (Dataset again = Lazuli.openZarr(out)) {
            assertEquals(steps, again.get("step").labels());
            assertEquals("timedelta64[ns]", again.get("step").variable().dtypeName());
        }
        Process python = new ProcessBuilder(PYTHON, "-c", "import sys, xarray as xr; s = xr.open_zarr(sys.argv[1]).step;"
                + " print(s.dtype, list(s.values.astype('int64')))", out.toString()).start();
        String stdout = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), "xarray could not read the store: " + stderr);
        assertEquals("timedelta64[ns] [0, 21600000000000, 108000000000000]", stdout);
    }

    @Test
    void v3RefusesCodecsItDoesNotHave() {
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store("lz4.zarr"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ds.toZarr(temp.resolve("lz4-v3.zarr"), WriteOptions.defaults().withZarrFormat(3)));
            assertTrue(e.getMessage().contains("lz4") && e.getMessage().contains("Zarr v3"), e.getMessage());
        }
    }

    @Test
    void xarrayReadsLazulisStoresAsItReadsItsOwn() throws Exception {
        List<String> names = List.of("blosc_lz4.zarr", "packed_delta.zarr", "noleap.zarr", "none.zarr", "raw.zarr");
        for (String store : names) {
            try (Dataset ds = Lazuli.openZarr(ZarrReference.store(store))) {
                ds.toZarr(temp.resolve(store));
            }
        }
        Map<String, Object> read = xarrayDescribes(names.stream().map(temp::resolve).toList());
        for (String store : names) {
            @SuppressWarnings("unchecked")
            Map<String, Object> actual = (Map<String, Object>) read.get(temp.resolve(store).toString());
            Map<String, Object> expected = ZarrReference.of(store);
            assertEquals(ZarrReference.normal(expected), ZarrReference.normal(actual), store + " as xarray reads it");
        }
    }

    /** xarray's reading of each store, described as make_zarr_reference.py describes the reference stores. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> xarrayDescribes(List<Path> stores) throws Exception {
        Path script = Path.of(ZarrReference.class.getResource("/reference/make_zarr_reference.py").toURI());
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", "import sys, json; sys.path.insert(0, sys.argv[1]);"
                + " import make_zarr_reference as m, xarray as xr;"
                + " print(json.dumps({p: m.describe(xr.open_zarr(p).load()) for p in sys.argv[2:]}))",
                script.getParent().toString()));
        stores.forEach(s -> command.add(s.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "xarray could not read the stores: " + stderr);
        return new ObjectMapper().readValue(stdout, Map.class);
    }

    /** A small chunked (time, lat, lon) field of float32 with day labels, made from a seed. */
    static Dataset field(int times, long seed, int startDay) {
        ChunkedArray tas = ChunkedArray.random(new long[] {times, 6, 10}, new long[] {4, 6, 5}, seed).multiply(30)
                .add(260).astype(DType.FLOAT32);
        List<Object> days = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            days.add(org.lazuli.time.CalendarDate.of(org.lazuli.time.Calendar.STANDARD, 2000, 1, 1).plusDays(startDay + i));
        }
        Map<String, Variable> data = new LinkedHashMap<>();
        data.put("tas", Variable.lazy(List.of("time", "lat", "lon"), tas, Map.of("units", "K")));
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("time", Variable.labels("time", days, Map.of()));
        coords.put("lat", Variable.of(List.of("lat"), org.lazuli.array.DenseArray.of(new double[] {-50, -30, -10, 10, 30,
                50}, 6)));
        return Dataset.of(data, coords, Map.of("title", "field"));
    }

    /** The workers of a two-worker LocalCluster that wrote chunks while {@code writes} ran on it. */
    static Set<String> workersThatWrite(Runnable writes) {
        Set<String> writers = ConcurrentHashMap.newKeySet();
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).memoryLimit("256MB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster);
             AutoCloseable events = cluster.events().subscribe(e -> {
                 if (e instanceof SchedulerEvent.TaskFinished done && done.key().name().contains("zarr-write")) {
                     writers.add(done.worker());
                 }
             })) {
            writes.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return writers;
    }

    /** {@code back} holds {@code first} then {@code second} appended along time, in chunks of {@code chunks}. */
    static void assertAppended(Dataset back, Dataset first, Dataset second, long[] chunks) {
        float[] expected = Dataset.concat(List.of(first, second), "time").get("tas").values().toFloatArray();
        assertArrayEquals(expected, back.get("tas").values().toFloatArray());
        List<Object> days = new ArrayList<>(first.variables().get("time").labelValues());
        days.addAll(second.variables().get("time").labelValues());
        assertEquals(days, back.variables().get("time").labelValues());
        assertArrayEquals(chunks, back.get("tas").data().chunks().maxBlockShape());
    }

    @Test
    void tasksWriteTheirOwnChunksOnTheClustersWorkers() {
        Path out = temp.resolve("parallel.zarr");
        Dataset ds = field(40, 3, 0);
        // 20 chunks, written by 20 tasks: enough that both workers take some however the threads start
        Set<String> writers = workersThatWrite(() -> ds.toZarr(out,
                WriteOptions.defaults().withEncoding("tas", Map.of("chunks", List.of(2, 6, 5)))));
        assertEquals(2, writers.size(), "both workers wrote chunks: " + writers);
        try (Dataset back = Lazuli.openZarr(out)) {
            assertArrayEquals(ds.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
            assertArrayEquals(new long[] {2, 6, 5}, back.get("tas").data().chunks().maxBlockShape());
            assertEquals(ds.variables().get("time").labelValues(), back.variables().get("time").labelValues());
        }
    }

    @Test
    void appendingAlongTimeExtendsTheStoreThroughAPartlyFilledChunk() {
        Path out = temp.resolve("append.zarr");
        Dataset first = field(10, 1, 0);
        Dataset second = field(7, 2, 10);
        WriteOptions chunks = WriteOptions.defaults().withEncoding("tas", Map.of("chunks", List.of(4, 6, 10)));
        first.toZarr(out, chunks);
        second.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time"));
        try (Dataset back = Lazuli.openZarr(out)) {
            assertEquals(17L, back.sizes().get("time"));
            assertAppended(back, first, second, new long[] {4, 6, 10});
        }
    }

    @Test
    void aZarrV3StoreTakesAppendsAndRegionsInItsOwnFormat() throws IOException {
        Path out = temp.resolve("append3.zarr");
        Dataset first = field(10, 1, 0);
        Dataset second = field(7, 2, 10);
        first.toZarr(out, WriteOptions.defaults().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(4, 6, 10))));
        second.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time"));   // v2 by default: the store's wins
        assertFalse(Files.exists(out.resolve(".zgroup")) || Files.exists(out.resolve("tas/.zarray")), "still v3 only");
        try (Dataset back = Lazuli.openZarr(out)) {
            assertEquals(17L, back.sizes().get("time"));
            assertAppended(back, first, second, new long[] {4, 6, 10});
            assertEquals("field", back.attrs().get("title"));
        }
        Map<?, ?> group = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.resolve("zarr.json").toFile(), Map.class);
        Map<?, ?> consolidated = (Map<?, ?>) ((Map<?, ?>) group.get("consolidated_metadata")).get("metadata");
        assertEquals(List.of(17), ((List<?>) ((Map<?, ?>) consolidated.get("tas")).get("shape")).subList(0, 1),
                "the consolidated metadata has the new shape");

        Dataset part = field(4, 9, 3).drop("time").drop("lat");
        part.toZarr(out, WriteOptions.defaults().withMode("a").withRegion(Map.of("time", Slice.of(3, 7))));
        float[] expected = Dataset.concat(List.of(first, second), "time").get("tas").values().toFloatArray();
        float[] patch = part.get("tas").values().toFloatArray();
        System.arraycopy(patch, 0, expected, 3 * 60, patch.length);
        try (Dataset back = Lazuli.openZarr(out)) {
            assertArrayEquals(expected, back.get("tas").values().toFloatArray());
            assertEquals(17L, back.sizes().get("time"));
            assertTrue(back.variables().containsKey("lat"), "arrays the region left alone stay in the metadata");
        }

        Path sharded = temp.resolve("sharded3.zarr");
        first.toZarr(sharded, WriteOptions.defaults().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(2, 6, 10), "shards", List.of(4, 6, 10))));
        Map<String, byte[]> before = files(sharded);
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> second.toZarr(sharded, WriteOptions.defaults().withMode("a").withAppendDim("time")));
        assertTrue(refused.getMessage().startsWith("Cannot append to 'tas' in ") && refused.getMessage().contains("sharded"),
                refused.getMessage());
        assertEquals(before.keySet(), files(sharded).keySet(), "nothing written");
    }

    @Test
    void anFOrderArrayWrittenByZarrPythonTakesAnAppendInItsOwnOrder() throws Exception {
        Path out = temp.resolve("raw.zarr");
        copyTree(ZarrReference.store("raw.zarr"), out);
        for (String other : List.of("nested", "sparse")) {   // the F-order array alone, so its rows may grow
            try (Stream<Path> files = Files.walk(out.resolve(other))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.delete(out.resolve(".zmetadata"));
        OpenOptions raw = OpenOptions.defaults().withChunks(Map.of()).withMaskAndScale(false);
        double[] before;
        try (Dataset stored = Lazuli.openZarr(out, raw)) {
            before = stored.variables().get("f_order").values().toDoubleArray();
        }
        double[] more = new double[2 * 15];
        for (int i = 0; i < more.length; i++) {
            more[i] = 1000 + i;
        }
        Map<String, Variable> data = new LinkedHashMap<>();
        data.put("f_order", Variable.of(List.of("y", "x"), org.lazuli.array.DenseArray.of(more, 2, 15)));
        Dataset rows = Dataset.of(data, Map.of(), Map.of());
        rows.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("y"));
        Map<?, ?> zarray = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.resolve("f_order/.zarray").toFile(),
                Map.class);
        assertEquals("F", zarray.get("order"), "still F order");
        assertEquals(List.of(6, 15), zarray.get("shape"));
        try (Dataset back = Lazuli.openZarr(out, raw)) {
            double[] expected = new double[90];
            System.arraycopy(before, 0, expected, 0, 60);
            System.arraycopy(more, 0, expected, 60, 30);
            assertArrayEquals(expected, back.variables().get("f_order").values().toDoubleArray(), 0.0,
                    "rows 4-5 through the partly filled chunks (3 rows a chunk) and new ones, transposed in each chunk");
            @SuppressWarnings("unchecked")
            Map<String, Object> xarray = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    xarrayDescribes(List.of(out)).get(out.toString())).get("variables")).get("f_order");
            List<?> values = (List<?>) xarray.get("values");
            assertEquals(90, values.size());
            for (int i = 0; i < expected.length; i++) {
                // xarray masks zarr's fill_value (0 here) as _FillValue
                double read = values.get(i) == null ? 0.0 : ((Number) values.get(i)).doubleValue();
                assertEquals(expected[i], read, 0.0, "xarray reads element " + i);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void textLabelsAreAppendedToThoseStoredWithinTheStoredWidth() throws IOException {
        for (int format : new int[] {2, 3}) {
            Path out = temp.resolve("text" + format + ".zarr");
            Dataset first = labelled(field(10, 1, 0), "a", 0);
            Dataset second = labelled(field(7, 2, 10), "b", 0);
            first.toZarr(out, WriteOptions.defaults().withZarrFormat(format));
            second.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time"));
            List<Object> expected = new ArrayList<>(first.variables().get("label").labelValues());
            expected.addAll(second.variables().get("label").labelValues());
            try (Dataset back = Lazuli.openZarr(out)) {
                assertEquals(expected, back.variables().get("label").labelValues(), "format " + format);
                assertAppended(back, first, second, back.get("tas").data().chunks().maxBlockShape());
            }
            Dataset longer = labelled(field(2, 3, 17), "longer-than-stored-", 0);
            if (format == 2) {
                Map<String, byte[]> before = files(out);
                IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                        () -> longer.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time")));
                assertTrue(tooLong.getMessage().startsWith("Text variable 'label' in ")
                        && tooLong.getMessage().contains("holds at most 2 characters"), tooLong.getMessage());
                assertEquals(before.keySet(), files(out).keySet(), "nothing written");
            } else {
                longer.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time"));   // v3 text has no width
                try (Dataset back = Lazuli.openZarr(out)) {
                    assertEquals("longer-than-stored-0", back.variables().get("label").labelValues().get(17));
                }
            }
        }
    }

    /** The field with a text coordinate along time: {@code prefix} and the position. */
    private static Dataset labelled(Dataset ds, String prefix, int from) {
        int n = (int) (long) ds.sizes().get("time");
        List<Object> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(prefix + (from + i));
        }
        return ds.assignCoords(Map.of("label", Variable.labels("time", labels, Map.of())));
    }

    @Test
    void appendingMismatchedDimensionsFailsBeforeAnythingIsWritten() throws IOException {
        Path out = temp.resolve("mismatch.zarr");
        field(8, 1, 0).toZarr(out);
        Map<String, byte[]> before = files(out);
        Dataset wider = field(5, 2, 8).isel(Map.of("lon", Slice.of(0, 7)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wider.toZarr(out, WriteOptions.defaults().withMode("a").withAppendDim("time")));
        assertTrue(e.getMessage().contains("dimension 'lon' has size 10 in the store but 7 in the data"), e.getMessage());
        Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
    }

    @Test
    void aRegionIsWrittenIntoTheStoreAndTheRestKept() {
        Path out = temp.resolve("region.zarr");
        Dataset whole = field(12, 1, 0);
        whole.toZarr(out, WriteOptions.defaults().withEncoding("tas", Map.of("chunks", List.of(5, 6, 10))));
        Dataset part = field(4, 9, 3).drop("time").drop("lat");
        part.toZarr(out, WriteOptions.defaults().withMode("a").withRegion(Map.of("time", Slice.of(3, 7))));
        float[] expected = whole.get("tas").values().toFloatArray();
        float[] patch = part.get("tas").values().toFloatArray();
        System.arraycopy(patch, 0, expected, 3 * 60, patch.length);
        try (Dataset back = Lazuli.openZarr(out)) {
            assertArrayEquals(expected, back.get("tas").values().toFloatArray());
        }
    }

    @Test
    void modesCreateReplaceAndRefuse() {
        Path out = temp.resolve("modes.zarr");
        field(6, 1, 0).toZarr(out);
        IllegalStateException exists = assertThrows(IllegalStateException.class, () -> field(6, 2, 0).toZarr(out));
        assertTrue(exists.getMessage().contains("already exists") && exists.getMessage().contains("withMode(\"w\")"),
                exists.getMessage());
        Dataset replacement = field(3, 2, 0);
        replacement.toZarr(out, WriteOptions.defaults().withMode("w"));
        try (Dataset back = Lazuli.openZarr(out)) {
            assertEquals(3L, back.sizes().get("time"));
            assertArrayEquals(replacement.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
        }
        IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
                () -> field(3, 2, 0).toZarr(temp.resolve("k.zarr"), WriteOptions.defaults()
                        .withEncoding("tas", Map.of("zlib", true))));
        assertTrue(badKey.getMessage().contains("'zlib'") && badKey.getMessage().contains("Zarr"), badKey.getMessage());
        assertFalse(Files.exists(temp.resolve("k.zarr")));
    }

    @Test
    void codecsOfEveryKindRoundTrip() {
        Dataset ds = field(9, 4, 0);
        List<Map<String, Object>> compressors = List.of(
                Map.of("id", "zstd", "level", 3), Map.of("id", "zlib", "level", 6), Map.of("id", "gzip", "level", 1),
                Map.of("id", "lz4", "acceleration", 1),
                Map.of("id", "blosc", "cname", "zstd", "clevel", 5, "shuffle", 2, "blocksize", 0),
                Map.of("id", "blosc", "cname", "blosclz", "clevel", 9, "shuffle", 0, "blocksize", 0));
        int i = 0;
        for (Map<String, Object> compressor : compressors) {
            Path out = temp.resolve("codec" + i++ + ".zarr");
            ds.toZarr(out, WriteOptions.defaults().withEncoding("tas", Map.of("compressor", compressor,
                    "filters", List.of(Map.of("id", "delta", "dtype", "<f4")))));
            try (Dataset back = Lazuli.openZarr(out)) {
                assertArrayEquals(ds.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray(),
                        compressor.toString());
                assertEquals(new TreeMap<>(compressor), new TreeMap<>((Map<?, ?>) back.get("tas").encoding()
                        .get("compressor")));
            }
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

}
