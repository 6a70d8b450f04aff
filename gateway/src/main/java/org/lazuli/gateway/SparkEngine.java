package org.lazuli.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lazuli.cluster.Cluster;
import org.lazuli.spark.SparkCluster;

/**
 * A Spark application whose driver is the cluster's process: the cluster manager starts its
 * executors, Spark reruns the tasks of an executor that dies, and {@code adapt} asks the manager for
 * executors with the load ({@link SparkCluster#adapt}). Code clients ship reaches the executors
 * through {@code SparkContext.addJar}.
 */
final class SparkEngine implements ClusterEngine {
    private final SparkCluster spark;
    private final int workersAskedFor;
    private final int coresPerWorker;
    private final Set<Path> added = ConcurrentHashMap.newKeySet();
    private volatile List<Integer> adaptBounds;

    SparkEngine(ClusterRecord record, Backend backend) {
        this.workersAskedFor = record.workers();
        this.coresPerWorker = record.workerCores();
        SparkCluster.Builder builder = SparkCluster.builder().master(backend.value()).appName("lazuli-gateway-" + record.name())
                .workerCores(record.workerCores()).workerMemory(sparkSize(record.workerMemory()))
                .dashboardAddress("127.0.0.1:0");
        if (record.workers() > 0) {
            builder.workers(record.workers());
        }
        if (record.maxWorkers() > 0) {
            builder.maxWorkers(Math.max(record.maxWorkers(), record.workers()));   // room for scale and adapt
        }
        this.spark = builder.start();
    }

    /** Spark's size notation, in whole MiB (it takes no decimal units). */
    static String sparkSize(long bytes) {
        return Math.max(1, bytes >> 20) + "m";
    }

    @Override
    public Cluster cluster() {
        return spark;
    }

    @Override
    public void scale(int workers) {
        adaptBounds = null;
        spark.scale(workers);
    }

    @Override
    public void adapt(int minimum, int maximum) {
        spark.adapt(minimum, maximum);
        adaptBounds = List.of(minimum, maximum);
    }

    @Override
    public Optional<List<Integer>> adaptBounds() {
        return Optional.ofNullable(adaptBounds);
    }

    @Override
    public void shipped(List<Path> jars) {
        for (Path jar : jars) {
            if (added.add(jar)) {
                spark.sparkContext().addJar(jar.toString());   // executors fetch it before their next task
            }
        }
    }

    /** A Spark context stops on its own when its master removes the application or dies. */
    @Override
    public Optional<String> ended() {
        return spark.sparkContext().sc().isStopped()
                ? Optional.of("its Spark application " + spark.applicationId() + " has ended") : Optional.empty();
    }

    @Override
    public int parallelism() {
        int joined = spark.workers().stream().mapToInt(Cluster.WorkerInfo::threads).sum();
        return Math.max(joined, Math.max(1, workersAskedFor) * coresPerWorker);
    }

    @Override
    public void close() {
        spark.close();
    }
}
