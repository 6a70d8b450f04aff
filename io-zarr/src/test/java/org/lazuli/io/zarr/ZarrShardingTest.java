package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;

/**
 * Sharded Zarr v3 arrays (sharding_indexed): stores laid out byte by byte from the specification by
 * make_zarr_sharded_reference.py read as NumPy holds them, Lazuli's own sharded stores read back, and a
 * task reads the index of each shard it touches once, then only the inner chunks it needs.
 */
class ZarrShardingTest {
    @TempDir
    Path temp;

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> reference(String store) {
        try (InputStream in = ZarrShardingTest.class.getResourceAsStream("/reference/zarr_sharded_reference.json")) {
            return (Map<String, Map<String, Object>>) new ObjectMapper().readValue(in, Map.class).get(store);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path store(String name) {
        try {
            return Path.of(ZarrShardingTest.class.getResource("/zarr3_sharded/" + name).toURI());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static double[] expected(Map<String, Object> array) {
        return ((List<?>) array.get("values")).stream()
                .mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue()).toArray();
    }

    private static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    @Test
    void shardsWithTheIndexAtTheEndMissingChunksAndAMissingShardReadAsNumpyHoldsThem() {
        Map<String, Map<String, Object>> reference = reference("gzip_end.zarr");
        try (Dataset ds = Lazuli.openZarr(store("gzip_end.zarr"))) {
            DataArray tas = ds.get("tas");
            Map<String, Object> expected = reference.get("tas");
            assertArrayEquals(longs(expected.get("shape")), tas.shape());
            assertArrayEquals(longs(expected.get("chunks")), tas.data().chunks().maxBlockShape(),
                    "the dask chunks are the inner chunks, as xarray's preferred chunks");
            assertEquals(expected.get("shards"), tas.encoding().get("shards"));
            assertArrayEquals(expected(expected), tas.values().toDoubleArray(), 1e-6);
            assertEquals("K", tas.attrs().get("units"));
            assertArrayEquals(expected(reference.get("lat")), ds.variables().get("lat").values().toDoubleArray());
            // a selection inside one shard reads as the same part of the whole
            double[] whole = expected(expected);
            double[] part = tas.isel(Map.of("time", 5, "lat", 4)).values().toDoubleArray();
            for (int lon = 0; lon < 8; lon++) {
                assertEquals(whole[(5 * 6 + 4) * 8 + lon], part[lon], 1e-6, "lon " + lon);
            }
        }
    }

    @Test
    void shardsWithTheIndexAtTheStartAndTransposedBigEndianChunksRead() {
        Map<String, Object> expected = reference("transposed_start.zarr").get("counts");
        try (Dataset ds = Lazuli.openZarr(store("transposed_start.zarr"))) {
            DataArray counts = ds.get("counts");
            assertArrayEquals(longs(expected.get("shape")), counts.shape());
            assertArrayEquals(expected(expected), counts.values().toDoubleArray());
        }
    }

    @Test
    void aTaskReadsEachShardIndexOnceAndOnlyTheChunksItNeeds() throws IOException {
        AtomicInteger indexReads = new AtomicInteger();
        AtomicInteger chunkReads = new AtomicInteger();
        AtomicInteger wholeReads = new AtomicInteger();
        Store counting = new CountingStore(new DirectoryStore(store("gzip_end.zarr")), indexReads, chunkReads,
                wholeReads);
        ArrayMetadata tas = ArrayMetadata.v3("tas", Json.object(counting.get("tas/zarr.json"), "tas"), "tas");
        wholeReads.set(0);
        ZarrSource source = new ZarrSource(counting, tas, "t");
        // time 0..3, all lat, lon 0..3: shard (0, 0, 0), 4 inner chunks of which 3 were written
        source.read(new long[] {0, 0, 0}, new long[] {1, 1, 1}, new long[] {4, 6, 4});
        assertEquals(1, indexReads.get(), "one index read for one shard");
        assertEquals(3, chunkReads.get(), "one range read per written inner chunk, none for the one never written");
        assertEquals(0, wholeReads.get(), "no shard read whole");
        // another task of the same opened array, in the same shard: its index is already known
        source.read(new long[] {2, 3, 0}, new long[] {1, 1, 1}, new long[] {2, 3, 4});
        assertEquals(1, indexReads.get(), "the shard's index is read once between the tasks");
        assertEquals(0, wholeReads.get(), "no shard read whole");
    }

    /** Counts a store's reads: suffix or start ranges of index size, other ranges, whole objects. */
    private static final class CountingStore implements Store {
        private final Store inner;
        private final transient AtomicInteger indexReads;
        private final transient AtomicInteger chunkReads;
        private final transient AtomicInteger wholeReads;

        CountingStore(Store inner, AtomicInteger indexReads, AtomicInteger chunkReads, AtomicInteger wholeReads) {
            this.inner = inner;
            this.indexReads = indexReads;
            this.chunkReads = chunkReads;
            this.wholeReads = wholeReads;
        }

        @Override
        public byte[] get(String key) throws IOException {
            wholeReads.incrementAndGet();
            return inner.get(key);
        }

        @Override
        public byte[] getRange(String key, long offset, int length) throws IOException {
            (offset < 0 ? indexReads : chunkReads).incrementAndGet();
            return inner.getRange(key, offset, length);
        }

        @Override
        public void put(String key, byte[] value) throws IOException {
            inner.put(key, value);
        }

        @Override
        public List<String> list(String prefix) throws IOException {
            return inner.list(prefix);
        }

        @Override
        public void deleteAll(String prefix) throws IOException {
            inner.deleteAll(prefix);
        }

        @Override
        public String describe(String key) {
            return inner.describe(key);
        }
    }

    @Test
    void lazulisShardedStoresReadBackWithTheirShardsAndChunks() throws IOException {
        Dataset field = ZarrWriteTest.field(26, 4, 0);
        Path out = temp.resolve("sharded.zarr");
        field.toZarr(out, WriteOptions.defaults().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(8, 6, 10))));
        try (Stream<Path> shards = Files.list(out.resolve("tas/c"))) {
            assertEquals(4, shards.count(), "26 times in shards of 8: 4 shard rows");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> zarrJson = new ObjectMapper().readValue(out.resolve("tas/zarr.json").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> codec = (Map<String, Object>) ((List<?>) zarrJson.get("codecs")).get(0);
        assertEquals("sharding_indexed", codec.get("name"));
        // the last shard holds times 24..31 of 26: its inner chunks at times 28..31 are past the end, not written
        byte[] last = Files.readAllBytes(out.resolve("tas/c/3/0/0"));
        // 2 x 2 x 2 inner chunks, (offset, nbytes) each in C order: the first time row, then the second
        ByteBuffer index = ByteBuffer.wrap(last, last.length - 4 - 16 * 8, 16 * 8).order(ByteOrder.LITTLE_ENDIAN);
        long[] entries = new long[16];
        index.asLongBuffer().get(entries);
        for (int position = 0; position < 8; position++) {
            boolean written = position < 4;
            assertEquals(written, entries[2 * position] != -1L, "inner chunk " + position + " (times "
                    + (written ? "24..27" : "28..31") + ")");
        }
        try (Dataset back = Lazuli.openZarr(out)) {
            assertArrayEquals(field.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
            assertArrayEquals(new long[] {4, 3, 5}, back.get("tas").data().chunks().maxBlockShape());
            assertEquals(List.of(8, 6, 10), back.get("tas").encoding().get("shards"));
            Path again = temp.resolve("again.zarr");
            back.toZarr(again, WriteOptions.defaults().withZarrFormat(3));
            try (Dataset twice = Lazuli.openZarr(again)) {
                assertEquals(List.of(8, 6, 10), twice.get("tas").encoding().get("shards"), "shards kept on rewrite");
                assertArrayEquals(field.get("tas").values().toFloatArray(), twice.get("tas").values().toFloatArray());
            }
        }
    }

    @Test
    void shardsThatAreNotWholeChunksOrOnZarrV2AreRefused() {
        Dataset field = ZarrWriteTest.field(8, 4, 0);
        IllegalArgumentException uneven = assertThrows(IllegalArgumentException.class, () -> field.toZarr(
                temp.resolve("a.zarr"), WriteOptions.defaults().withZarrFormat(3)
                        .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(6, 6, 10)))));
        assertTrue(uneven.getMessage().contains("multiple of the chunk size"), uneven.getMessage());
        IllegalArgumentException v2 = assertThrows(IllegalArgumentException.class, () -> field.toZarr(
                temp.resolve("b.zarr"), WriteOptions.defaults()
                        .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(8, 6, 10)))));
        assertTrue(v2.getMessage().contains("Zarr v3"), v2.getMessage());
    }

    @Test
    void aDamagedShardIndexIsNamed() throws IOException {
        Path copy = temp.resolve("damaged.zarr");
        try (Stream<Path> files = Files.walk(store("gzip_end.zarr"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(store("gzip_end.zarr").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path shard = copy.resolve("tas/c/0/0/0");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(shard, bytes);
        try (Dataset ds = Lazuli.openZarr(copy)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ds.get("tas").values());
            String all = ZarrErrorsTest.messages(e);
            assertTrue(all.contains("tas/c/0/0/0") && all.contains("index"), all);
        }
    }
}
