package org.lazuli.array;

import org.lazuli.text.ByteSizes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkSpecTest {

    @Test
    void perAxisSizesLeaveARemainderBlock() {
        Chunks chunks = ChunkSpec.of(1000, -1).resolve(new long[] {2500, 300}, DType.FLOAT64);
        assertArrayEquals(new long[] {1000, 1000, 500}, chunks.sizes(0));
        assertArrayEquals(new long[] {300}, chunks.sizes(1));
        assertEquals("((1000, 1000, 500), (300,))", chunks.toString());
        assertEquals(3, chunks.numBlocks());
        assertEquals(2, chunks.blockOf(0, 2000));
        assertEquals(1, chunks.blockOf(0, 1999));
    }

    @Test
    void explicitIrregularChunksMustAddUp() {
        Chunks chunks = ChunkSpec.explicit(new long[][] {{1, 4, 2}}).resolve(new long[] {7}, DType.INT32);
        assertArrayEquals(new long[] {0, 1, 5, 7}, chunks.boundaries(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkSpec.explicit(new long[][] {{1, 4}}).resolve(new long[] {7}, DType.INT32));
        assertTrue(e.getMessage().contains("add up to 5") && e.getMessage().contains("length 7"), e.getMessage());
    }

    @Test
    void chunkRankMustMatchShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkSpec.of(10).resolve(new long[] {100, 100}, DType.FLOAT64));
        assertTrue(e.getMessage().contains("(10,)") && e.getMessage().contains("(100, 100)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChunkSpec.of(0, 5).resolve(new long[] {10, 10}, DType.FLOAT64));
    }

    @Test
    void autoTargetsAbout128MiB() {
        Chunks chunks = ChunkSpec.auto().resolve(new long[] {100_000, 100_000}, DType.FLOAT64);
        long bytes = chunks.maxBlockElements() * 8;
        assertTrue(bytes <= 128L << 20 && bytes > 100L << 20, "block bytes " + bytes);
        assertEquals(chunks.maxBlockShape()[0], chunks.maxBlockShape()[1], "square blocks");
        // a short axis is taken whole and the rest of the budget goes to the long one
        Chunks skinny = ChunkSpec.auto(8000).resolve(new long[] {10, 100_000}, DType.FLOAT64);
        assertArrayEquals(new long[] {10, 100}, skinny.maxBlockShape());
        assertEquals(64L << 20, ChunkSpec.parse("64MiB").resolve(new long[] {1L << 30}, DType.UINT8).maxBlockElements());
    }

    @Test
    void emptyAxesHaveOneEmptyBlock() {
        Chunks chunks = ChunkSpec.of(5, 5).resolve(new long[] {0, 12}, DType.FLOAT64);
        assertArrayEquals(new long[] {0}, chunks.sizes(0));
        assertArrayEquals(new long[] {5, 5, 2}, chunks.sizes(1));
    }

    @Test
    void byteSizesParseUnits() {
        assertEquals(2_000_000_000L, ByteSizes.parse("2GB"));
        assertEquals(256L << 20, ByteSizes.parse("256 MiB"));
        assertEquals("762.94 MiB", ByteSizes.format(800_000_000L));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("lots"));
    }
}
