package org.lazuli.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.lazuli.text.ByteSizes;

/**
 * What a new cluster gets (dask-gateway's cluster options), with the ranges the gateway allows.
 * Immutable: each setter returns a copy. Start from {@link Gateway#clusterOptions()}, which carries the
 * gateway's defaults and limits; the gateway checks every value again when the cluster is asked for,
 * and refuses one out of range with the range.
 *
 * <pre>{@code
 * ClusterOptions options = gw.clusterOptions().workers(2).workerCores(1).workerMemory("1GB");
 * }</pre>
 */
public final class ClusterOptions {
    private final int workers;
    private final int workerCores;
    private final String workerMemory;
    private final Duration idleTimeout;
    private final Limits limits;

    /**
     * What the gateway allows each cluster of a user.
     *
     * @param maxWorkers         workers per cluster (also the ceiling of {@code scale} and {@code adapt})
     * @param maxWorkerCores     threads per worker
     * @param minWorkerMemory    bytes per worker, at least
     * @param maxWorkerMemory    bytes per worker, at most
     * @param maxClustersPerUser clusters a user may run at once
     */
    public record Limits(int maxWorkers, int maxWorkerCores, long minWorkerMemory, long maxWorkerMemory,
                         int maxClustersPerUser) {
    }

    ClusterOptions(int workers, int workerCores, String workerMemory, Duration idleTimeout, Limits limits) {
        this.workers = workers;
        this.workerCores = workerCores;
        this.workerMemory = workerMemory;
        this.idleTimeout = idleTimeout == null ? Duration.ZERO : idleTimeout;
        this.limits = limits;
    }

    /** Workers to start with. */
    public ClusterOptions workers(int n) {
        return new ClusterOptions(n, workerCores, workerMemory, idleTimeout, limits);
    }

    /** Threads of each worker. */
    public ClusterOptions workerCores(int n) {
        return new ClusterOptions(workers, n, workerMemory, idleTimeout, limits);
    }

    /** Memory of each worker: "1GB", "512MiB", "2 GiB" … */
    public ClusterOptions workerMemory(String memory) {
        return new ClusterOptions(workers, workerCores, memory, idleTimeout, limits);
    }

    /** Stops the cluster after this long without a connected client; zero (the default) never. */
    public ClusterOptions idleTimeout(Duration timeout) {
        return new ClusterOptions(workers, workerCores, workerMemory, timeout, limits);
    }

    public int workers() {
        return workers;
    }

    public int workerCores() {
        return workerCores;
    }

    public String workerMemory() {
        return workerMemory;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The gateway's limits, as it said when these options were fetched. */
    public Limits limits() {
        return limits;
    }

    /** Every value outside {@code limits}, each with its allowed range; empty when all are fine. */
    List<String> problems(Limits allowed) {
        List<String> problems = new ArrayList<>();
        if (workers < 1 || workers > allowed.maxWorkers()) {
            problems.add("workers=" + workers + " is outside the allowed range 1.." + allowed.maxWorkers());
        }
        if (workerCores < 1 || workerCores > allowed.maxWorkerCores()) {
            problems.add("workerCores=" + workerCores + " is outside the allowed range 1.." + allowed.maxWorkerCores());
        }
        try {
            long bytes = workerMemoryBytes();
            if (bytes < allowed.minWorkerMemory() || bytes > allowed.maxWorkerMemory()) {
                problems.add("workerMemory=" + workerMemory + " is outside the allowed range "
                        + ByteSizes.formatAsWritten(allowed.minWorkerMemory()) + ".."
                        + ByteSizes.formatAsWritten(allowed.maxWorkerMemory()));
            }
        } catch (RuntimeException e) {
            problems.add("workerMemory=\"" + workerMemory + "\" is not a size such as \"1GB\" or \"512MiB\": " + e.getMessage());
        }
        if (idleTimeout.isNegative()) {
            problems.add("idleTimeout=" + idleTimeout + " is negative; zero means never");
        }
        return problems;
    }

    long workerMemoryBytes() {
        if (workerMemory == null) {
            throw new IllegalArgumentException("no size given");
        }
        return ByteSizes.parse(workerMemory);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workers", workers);
        json.put("workerCores", workerCores);
        json.put("workerMemory", workerMemory);
        json.put("idleTimeoutSeconds", idleTimeout.toSeconds());
        return json;
    }

    static ClusterOptions fromJson(Map<String, Object> json, Limits limits) {
        return new ClusterOptions(((Number) json.get("workers")).intValue(), ((Number) json.get("workerCores")).intValue(),
                (String) json.get("workerMemory"), Duration.ofSeconds(((Number) json.getOrDefault("idleTimeoutSeconds", 0)).longValue()),
                limits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterOptions other && workers == other.workers && workerCores == other.workerCores
                && Objects.equals(workerMemory, other.workerMemory) && idleTimeout.equals(other.idleTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, workerCores, workerMemory, idleTimeout);
    }

    @Override
    public String toString() {
        if (limits == null) {
            return String.format(Locale.ROOT, "ClusterOptions(workers=%d, workerCores=%d, workerMemory=%s, idleTimeout=%s)",
                    workers, workerCores, workerMemory, idleTimeout.isZero() ? "none" : idleTimeout);
        }
        return String.format(Locale.ROOT, "ClusterOptions(workers=%d [1..%d], workerCores=%d [1..%d], workerMemory=%s [%s..%s],"
                        + " idleTimeout=%s)", workers, limits.maxWorkers(), workerCores, limits.maxWorkerCores(), workerMemory,
                ByteSizes.formatAsWritten(limits.minWorkerMemory()), ByteSizes.formatAsWritten(limits.maxWorkerMemory()),
                idleTimeout.isZero() ? "none" : idleTimeout);
    }
}
