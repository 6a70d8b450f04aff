package org.lazuli.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.cluster.Cluster.WorkerInfo;

/**
 * Each worker's CPU use over the latest interval of at least {@code minNanos}, in % of one core (as
 * top shows it: 200 % is two busy cores), from the cumulative CPU time workers report. Shared by all
 * pages, so several browsers see the same figures. Thread-safe.
 */
final class CpuUse {
    private final long minNanos;
    private Map<String, Long> lastCpu = Map.of();
    private long lastNanos;
    private Map<String, Double> percent = Map.of();

    CpuUse(long minNanos) {
        this.minNanos = minNanos;
    }

    /** The use per worker name; workers that do not report CPU time, or were first seen just now, are absent. */
    synchronized Map<String, Double> update(List<WorkerInfo> workers, long nowNanos) {
        if (nowNanos - lastNanos < minNanos && !lastCpu.isEmpty()) {
            return percent;
        }
        Map<String, Long> cpu = new HashMap<>();
        Map<String, Double> use = new HashMap<>();
        for (WorkerInfo w : workers) {
            if (w.cpuNanos() < 0) {
                continue;
            }
            cpu.put(w.name(), w.cpuNanos());
            Long before = lastCpu.get(w.name());
            if (before != null) {
                double busy = Math.max(0, 100.0 * (w.cpuNanos() - before) / (nowNanos - lastNanos));
                use.put(w.name(), Math.round(busy * 10) / 10.0);   // steady figures: an idle page is not redrawn
            }
        }
        lastCpu = cpu;
        lastNanos = nowNanos;
        percent = Map.copyOf(use);
        return percent;
    }
}
