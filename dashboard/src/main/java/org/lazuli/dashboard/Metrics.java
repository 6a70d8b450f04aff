package org.lazuli.dashboard;

import java.util.Map;
import org.lazuli.cluster.Cluster;

/** The cluster's state in Prometheus' text format. */
final class Metrics {
    private Metrics() {
    }

    static String prometheus(Cluster cluster, Recorder recorder) {
        StringBuilder text = new StringBuilder();
        text.append("# HELP lazuli_workers Workers in the cluster.\n# TYPE lazuli_workers gauge\n");
        text.append("lazuli_workers ").append(cluster.workers().size()).append('\n');
        text.append("# HELP lazuli_tasks_processing Tasks running now.\n# TYPE lazuli_tasks_processing gauge\n");
        text.append("lazuli_tasks_processing ").append(cluster.tasksProcessingNow()).append('\n');
        text.append("# HELP lazuli_worker_tasks_done_total Tasks each worker finished.\n"
                + "# TYPE lazuli_worker_tasks_done_total counter\n");
        cluster.workers().forEach(w -> text.append("lazuli_worker_tasks_done_total{worker=\"").append(w.name())
                .append("\"} ").append(w.done()).append('\n'));
        text.append("# HELP lazuli_worker_memory_bytes Bytes of results held in memory.\n"
                + "# TYPE lazuli_worker_memory_bytes gauge\n");
        cluster.workers().forEach(w -> text.append("lazuli_worker_memory_bytes{worker=\"").append(w.name()).append("\"} ")
                .append(w.memoryInUse()).append('\n'));
        text.append("# HELP lazuli_worker_memory_limit_bytes Memory limit per worker.\n"
                + "# TYPE lazuli_worker_memory_limit_bytes gauge\n");
        cluster.workers().forEach(w -> text.append("lazuli_worker_memory_limit_bytes{worker=\"").append(w.name())
                .append("\"} ").append(w.memoryLimit()).append('\n'));
        text.append("# HELP lazuli_worker_spilled_bytes Bytes of results spilled to disk.\n"
                + "# TYPE lazuli_worker_spilled_bytes gauge\n");
        cluster.workers().forEach(w -> text.append("lazuli_worker_spilled_bytes{worker=\"").append(w.name())
                .append("\"} ").append(w.spilledBytes()).append('\n'));
        text.append("# HELP lazuli_prefix_tasks Tasks per key prefix seen by the dashboard, by state.\n"
                + "# TYPE lazuli_prefix_tasks gauge\n");
        for (Map.Entry<String, long[]> e : recorder.progress().entrySet()) {
            long[] c = e.getValue();
            String prefix = e.getKey().replace("\"", "'");
            text.append("lazuli_prefix_tasks{prefix=\"").append(prefix).append("\",state=\"total\"} ").append(c[0]).append('\n');
            text.append("lazuli_prefix_tasks{prefix=\"").append(prefix).append("\",state=\"done\"} ").append(c[1]).append('\n');
            text.append("lazuli_prefix_tasks{prefix=\"").append(prefix).append("\",state=\"erred\"} ").append(c[2]).append('\n');
        }
        return text.toString();
    }
}
