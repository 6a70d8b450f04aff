package org.lazuli.io.netcdf;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.lazuli.Lazuli;
import org.lazuli.exec.Schedulers;
import org.lazuli.labelled.Dataset;
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
 * How close the NetCDF-4 reader gets to the limit: the same chunks of the side-by-side NetCDF-4 file
 * (environment variable {@code LAZULI_BENCH_NETCDF4}, made by {@code benchmarks/side-by-side/run.py})
 * held in memory as stored, then only inflated, or inflated and unshuffled into floats, on every core;
 * against the whole read path (open, read every chunk from the file, decode, and the mean).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx2g")
public class Netcdf4ReadLimitBenchmark {
    private Path file;
    private byte[][] stored;
    private int chunkBytes;
    private ForkJoinPool cores;

    @Setup
    public void load() {
        file = Path.of(System.getenv("LAZULI_BENCH_NETCDF4"));
        try (HdfFile hdf = new HdfFile(file)) {
            ChunkedDataset tas = (ChunkedDataset) hdf.getDatasetByPath("/tas");
            int[] chunk = tas.getChunkDimensions();
            chunkBytes = 4 * chunk[0] * chunk[1] * chunk[2];
            int days = tas.getDimensions()[0];
            stored = new byte[days / chunk[0]][];
            for (int i = 0; i < stored.length; i++) {
                ByteBuffer raw = tas.getRawChunkBuffer(new int[] {i * chunk[0], 0, 0});
                stored[i] = new byte[raw.remaining()];
                raw.get(stored[i]);
            }
        }
        cores = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown
    public void stop() {
        cores.shutdown();
    }

    private double decodeAll(boolean unshuffle) throws Exception {
        ThreadLocal<byte[]> bytes = ThreadLocal.withInitial(() -> new byte[chunkBytes]);
        ThreadLocal<float[]> values = ThreadLocal.withInitial(() -> new float[chunkBytes / 4]);
        ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(Inflater::new);
        return cores.submit(() -> IntStream.range(0, stored.length).parallel().mapToDouble(i -> {
            Inflater inflater = inflaters.get();
            inflater.reset();
            inflater.setInput(stored[i]);
            byte[] out = bytes.get();
            try {
                int n = 0;
                while (n < out.length) {
                    n += inflater.inflate(out, n, out.length - n);
                }
            } catch (DataFormatException e) {
                throw new IllegalStateException(e);
            }
            if (!unshuffle) {
                return out[i % out.length];
            }
            float[] v = values.get();
            Shuffle.unshuffleFloats(out, v.length, 0, v.length, v, 0, true);
            return v[i % v.length];
        }).sum()).get();
    }

    @Benchmark
    public double inflate() throws Exception {
        return decodeAll(false);
    }

    @Benchmark
    public double inflateAndUnshuffle() throws Exception {
        return decodeAll(true);
    }

    @Benchmark
    public double readerMean() {
        try (Dataset ds = Lazuli.openDataset(file, Map.of("time", 365))) {
            return ds.get("tas").mean().data().compute(Schedulers.shared()).getDouble();
        }
    }
}
