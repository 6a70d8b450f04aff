package org.lazuli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.cluster.SchedulerEvent;
import org.lazuli.graph.TaskKey;

/**
 * What the dashboard shows, kept from the cluster's events: recent task bars, progress per task
 * prefix, and the latest computation's graph with each task's state. Bounded whatever the graph's
 * size. Thread-safe.
 */
final class Recorder {
    static final int MAX_BARS = 4000;

    /** One finished (or failed) task: a bar of the task stream. */
    record Bar(long id, String prefix, String key, String worker, String thread, long startNanos, long stopNanos,
               boolean failed) {
    }

    /** Tasks of one prefix. */
    static final class Progress {
        long total;
        long done;
        long erred;
    }

    private final ArrayList<Bar> bars = new ArrayList<>();
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private SchedulerEvent.Submitted graph;
    private final Map<TaskKey, String> states = new LinkedHashMap<>();
    private long nextBar;
    private long spilledBytes;

    synchronized void accept(SchedulerEvent e) {
        switch (e.type()) {
            case SUBMITTED -> {
                if (e.submitted() != null) {
                    e.submitted().tasksByPrefix().forEach((prefix, n) ->
                            progress.computeIfAbsent(prefix, p -> new Progress()).total += n);
                    graph = e.submitted();
                    states.clear();
                }
            }
            case FINISHED, FAILED -> {
                boolean failed = e.type() == SchedulerEvent.Type.FAILED;
                String prefix = e.key().prefix();
                Progress p = progress.computeIfAbsent(prefix, x -> new Progress());
                if (failed) {
                    p.erred++;
                } else {
                    p.done++;
                }
                bars.add(new Bar(nextBar++, prefix, e.key().toString(), e.worker(), e.thread(), e.startNanos(),
                        e.stopNanos(), failed));
                if (bars.size() > MAX_BARS) {
                    bars.subList(0, bars.size() - MAX_BARS).clear();
                }
                if (graph != null && !graph.keys().isEmpty()) {
                    states.put(e.key(), failed ? "erred" : "done");
                }
            }
            case SPILLED -> spilledBytes += e.bytes();
            default -> {
            }
        }
    }

    /** Bars with an id greater than {@code after}. */
    synchronized List<Bar> barsAfter(long after) {
        List<Bar> out = new ArrayList<>();
        for (int i = bars.size() - 1; i >= 0 && bars.get(i).id() > after; i--) {
            out.add(bars.get(i));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized Map<String, long[]> progress() {
        Map<String, long[]> out = new LinkedHashMap<>();
        progress.forEach((prefix, p) -> out.put(prefix, new long[] {p.total, p.done, p.erred}));
        return out;
    }

    synchronized long spilledBytes() {
        return spilledBytes;
    }

    /** The latest computation's graph: every task when small, else one node per prefix. */
    synchronized Map<String, Object> graph() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        if (graph == null) {
            out.put("nodes", nodes);
            out.put("edges", edges);
            out.put("aggregated", false);
            return out;
        }
        boolean aggregated = graph.keys().isEmpty();
        if (!aggregated) {
            graph.keys().forEach((key, deps) -> {
                String label = key.prefix() + " " + java.util.Arrays.toString(key.index());
                nodes.add(Map.of("id", key.toString(), "label", label, "prefix", key.prefix(),
                        "state", states.getOrDefault(key, "waiting")));
                for (TaskKey dep : deps) {
                    edges.add(Map.of("from", dep.toString(), "to", key.toString()));
                }
            });
        } else {
            graph.tasksByPrefix().forEach((prefix, n) -> {
                Progress p = progress.get(prefix);
                String state = p != null && p.erred > 0 ? "erred" : p != null && p.done >= p.total ? "done" : "waiting";
                nodes.add(Map.of("id", prefix, "label", prefix + " (" + n + ")", "prefix", prefix, "state", state));
            });
            graph.prefixEdges().forEach((edge, n) -> {
                String[] ends = edge.split(" -> ");
                if (!ends[0].equals(ends[1])) {
                    edges.add(Map.of("from", ends[0], "to", ends[1], "count", n));
                }
            });
        }
        out.put("nodes", nodes);
        out.put("edges", edges);
        out.put("aggregated", aggregated);
        return out;
    }
}
