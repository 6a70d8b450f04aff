package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;

/** Stores written by Debian's xarray + zarr 2.13 read as xarray reads them. */
class ZarrReadTest {

    static Stream<String> stores() {
        return ZarrReference.storeNames().stream();
    }

    private static OpenOptions optionsFor(String store) {
        OpenOptions options = OpenOptions.defaults().withChunks(Map.of());
        return store.equals("groups.zarr") ? options.withGroup("model/run1") : options;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void everyStoreReadsAsXarrayReadsIt(String store) {
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store(store), optionsFor(store))) {
            ZarrReference.check(store, ds, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void unchunkedAndRechunkedReadsGiveTheSameValues(String store) {
        try (Dataset ds = Lazuli.openDataset(ZarrReference.store(store), optionsFor(store).withChunks(null))) {
            ZarrReference.check(store, ds, false);
        }
        Map<String, Integer> odd = store.equals("raw.zarr") ? Map.of("x", 4, "y", 3) : Map.of("time", 4, "lon", 3);
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store(store), optionsFor(store).withChunks(odd))) {
            ZarrReference.check(store, ds, false);
        }
    }

    @Test
    void timeBoundsWithoutUnitsTakeTheTimesUnits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) {
        java.util.List<Object> days = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            days.add(org.lazuli.time.CalendarDate.of(org.lazuli.time.Calendar.NOLEAP, 2001, 1 + i, 1));
        }
        Map<String, org.lazuli.labelled.Variable> coords = new java.util.LinkedHashMap<>();
        coords.put("time", org.lazuli.labelled.Variable.labels("time", days, Map.of("bounds", "time_bnds")));
        Map<String, org.lazuli.labelled.Variable> data = new java.util.LinkedHashMap<>();
        data.put("time_bnds", org.lazuli.labelled.Variable.of(java.util.List.of("time", "nv"),
                org.lazuli.array.DenseArray.of(new double[] {0, 31, 31, 59, 59, 90}, 3, 2)));
        java.nio.file.Path store = temp.resolve("bounds.zarr");
        Dataset.of(data, coords, Map.of()).toZarr(store);
        try (Dataset ds = Lazuli.openZarr(store)) {
            org.lazuli.labelled.Variable bounds = ds.variables().get("time_bnds");
            assertTrue(bounds.isLabels(), "bounds decoded as dates");
            assertEquals("2001-02-01T00:00:00", String.valueOf(bounds.labelValues().get(1)));
            assertEquals("noleap", String.valueOf(bounds.encoding().get("calendar")));
        }
    }

    @Test
    void variablesAreChunkedAsTheStore() {
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store("blosc_lz4.zarr"))) {
            assertArrayEquals(new long[] {5, 3, 8}, ds.get("tas").data().chunks().maxBlockShape());
            assertArrayEquals(new long[] {5, 5, 4}, ds.get("tas").data().chunks().sizes(0));
        }
    }

    @Test
    void readingAndWritingTasksTravelToOtherJvms() throws Exception {
        java.nio.file.Path path = ZarrReference.store("packed_delta.zarr");
        ArrayMetadata array = ArrayMetadata.v2("tas", Json.object(java.nio.file.Files.readAllBytes(
                path.resolve("tas/.zarray")), "tas"), "tas");
        ZarrSource source = new ZarrSource(new DirectoryStore(path), array, "token");
        ZarrSource copy = (ZarrSource) roundTrip(source);
        long[] start = {2, 1, 0};
        long[] step = {3, 1, 2};
        long[] count = {4, 3, 4};
        assertArrayEquals(source.read(start, step, count).toShortArray(), copy.read(start, step, count).toShortArray());
        roundTrip(new ChunkWriter(new HttpStore(java.net.URI.create("http://127.0.0.1:1/x.zarr")), array, new long[3],
                new long[][] {{0}, {0}, {0}}));
    }

    private static Object roundTrip(Object value) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void aSelectionReadsOnlyWhatItNeedsAndMatchesTheWholeRead() {
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store("zstd.zarr"))) {
            double[] whole = ds.get("pr").values().toDoubleArray();
            double[] one = ds.get("pr").isel(Map.of("time", 7, "lat", 4)).values().toDoubleArray();
            for (int lon = 0; lon < 8; lon++) {
                assertEquals(whole[(7 * 5 + 4) * 8 + lon], one[lon]);
            }
        }
    }

    @Test
    void aFolderThatIsNoStoreIsRefusedWithWhatItLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lazuli.openZarr(ZarrReference.store("groups.zarr").resolve("model").getParent().getParent()));
        assertTrue(e.getMessage().contains("is not a Zarr store"), e.getMessage());
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> Lazuli.openZarr(ZarrReference.store("groups.zarr"), OpenOptions.defaults().withGroup("model/run2")));
        assertTrue(group.getMessage().contains("No group 'model/run2'") && group.getMessage().contains("model/run1"),
                group.getMessage());
    }
}
