package org.lazuli.dashboard;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.Cluster.WorkerInfo;

/** The cluster's state in Prometheus' text format. */
final class Metrics {
    private static final String[] PREFIX_STATES = {"total", "done", "erred", "in_memory"};

    private Metrics() {
    }

    static String prometheus(Cluster cluster, Recorder recorder) {
        StringBuilder text = new StringBuilder();
        List<WorkerInfo> workers = cluster.workers();
        header(text, "lazuli_workers", "Workers in the cluster.", "gauge");
        text.append("lazuli_workers ").append(workers.size()).append('\n');
        header(text, "lazuli_tasks_processing", "Tasks running now.", "gauge");
        text.append("lazuli_tasks_processing ").append(cluster.tasksProcessingNow()).append('\n');
        perWorker(text, workers, "lazuli_worker_tasks_done_total", "Tasks each worker finished.", "counter",
                WorkerInfo::done);
        perWorker(text, workers, "lazuli_worker_memory_bytes", "Bytes of results held in memory.", "gauge",
                WorkerInfo::memoryInUse);
        perWorker(text, workers, "lazuli_worker_memory_limit_bytes", "Memory limit per worker.", "gauge",
                WorkerInfo::memoryLimit);
        perWorker(text, workers, "lazuli_worker_spilled_bytes", "Bytes of results spilled to disk.", "gauge",
                WorkerInfo::spilledBytes);
        header(text, "lazuli_worker_cpu_seconds_total", "CPU time used by each worker's threads.", "counter");
        for (WorkerInfo w : workers) {
            if (w.cpuNanos() >= 0) {
                text.append("lazuli_worker_cpu_seconds_total{worker=\"").append(label(w.name())).append("\"} ")
                        .append(w.cpuNanos() / 1e9).append('\n');
            }
        }
        header(text, "lazuli_prefix_tasks", "Tasks per key prefix seen by the dashboard, by state.", "gauge");
        for (Map.Entry<String, long[]> e : recorder.progress(cluster.heldByPrefix()).entrySet()) {
            for (int state = 0; state < PREFIX_STATES.length; state++) {
                text.append("lazuli_prefix_tasks{prefix=\"").append(label(e.getKey())).append("\",state=\"")
                        .append(PREFIX_STATES[state]).append("\"} ").append(e.getValue()[state]).append('\n');
            }
        }
        return text.toString();
    }

    private static void header(StringBuilder text, String name, String help, String type) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void perWorker(StringBuilder text, List<WorkerInfo> workers, String name, String help, String type,
                                  ToLongFunction<WorkerInfo> value) {
        header(text, name, help, type);
        for (WorkerInfo w : workers) {
            text.append(name).append("{worker=\"").append(label(w.name())).append("\"} ")
                    .append(value.applyAsLong(w)).append('\n');
        }
    }

    /** A label value in the exposition format: backslash, double quote and line feed escaped. */
    private static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
