package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** libdeflate (installed by .ci/run) and the JDK's zlib inflate alike, and refuse the same damaged streams. */
class ZlibTest {

    @Test
    void libdeflateIsUsedWhereInstalled() {
        assertTrue(Zlib.hasLibdeflate(), "libdeflate0 is installed (.ci/run) and found through JNA");
        assertEquals("libdeflate", Zlib.implementation());
    }

    @Test
    void bothInflateEveryLevelToTheOriginalBytes() throws DataFormatException {
        Random random = new Random(5);
        for (int level = 1; level <= 9; level++) {
            byte[] original = new byte[50_000 + random.nextInt(300_000)];
            for (int i = 0; i < original.length; i++) {   // compressible: a slow walk with noise, as in climate fields
                original[i] = (byte) (Math.sin(i / 500.0) * 60 + random.nextInt(8));
            }
            byte[] compressed = deflate(original, level);
            byte[] jdk = new byte[original.length];
            byte[] native_ = new byte[original.length];
            Zlib.inflateWithJdk(compressed, compressed.length, jdk, original.length);
            Zlib.inflateWithLibdeflate(compressed, compressed.length, native_, original.length);
            assertArrayEquals(original, jdk, "jdk, level " + level);
            assertArrayEquals(original, native_, "libdeflate, level " + level);
        }
    }

    @Test
    void damagedOrShortStreamsAreRefusedByBoth() {
        byte[] original = new byte[100_000];
        new Random(6).nextBytes(original);
        byte[] compressed = deflate(original, 4);
        byte[] target = new byte[original.length];
        int truncated = compressed.length / 2;
        assertThrows(DataFormatException.class, () -> Zlib.inflateWithJdk(compressed, truncated, target, original.length));
        assertThrows(DataFormatException.class, () -> Zlib.inflateWithLibdeflate(compressed, truncated, target, original.length));
        byte[] garbage = compressed.clone();
        garbage[0] = 0x12;   // not a zlib header
        assertThrows(DataFormatException.class, () -> Zlib.inflateWithJdk(garbage, garbage.length, target, original.length));
        assertThrows(DataFormatException.class, () -> Zlib.inflateWithLibdeflate(garbage, garbage.length, target, original.length));
        DataFormatException longer = assertThrows(DataFormatException.class,
                () -> Zlib.inflateWithLibdeflate(compressed, compressed.length, new byte[2 * original.length], 2 * original.length));
        assertTrue(longer.getMessage().contains("fewer than"), longer.getMessage());
    }

    private static byte[] deflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 1024];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
