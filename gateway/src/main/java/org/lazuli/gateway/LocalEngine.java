package org.lazuli.gateway;

import java.util.List;
import java.util.Optional;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.LocalCluster;

/**
 * A {@link LocalCluster} in the cluster's process, its workers thread pools there, with dask's
 * adaptive policy, simply: a worker more while tasks wait, down to the minimum after a quiet spell.
 */
final class LocalEngine implements ClusterEngine {
    private static final long QUIET_MILLIS_BEFORE_SCALING_DOWN = 2000;

    private final LocalCluster cluster;
    private volatile int[] adaptBounds;
    private long idleSinceMillis = -1;

    LocalEngine(ClusterRecord record) {
        this.cluster = LocalCluster.builder().workers(record.workers()).threadsPerWorker(record.workerCores())
                .memoryLimit(record.workerMemory()).dashboardAddress("127.0.0.1:0").start();
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }

    @Override
    public void scale(int workers) {
        adaptBounds = null;
        cluster.scale(workers);
    }

    @Override
    public synchronized void adapt(int minimum, int maximum) {
        adaptBounds = new int[]{minimum, maximum};
        tick(System.currentTimeMillis());
    }

    @Override
    public Optional<List<Integer>> adaptBounds() {
        int[] bounds = adaptBounds;
        return bounds == null ? Optional.empty() : Optional.of(List.of(bounds[0], bounds[1]));
    }

    @Override
    public synchronized void tick(long nowMillis) {
        int[] bounds = adaptBounds;
        if (bounds == null) {
            return;
        }
        int workers = cluster.workers().size();
        int waiting = cluster.tasksWaitingNow();
        int processing = cluster.tasksProcessingNow();
        if (workers < bounds[0]) {
            cluster.scale(bounds[0]);
        } else if (waiting > 0 && workers < bounds[1]) {
            cluster.scale(workers + 1);
            idleSinceMillis = -1;
        } else if (processing == 0 && waiting == 0) {
            if (idleSinceMillis < 0) {
                idleSinceMillis = nowMillis;
            } else if (nowMillis - idleSinceMillis > QUIET_MILLIS_BEFORE_SCALING_DOWN && workers > bounds[0]) {
                cluster.scale(bounds[0]);
            }
        } else {
            idleSinceMillis = -1;
        }
        if (workers > bounds[1]) {
            cluster.scale(bounds[1]);
        }
    }

    @Override
    public int parallelism() {
        return cluster.workers().stream().mapToInt(Cluster.WorkerInfo::threads).sum();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
