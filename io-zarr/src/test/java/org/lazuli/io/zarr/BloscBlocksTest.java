package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frames compressed block by block decode, in blosc's own whole decoding, to the chunk that was built;
 * frames blosc compressed whole decode block by block to what blosc decodes them to.
 */
class BloscBlocksTest {
    @TempDir
    Path temp;

    /** Compressors, shuffles and item sizes; sizes with and without a shorter last block. */
    static Stream<Arguments> codecs() {
        return Stream.of(
                Arguments.of("lz4", 1, 4, 18_921_600),       // the benchmark's chunk: (73, 180, 360) float32
                Arguments.of("lz4", 1, 4, 3_000_000 + 4),
                Arguments.of("blosclz", 1, 8, 2_400_000),     // blosclz splits each block by byte
                Arguments.of("zstd", 2, 2, 2_097_152 + 6),
                Arguments.of("lz4", 0, 1, 1_500_001),
                Arguments.of("zlib", 1, 4, 1_600_000));
    }

    /** Smooth values with a little noise: compressible as climate fields are, and not trivially. */
    static byte[] field(int bytes, long seed) {
        Random random = new Random(seed);
        byte[] raw = new byte[bytes];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= bytes; i += 4) {
            b.putFloat(i, (float) (250 + 30 * Math.sin(i / 40_000.0) + Math.round(random.nextGaussian() * 200) / 100.0));
        }
        return raw;
    }

    @ParameterizedTest(name = "{0} shuffle {1} typesize {2}, {3} bytes")
    @MethodSource("codecs")
    void aFrameBlosccompressedWholeDecodesBlockByBlockToTheSameBytes(String cname, int shuffle, int typesize,
                                                                     int bytes) throws IOException {
        Blosc blosc = new Blosc(cname, 5, shuffle, 0, typesize);
        byte[] raw = field(bytes, bytes);
        byte[] frame = blosc.encode(raw);
        assertArrayEquals(raw, blosc.decode(frame, bytes), "blosc's own round trip");
        ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        boolean severalBlocks = (header.get(2) & 0x02) == 0 && header.getInt(8) < bytes;
        for (boolean fromFile : new boolean[] {false, true}) {
            try (ChunkBytes blocks = fromFile ? inFile(blosc, frame, typesize) : inFrameBuffer(blosc, frame, typesize)) {
                if (severalBlocks) {
                    assertInstanceOf(FrameBlocks.class, blocks, "a frame of several blocks is decoded block by block");
                }
                assertReadsInRows(raw, blocks, typesize);
            }
        }
    }

    /** Rows of 1000 bytes read in order, every third row skipped: each must hold the chunk's own bytes. */
    private static void assertReadsInRows(byte[] raw, ChunkBytes blocks, int typesize) throws IOException {
        int bytes = raw.length;
        assertEquals(bytes, blocks.size());
        Random random = new Random(7);
        int row = 1000 / typesize * typesize;
        for (long from = 0; from < bytes; from += row) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            long to = Math.min(bytes, from + row);
            ByteBuffer window = blocks.cover(from, to);
            for (long b = from; b < to; b += 97) {
                assertEquals(raw[(int) b], window.get((int) (b - blocks.base())), "byte " + b);
            }
            assertEquals(raw[(int) to - 1], window.get((int) (to - 1 - blocks.base())), "byte " + (to - 1));
        }
    }

    @ParameterizedTest(name = "{0} shuffle {1} typesize {2}, {3} bytes")
    @MethodSource("codecs")
    void aChunkCompressedBlockByBlockDecodesInBloscToTheChunk(String cname, int shuffle, int typesize, int bytes)
            throws IOException {
        Blosc blosc = new Blosc(cname, 5, shuffle, 0, typesize);
        byte[] raw = field(bytes, 11);
        Blosc.BlockFiller filler = (target, from) -> target.put(raw, (int) from, target.remaining());
        long length = blosc.encodeInBlocks(bytes, typesize, filler, Blosc.FrameOut.toFrameBuffer());
        int block = FrameBlocks.blockSize(bytes, typesize);
        if (block == 0) {
            assertEquals(-1, length, "a chunk that divides into no blocks of one size is left to be compressed whole");
            return;
        }
        byte[] stored = new byte[(int) length];
        Blosc.frameBuffer(length).get(stored);
        // written to a file block by block, the frame is the same
        Path file = temp.resolve("chunk");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertEquals(length, blosc.encodeInBlocks(bytes, typesize, filler, Blosc.FrameOut.to(out)));
        }
        assertArrayEquals(stored, Files.readAllBytes(file), "the frame written to a file");
        assertEquals(block, ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt(8), "the header's block size");
        assertArrayEquals(raw, blosc.decode(stored, bytes), "blosc decodes the assembled frame whole");
        assertTrue(stored.length < bytes, "compressed: " + stored.length + " of " + bytes);
        // and block by block, all of it in one request
        ChunkBytes blocks = inFrameBuffer(blosc, stored, typesize);
        ByteBuffer all = blocks.cover(0, bytes);
        byte[] back = new byte[bytes];
        all.get((int) -blocks.base(), back);
        assertArrayEquals(raw, back);
    }

    @Test
    void aRequestReachingPastTheDecodedBlocksKeepsWhatItStillNeeds() throws IOException {
        // the bytes kept overlap the place they move to: [100, B) moves to the window's front
        Blosc blosc = new Blosc("lz4", 5, 1, 0, 4);
        byte[] raw = field(3_000_000, 13);
        byte[] frame = blosc.encode(raw);
        int block = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        try (ChunkBytes blocks = inFrameBuffer(blosc, frame, 4)) {
            long[][] requests = {{0, 100}, {100, block + 100}, {block + 96, 2L * block + 4000}, {2_999_000, 3_000_000}};
            for (long[] r : requests) {
                ByteBuffer window = blocks.cover(r[0], r[1]);
                for (long b = r[0]; b < r[1]; b++) {
                    if (raw[(int) b] != window.get((int) (b - blocks.base()))) {
                        assertEquals(raw[(int) b], window.get((int) (b - blocks.base())), "byte " + b);
                    }
                }
            }
        }
    }

    @Test
    void incompressibleBlocksLeaveTheChunkToBeCompressedWhole() throws IOException {
        Blosc blosc = new Blosc("lz4", 5, 1, 0, 4);
        byte[] noise = new byte[2_000_000];
        new Random(3).nextBytes(noise);
        assertEquals(-1, blosc.encodeInBlocks(noise.length, 4, (target, from) -> target.put(noise, (int) from,
                target.remaining()), Blosc.FrameOut.toFrameBuffer()),
                "blosc stores such blocks uncompressed, which a frame of blocks cannot hold");
        byte[] frame = blosc.encode(noise);
        ChunkBytes stored = inFrameBuffer(blosc, frame, 4);
        ByteBuffer all = stored.cover(0, noise.length);
        byte[] back = new byte[noise.length];
        all.get((int) -stored.base(), back);
        assertArrayEquals(noise, back, "an uncompressed frame reads as its bytes");
    }

    @Test
    void aDamagedBlockFailsWhenItIsReachedAndSaysSo() throws IOException {
        Blosc blosc = new Blosc("lz4", 5, 1, 0, 4);
        byte[] raw = field(4_000_000, 5);
        byte[] frame = blosc.encode(raw);
        ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int second = header.getInt(16 + 4);
        for (int i = second; i < second + 64; i++) {
            frame[i] = (byte) ~frame[i];
        }
        int blockSize = header.getInt(8);
        for (boolean fromFile : new boolean[] {false, true}) {
            try (ChunkBytes blocks = fromFile ? inFile(blosc, frame, 4) : inFrameBuffer(blosc, frame, 4)) {
                blocks.cover(0, 1000);   // the first block is intact
                IOException e = assertThrows(IOException.class, () -> blocks.cover(blockSize, blockSize + 1000));
                assertTrue(e.getMessage().contains("block 1") && e.getMessage().contains("damaged"), e.getMessage());
            }
        }
        header.putInt(16 + 4, frame.length + 10);
        for (boolean fromFile : new boolean[] {false, true}) {
            IOException outside = assertThrows(IOException.class,
                    () -> (fromFile ? inFile(blosc, frame, 4) : inFrameBuffer(blosc, frame, 4)).close());
            assertTrue(outside.getMessage().contains("block 1") && outside.getMessage().contains("outside"),
                    outside.getMessage());
        }
    }

    @Test
    void blocksAreTheLargestDivisorUpToTheTargetInWholeItems() {
        assertEquals(473_040, FrameBlocks.blockSize(18_921_600, 4));
        assertEquals(524_288, FrameBlocks.blockSize(1 << 23, 8));
        assertEquals(0, FrameBlocks.blockSize(2_000_003, 1), "a prime number of bytes has no such divisor");
    }

    /** The frame in a file, decoded from it as a read of a C-order array in a local store decodes it. */
    private ChunkBytes inFile(Blosc blosc, byte[] frame, int itemSize) throws IOException {
        Path file = Files.write(temp.resolve("frame-" + frame.length), frame);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return FrameBlocks.open(blosc, channel, expected(frame, itemSize), ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The frame read into this thread's frame buffer, as a read of a C-order array would decode it. */
    private static ChunkBytes inFrameBuffer(Blosc blosc, byte[] frame, int itemSize) throws IOException {
        Blosc.nativeFrame(frame.length).put(frame);
        return FrameBlocks.of(blosc, frame.length, expected(frame, itemSize), ByteOrder.LITTLE_ENDIAN, true);
    }

    /** The chunk the frame's header says it decodes to. */
    private static FrameBlocks.Expected expected(byte[] frame, int itemSize) {
        return new FrameBlocks.Expected(ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getInt(4), itemSize,
                () -> "the test's chunk");
    }
}
