package org.lazuli.spark;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.LocalCluster;
import org.lazuli.exec.Scheduler;

/**
 * The same reductions on the local scheduler, on Spark's local mode and on a Spark standalone cluster
 * (one worker, two one-core executor JVMs), all with two cores: the cost per chunk on many small
 * chunks, and the throughput on big ones. Fifteen warm-up runs first; medians of the timed runs.
 *
 * <p>{@code mvn -B -q -f benchmarks exec:java -Dexec.mainClass=org.lazuli.spark.SparkOverhead
 * -Dexec.classpathScope=compile -Dexec.args="5"} (after {@code mvn install -DskipTests}).
 */
public final class SparkOverhead {
    private SparkOverhead() {
    }

    /** A reduction and the number of chunks it reads. */
    private record Workload(String name, ChunkedArray reduction, int chunks, long bytes) {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Workload small = new Workload("random 2000x2000, chunks 50x50, mean",
                ChunkedArray.random(new long[] {2000, 2000}, new long[] {50, 50}, 1L).mean(), 1600, 2000L * 2000 * 8);
        Workload big = new Workload("random 20000x20000, chunks 1000x1000, mean",
                ChunkedArray.random(new long[] {20000, 20000}, new long[] {1000, 1000}, 42L).mean(), 400, 20000L * 20000 * 8);
        Map<String, double[]> results = new LinkedHashMap<>();
        try (LocalCluster local = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start()) {
            results.put("local scheduler (2 threads)", measure(local, rounds, small, big));
        }
        try (SparkCluster spark = SparkCluster.builder().master("local[2]").dashboardAddress("none").start()) {
            results.put("Spark local[2]", measure(spark, rounds, small, big));
        }
        try (SparkStandalone standalone = SparkStandalone.start(2, "4g");
             SparkCluster spark = SparkCluster.builder().master(standalone.masterUrl()).workerCores(1).workerMemory("1g")
                     .dashboardAddress("none").start()) {
            spark.waitForWorkers(2, Duration.ofSeconds(60));
            results.put("Spark standalone (2 executor JVMs x 1 core)", measure(spark, rounds, small, big));
        }
        double[] base = results.values().iterator().next();
        System.out.printf(Locale.ROOT, "%n%-45s %14s %14s %14s %10s%n", "backend", "small: total", "per chunk", "big: total",
                "GB/s");
        results.forEach((name, r) -> System.out.printf(Locale.ROOT, "%-45s %11.3f s %11.1f µs %11.3f s %10.2f   (%.1fx, %.1fx the local time)%n",
                name, r[0], r[0] / small.chunks() * 1e6, r[1], big.bytes() / r[1] / 1e9, r[0] / base[0], r[1] / base[1]));
    }

    /** Spark's code paths (task launch, shuffle, serialization) need this many runs before the JIT has them compiled. */
    private static final int WARM_UP_RUNS = 15;

    /** Median seconds of each workload on one cluster, after warm-up runs. */
    private static double[] measure(Cluster cluster, int rounds, Workload... workloads) {
        double[] medians = new double[workloads.length];
        for (int w = 0; w < workloads.length; w++) {
            Workload workload = workloads[w];
            Scheduler scheduler = cluster.scheduler();
            Function<Scheduler, Double> run = s -> {
                long start = System.nanoTime();
                workload.reduction().compute(s);
                return (System.nanoTime() - start) / 1e9;
            };
            for (int warm = 0; warm < WARM_UP_RUNS; warm++) {
                run.apply(scheduler);
            }
            double[] seconds = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                seconds[r] = run.apply(scheduler);
            }
            Arrays.sort(seconds);
            medians[w] = seconds[rounds / 2];
            System.out.printf(Locale.ROOT, "%s on %s: %.3f s (median of %d)%n", workload.name(),
                    cluster.getClass().getSimpleName(), medians[w], rounds);
        }
        return medians;
    }
}
