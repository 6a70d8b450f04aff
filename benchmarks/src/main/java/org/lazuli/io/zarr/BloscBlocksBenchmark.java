package org.lazuli.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One chunk of the side-by-side Zarr workload ((73, 180, 360) float32, 18.9 MB; smooth values with
 * noise, as a temperature field), with xarray's default codec (blosc lz4, level 5, byte shuffle), on one
 * thread: compressed from the task's block and decoded into it, whole (the chunk in a native buffer of
 * its own) or a blosc block at a time (the writer's and reader's path for chunks above 1 MiB); decoded
 * from memory, and from a file (in the page cache), read whole or a block at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class BloscBlocksBenchmark {
    private static final int ROW = 360;

    private final Blosc blosc = new Blosc("lz4", 5, 1, 0, 4);
    private float[] block;
    private float[] back;
    private byte[] frame;
    private Path file;

    @Setup
    public void make() throws IOException {
        block = new float[73 * 180 * ROW];
        back = new float[block.length];
        Random random = new Random(42);
        for (int i = 0; i < block.length; i++) {
            block[i] = (float) (250 + 30 * Math.sin(i / 40_000.0) + Math.round(random.nextGaussian() * 200) / 100.0);
        }
        ByteBuffer raw = ByteBuffer.allocate(block.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(block);
        frame = blosc.encode(raw.array());
        file = Files.createTempFile("lazuli-blosc-", ".chunk");
        Files.write(file, frame);
    }

    @TearDown
    public void remove() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int encodeWhole() throws IOException {
        int bytes = block.length * 4;
        Blosc.nativeRaw(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(block);
        return blosc.encodeRaw(bytes).remaining();
    }

    @Benchmark
    public long encodeInBlocks() throws IOException {
        return blosc.encodeInBlocks(block.length * 4, 4, (target, from) -> target.order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().put(block, (int) (from / 4), target.capacity() / 4), Blosc.FrameOut.toFrameBuffer());
    }

    @Benchmark
    public float decodeWhole() throws IOException {
        Blosc.nativeFrame(frame.length).put(frame);
        blosc.decodeFrame(frame.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(back);
        return back[back.length - 1];
    }

    @Benchmark
    public float decodeInBlocks() throws IOException {
        Blosc.nativeFrame(frame.length).put(frame);
        try (ChunkBytes chunk = FrameBlocks.of(blosc, frame.length, new FrameBlocks.Expected(block.length * 4L, 4,
                () -> "the benchmark's chunk"), ByteOrder.LITTLE_ENDIAN, true)) {
            for (int row = 0; row < block.length; row += ROW) {   // row by row, as a read copies a chunk
                ByteBuffer window = chunk.cover(row * 4L, (row + ROW) * 4L);
                window.asFloatBuffer().get((int) (row - chunk.base() / 4), back, row, ROW);
            }
        }
        return back[back.length - 1];
    }

    @Benchmark
    public float decodeWholeFromFile() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer into = Blosc.nativeFrame(frame.length);
            while (into.hasRemaining()) {
                channel.read(into);
            }
        }
        blosc.decodeFrame(frame.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(back);
        return back[back.length - 1];
    }

    @Benchmark
    public float decodeInBlocksFromFile() throws IOException {
        try (ChunkBytes chunk = FrameBlocks.open(blosc, FileChannel.open(file, StandardOpenOption.READ),
                new FrameBlocks.Expected(block.length * 4L, 4, () -> "the benchmark's chunk"), ByteOrder.LITTLE_ENDIAN)) {
            for (int row = 0; row < block.length; row += ROW) {
                ByteBuffer window = chunk.cover(row * 4L, (row + ROW) * 4L);
                window.asFloatBuffer().get((int) (row - chunk.base() / 4), back, row, ROW);
            }
        }
        return back[back.length - 1];
    }
}
