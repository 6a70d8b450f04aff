package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.labelled.Dataset;

/** Damaged and unreadable stores fail naming the store, the array, the chunk and what to do. */
class ZarrErrorsTest {
    @TempDir
    Path temp;

    /** A copy of a reference store without consolidated metadata, so that edits to its files are seen. */
    private Path copy(String store) throws IOException {
        Path source = ZarrReference.store(store);
        Path target = temp.resolve(store);
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.deleteIfExists(target.resolve(".zmetadata"));
        return target;
    }

    @Test
    void aCorruptChunkNamesItsKeyAndTheWayOut() throws IOException {
        Path store = copy("blosc_lz4.zarr");
        byte[] chunk = Files.readAllBytes(store.resolve("tas/1.0.0"));
        for (int i = 16; i < chunk.length; i++) {
            chunk[i] = (byte) (chunk[i] ^ 0x5A);
        }
        Files.write(store.resolve("tas/1.0.0"), chunk);
        try (Dataset ds = Lazuli.openZarr(store)) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ds.get("tas").values());
            String message = messages(e);
            assertTrue(message.contains("tas/1.0.0") && message.contains("damaged") && message.contains(store.toString()),
                    message);
            // the chunks that are intact still read
            ds.get("tas").isel(java.util.Map.of("time", 0)).values();
        }
    }

    @Test
    void aTruncatedChunkIsRefusedAndNotReadAsWrongValues() throws IOException {
        Path store = copy("zstd.zarr");
        byte[] chunk = Files.readAllBytes(store.resolve("pr/0.0.0"));
        Files.write(store.resolve("pr/0.0.0"), java.util.Arrays.copyOf(chunk, chunk.length / 2));
        try (Dataset ds = Lazuli.openZarr(store)) {
            String message = messages(assertThrows(RuntimeException.class, () -> ds.get("pr").values()));
            assertTrue(message.contains("pr/0.0.0") && message.contains("zstd"), message);
        }
    }

    @Test
    void aBloscHeaderClaimingAHugeChunkIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path store = copy("blosc_lz4.zarr");
        Path key = store.resolve("tas/1.0.0");
        byte[] chunk = Files.readAllBytes(key);
        // 2 GiB decoded, in one block: decoding as the header says would allocate 2 GiB
        java.nio.ByteBuffer.wrap(chunk).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE - 8)
                .putInt(8, Integer.MAX_VALUE - 8);
        Files.write(key, chunk);
        try (Dataset ds = Lazuli.openZarr(store)) {
            String message = messages(assertThrows(RuntimeException.class, () -> ds.get("tas").values()));
            assertTrue(message.contains("tas/1.0.0") && message.contains("2147483639 bytes where a [")
                    && message.contains("damaged"), message);
        }
    }

    @Test
    void anArrayFolderWithoutZarrayIsNamed() throws IOException {
        Path store = copy("zlib.zarr");
        Files.delete(store.resolve("pr/.zarray"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(store));
        assertTrue(e.getMessage().contains(store.resolve("pr").toString()) && e.getMessage().contains(".zarray"),
                e.getMessage());
    }

    @Test
    void anUnknownCodecIsNamedWithTheOnesThatAreKnown() throws IOException {
        Path store = copy("zlib.zarr");
        Path zarray = store.resolve("tas/.zarray");
        Files.writeString(zarray, Files.readString(zarray).replace("\"zlib\"", "\"bz2\""), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(store));
        assertTrue(e.getMessage().contains("'bz2'") && e.getMessage().contains("tas") && e.getMessage().contains("zstd"),
                e.getMessage());
    }

    @Test
    void aMissingStoreAndAFileAreRefused() throws IOException {
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Lazuli.openZarr(temp.resolve("nothing.zarr")));
        assertTrue(missing.getMessage().contains("nothing.zarr"), missing.getMessage());
        Path file = Files.writeString(temp.resolve("file.zarr"), "x");
        IllegalArgumentException notFolder = assertThrows(IllegalArgumentException.class, () -> Lazuli.openZarr(file));
        assertTrue(notFolder.getMessage().contains("not a Zarr store"), notFolder.getMessage());
    }

    /** The messages of {@code e} and its causes, for checks on what a failure says. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
