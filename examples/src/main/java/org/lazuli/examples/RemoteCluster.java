package org.lazuli.examples;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;
import org.lazuli.spark.SparkCluster;
import org.lazuli.spark.SparkStandalone;

/**
 * Outgrowing one machine (the tutorial's last section): the same code on a Spark cluster. The
 * tutorial starts a standalone master and worker on loopback from the Spark jars it runs with; on a real
 * cluster pass its master URL instead ({@code spark://host:7077}, {@code yarn}, {@code k8s://…}).
 */
public final class RemoteCluster {
    private RemoteCluster() {
    }

    /** Starts a standalone cluster from the Spark jars on this class path, runs the section on it and stops it. */
    public static Results runOnStandalone(long[] shape) {
        try (SparkStandalone standalone = SparkStandalone.start(2, "2g")) {
            System.out.println("standalone master " + standalone.masterUrl() + " (one worker, 2 cores)");
            return run(standalone.masterUrl(), shape);
        }
    }

    /** What the section computed, for checking against a local run. */
    public record Results(double mean, double[] climatologyPoint, List<Integer> squares) {
    }

    public static Results run(String master, long[] shape) {
        try (SparkCluster spark = SparkCluster.builder().master(master).workerCores(1).workerMemory("1g").start();
             Client client = Client.connect(spark)) {
            spark.adapt(1, 2);                                   // one executor when idle, two under load
            spark.waitForWorkers(1, Duration.ofSeconds(60));
            System.out.println(client);
            System.out.println("Spark UI: " + spark.sparkUiLink().map(Object::toString).orElse("off"));

            long start = System.nanoTime();
            double mean = ChunkedArray.random(shape, new long[] {1000, 1000}, 42L).mean().compute().getDouble();
            System.out.printf("random %s mean = %.6f on Spark (%.2f s)%n", Arrays.toString(shape), mean,
                    ChunkedArrays.seconds(start));

            double[] point;
            try (Dataset winds = Lazuli.openDataset(ExampleData.winds().toAbsolutePath(), Map.of("TIME", 12))) {
                DataArray u = winds.get("UWND").sel("TIME", Slice.of("1984-10", "1990-04"));
                DataArray climatology = u.groupBy("TIME.month").mean("TIME");   // read on the executors
                point = climatology.isel("FNOCY", 36).isel("FNOCX", 72).values().toDoubleArray();
                System.out.println("monthly climatology of UWND at one point: " + Arrays.toString(point));
            }

            List<Integer> squares = client.gather(client.map(v -> v * v, List.of(1, 2, 3, 4)));
            System.out.println("futures on the executors: " + squares);
            System.out.println(spark);
            return new Results(mean, point, squares);
        }
    }
}
