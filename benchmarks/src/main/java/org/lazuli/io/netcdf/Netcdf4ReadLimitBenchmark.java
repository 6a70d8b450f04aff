package org.lazuli.io.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import org.lazuli.Lazuli;
import org.lazuli.exec.Schedulers;
import org.lazuli.labelled.Dataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How close the NetCDF-4 reader gets to the limit: every stored chunk of a side-by-side NetCDF-4 file
 * (made by {@code benchmarks/side-by-side/run.py}: {@code nc4} is {@code LAZULI_BENCH_NETCDF4}, chunks
 * (1, 180, 360) with deflate 1 + shuffle; {@code nc4b} is {@code LAZULI_BENCH_NETCDF4_BLOCKS}, chunks
 * (73, 90, 180) with deflate 4) held in memory as stored, then only inflated, or inflated and decoded
 * into floats (unshuffled where the file is shuffled), on every core, with the reader's own inflater
 * (libdeflate where installed); against the whole read path (open, read every chunk from the file,
 * decode, and the mean).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class Netcdf4ReadLimitBenchmark {
    @Param({"nc4", "nc4b"})
    public String layout;

    private Path file;
    private byte[][] stored;
    private int chunkBytes;
    private boolean shuffled;
    private ForkJoinPool cores;

    @Setup
    public void load() {
        file = Path.of(System.getenv(layout.equals("nc4") ? "LAZULI_BENCH_NETCDF4" : "LAZULI_BENCH_NETCDF4_BLOCKS"));
        try (HdfFile hdf = new HdfFile(file)) {
            ChunkedDataset tas = (ChunkedDataset) hdf.getDatasetByPath("/tas");
            int[] chunk = tas.getChunkDimensions();
            int[] shape = tas.getDimensions();
            chunkBytes = 4 * chunk[0] * chunk[1] * chunk[2];
            shuffled = tas.getFilters().stream().anyMatch(f -> f.getName().equalsIgnoreCase("shuffle"));
            List<byte[]> chunks = new ArrayList<>();
            for (int t = 0; t < shape[0]; t += chunk[0]) {
                for (int y = 0; y < shape[1]; y += chunk[1]) {
                    for (int x = 0; x < shape[2]; x += chunk[2]) {
                        ByteBuffer raw = tas.getRawChunkBuffer(new int[] {t, y, x});
                        byte[] bytes = new byte[raw.remaining()];
                        raw.get(bytes);
                        chunks.add(bytes);
                    }
                }
            }
            stored = chunks.toArray(new byte[0][]);
        }
        cores = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown
    public void stop() {
        cores.shutdown();
    }

    private double decodeAll(boolean decode) throws Exception {
        ThreadLocal<byte[]> bytes = ThreadLocal.withInitial(() -> new byte[chunkBytes]);
        ThreadLocal<float[]> values = ThreadLocal.withInitial(() -> new float[chunkBytes / 4]);
        return cores.submit(() -> IntStream.range(0, stored.length).parallel().mapToDouble(i -> {
            byte[] out = bytes.get();
            try {
                Zlib.inflate(stored[i], stored[i].length, out, out.length);
            } catch (DataFormatException e) {
                throw new IllegalStateException(e);
            }
            if (!decode) {
                return out[i % out.length];
            }
            float[] v = values.get();
            if (shuffled) {
                Shuffle.unshuffleFloats(out, v.length, 0, v.length, v, 0, true);
            } else {
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            }
            return v[i % v.length];
        }).sum()).get();
    }

    @Benchmark
    public double inflate() throws Exception {
        return decodeAll(false);
    }

    @Benchmark
    public double inflateAndDecode() throws Exception {
        return decodeAll(true);
    }

    @Benchmark
    public double readerMean() {
        try (Dataset ds = Lazuli.openDataset(file, Map.of("time", 365))) {
            return ds.get("tas").mean().data().compute(Schedulers.shared()).getDouble();
        }
    }
}
