package org.lazuli.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.lazuli.Lazuli;
import org.lazuli.MultiFileOptions;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.LocalCluster;
import org.lazuli.exec.Schedulers;
import org.lazuli.exec.ThreadedScheduler;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.SelectMethod;
import org.lazuli.labelled.Variable;
import org.lazuli.nd4j.Nd4jArrays;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

/**
 * The Java half of the side-by-side harness ({@code benchmarks/side-by-side/run.py}): runs one
 * workload a few times and prints the best wall time in seconds and the task count as
 * {@code name seconds tasks}. The same workloads are timed on dask by the Python half in the same run.
 */
public final class SideBySide {
    private SideBySide() {
    }

    @SuppressWarnings("try")   // the scheduler installation is a resource held for its scope, never read
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SideBySide random-mean|random-mean-40k|random-plus-ones-sum|tiny-tasks [repeats]");
            System.exit(2);
        }
        String workload = args[0];
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (workload.startsWith("nc4")) {
            netcdf4(workload, repeats);
            return;
        }
        if (workload.equals("zarr-write-climatology")) {
            zarr(workload, repeats);
            return;
        }
        if (workload.equals("netcdf-year-mean") || workload.equals("mfdataset-year-mean")) {
            netcdf(workload, repeats);
            return;
        }
        if (workload.equals("futures-map") || workload.equals("submit-roundtrip")) {
            futures(workload, repeats);
            return;
        }
        if (workload.equals("matmul-single")) {
            singleMatmul(repeats);
            return;
        }
        try (ThreadedScheduler scheduler = ThreadedScheduler.create();
             Schedulers.Installation ignored = Schedulers.use(scheduler)) {
            double best = Double.MAX_VALUE;
            ChunkedArray graph = null;
            for (int r = 0; r < repeats + 1; r++) {   // the first run warms the JIT up and is not counted
                graph = workload(workload);
                long start = System.nanoTime();
                double value = graph.compute(scheduler).getDouble();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r > 0) {
                    best = Math.min(best, seconds);
                }
                if (Double.isNaN(value)) {
                    throw new IllegalStateException("NaN result");
                }
            }
            System.out.printf(Locale.ROOT, "%s %.4f %d%n", workload, best, graph.taskCount());
        }
    }

    static int inc(int x) {
        return x + 1;
    }

    /** client.map of 10,000 small functions, or 1,000 sequential submit + result round trips, on 2 workers x 1 thread. */
    private static void futures(String workload, int repeats) {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            double best = Double.MAX_VALUE;
            int tasks = workload.equals("futures-map") ? 10_000 : 1_000;
            List<Integer> inputs = IntStream.range(0, tasks).boxed().toList();
            for (int r = 0; r < repeats + 2; r++) {
                long start = System.nanoTime();
                if (workload.equals("futures-map")) {
                    List<Integer> out = client.gather(client.map(v -> inc(v), inputs));
                    if (out.get(tasks - 1) != tasks) {
                        throw new IllegalStateException("wrong result");
                    }
                } else {
                    for (int i = 0; i < tasks; i++) {
                        int v = i;
                        if (client.submit(() -> inc(v)).result() != v + 1) {
                            throw new IllegalStateException("wrong result");
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r > 1) {
                    best = Math.min(best, seconds);
                }
            }
            System.out.printf(Locale.ROOT, "%s %.4f %d%n", workload, best, tasks);
        }
    }

    /**
     * Writes the 20-year NetCDF file to Zarr (the defaults: blosc lz4, the blocks' chunks), then a monthly
     * climatology from the store, timed from the open to the result.
     */
    private static void zarr(String workload, int repeats) {
        Path store = Path.of(System.getenv("LAZULI_BENCH_ZARR_OUT"));
        printBest(workload, repeats, () -> {
            try (Dataset ds = Lazuli.openDataset(Path.of(System.getenv("LAZULI_BENCH_NETCDF")), Map.of("time", 73))) {
                ds.toZarr(store, WriteOptions.defaults().withMode("w"));
            }
            try (Dataset z = Lazuli.openZarr(store)) {
                DataArray result = z.get("tas").groupBy("time.month").mean("time");
                if (Double.isNaN(result.values().toDoubleArray()[0])) {
                    throw new IllegalStateException("NaN result");
                }
                return result.data().taskCount();
            }
        });
        deleteTree(store);
    }

    /**
     * Runs {@code workload} {@code repeats + 1} times (the first warms the JIT and is not counted) and prints
     * {@code name best-seconds tasks}; each run returns its task count.
     */
    private static void printBest(String workload, int repeats, IntSupplier run) {
        double best = Double.MAX_VALUE;
        int tasks = 0;
        for (int r = 0; r < repeats + 1; r++) {
            long start = System.nanoTime();
            tasks = run.getAsInt();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r > 0) {
                best = Math.min(best, seconds);
            }
        }
        System.out.printf(Locale.ROOT, "%s %.4f %d%n", workload, best, tasks);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The NetCDF-4 workloads, timed from the open to the result, in chunks of 365 days as xarray is given. */
    private static void netcdf4(String workload, int repeats) {
        String file = System.getenv(workload.startsWith("nc4b-") ? "LAZULI_BENCH_NETCDF4_BLOCKS" : "LAZULI_BENCH_NETCDF4");
        printBest(workload, repeats, () -> {
            try (Dataset ds = Lazuli.openDataset(Path.of(file), Map.of("time", 365))) {
                DataArray tas = ds.get("tas");
                DataArray result = switch (workload.substring(workload.indexOf('-') + 1)) {
                    case "mean" -> tas.mean();
                    case "climatology" -> tas.groupBy("time.month").mean("time");
                    case "year" -> tas.sel("time", "2005").mean("time");
                    case "point" -> tas.sel("lat", 45.2, SelectMethod.NEAREST)
                            .sel("lon", 10.3, SelectMethod.NEAREST).mean();
                    default -> throw new IllegalArgumentException("unknown workload " + workload);
                };
                if (Double.isNaN(result.values().toDoubleArray()[0])) {
                    throw new IllegalStateException("NaN result");
                }
                return result.data().taskCount();
            }
        });
    }

    /** Opening, selecting a year and averaging over time, timed from the open to the result. */
    private static void netcdf(String workload, int repeats) {
        printBest(workload, repeats, () -> {
            try (Dataset ds = workload.equals("netcdf-year-mean")
                    ? Lazuli.openDataset(Path.of(System.getenv("LAZULI_BENCH_NETCDF")), Map.of("time", 365))
                    : Lazuli.openMfDataset(System.getenv("LAZULI_BENCH_MFDATASET"),
                    MultiFileOptions.defaults().withConcatDim("time").withOpen(
                            OpenOptions.defaults().withChunks(Map.of("time", 73))))) {
                DataArray year = ds.get("tas").sel("time", "2005").mean("time");
                if (Double.isNaN(year.values().getDouble(90, 180))) {
                    throw new IllegalStateException("NaN result");
                }
                return year.data().taskCount();
            }
        });
    }

    /**
     * Monthly climatology and anomalies of a 100-year monthly 1-degree field (1200 x 180 x 360, one
     * year per chunk), reduced to the anomalies' standard deviation over time.
     */
    static final long MATMUL_SIZE = 8000;
    static final long MATMUL_CHUNK = 2000;

    /** One in-memory product of two random 8000 x 8000 matrices: the system's OpenBLAS on every core, as NumPy's. */
    private static void singleMatmul(int repeats) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats + 1; r++) {
            DenseArray a = ChunkedArray.random(new long[] {MATMUL_SIZE, MATMUL_SIZE}, new long[] {MATMUL_SIZE, MATMUL_SIZE}, 1L)
                    .compute();
            DenseArray b = ChunkedArray.random(new long[] {MATMUL_SIZE, MATMUL_SIZE}, new long[] {MATMUL_SIZE, MATMUL_SIZE}, 2L)
                    .compute();
            long start = System.nanoTime();
            DenseArray product = Nd4jArrays.matmul(a, b);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (Double.isNaN(product.getDouble(0, 0))) {
                throw new IllegalStateException("NaN result");
            }
            if (r > 0) {
                best = Math.min(best, seconds);
            }
        }
        System.out.printf(Locale.ROOT, "%s %.4f %d%n", "matmul-single", best, 1);
    }

    static ChunkedArray climatologyAnomaly() {
        List<Object> dates = new ArrayList<>();
        for (int m = 0; m < 1200; m++) {
            dates.add(CalendarDate.of(Calendar.STANDARD, 1901 + m / 12, m % 12 + 1, 1));
        }
        ChunkedArray field = ChunkedArray.random(new long[] {1200, 180, 360}, new long[] {12, 180, 360}, 42L);
        DataArray data = DataArray.of(Variable.lazy(List.of("time", "lat", "lon"), field, Map.of()),
                Map.of("time", Variable.labels("time", dates, Map.of())), "tas");
        DataArray climatology = data.groupBy("time.month").mean("time");
        return data.groupBy("time.month").subtract(climatology).std("time").data().sum();
    }

    static ChunkedArray workload(String name) {
        return switch (name) {
            case "random-mean" -> ChunkedArray.random(new long[] {20000, 20000}, new long[] {1000, 1000}, 42L).mean();
            case "random-mean-40k" -> ChunkedArray.random(new long[] {40000, 40000}, new long[] {1000, 1000}, 42L).mean();
            case "random-plus-ones-sum" -> ChunkedArray.random(new long[] {10000, 10000}, new long[] {1000, 1000}, 42L)
                    .add(ChunkedArray.ones(new long[] {10000, 10000}, new long[] {1000, 1000})).sum();
            case "tiny-tasks" -> ChunkedArray.ones(new long[] {100000}, new long[] {10}).sum();
            case "climatology-anomaly" -> climatologyAnomaly();
            case "matmul" -> Nd4jArrays.matmul(
                    ChunkedArray.random(new long[] {MATMUL_SIZE, MATMUL_SIZE}, new long[] {MATMUL_CHUNK, MATMUL_CHUNK}, 1L),
                    ChunkedArray.random(new long[] {MATMUL_SIZE, MATMUL_SIZE}, new long[] {MATMUL_CHUNK, MATMUL_CHUNK}, 2L))
                    .sum();
            default -> throw new IllegalArgumentException("Unknown workload '" + name
                    + "'; use random-mean, random-mean-40k, random-plus-ones-sum, tiny-tasks or climatology-anomaly");
        };
    }
}
