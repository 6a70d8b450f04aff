package org.lazuli.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
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
    record Bar(long id, String prefix, TaskKey key, String worker, String thread, long startNanos, long stopNanos,
               boolean failed) {
    }

    /** Tasks of one prefix. */
    static final class Progress {
        long total;
        long done;
        long erred;
    }

    private final ArrayDeque<Bar> bars = new ArrayDeque<>();
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private SchedulerEvent.GraphShape graph;
    private final Map<TaskKey, String> states = new LinkedHashMap<>();
    private long nextBar;
    private String lastPrefix;
    private Progress lastProgress;
    private long spilledBytes;

    private final ConcurrentLinkedQueue<SchedulerEvent> pending =
            new ConcurrentLinkedQueue<>();
    private final LongAdder pendingCount = new LongAdder();

    /**
     * Called on the workers' threads for every event: only queues it (lock-free), so recording never
     * makes workers wait for each other or for the dashboard; the readers fold the queue in.
     */
    void accept(SchedulerEvent e) {
        pending.add(e);
        pendingCount.increment();   // a LongAdder: the workers do not contend on one counter
        // the dashboard's thread folds the queue every fraction of a second; a check here, about one event in
        // 4096 (by the clock's low bits), keeps it bounded should that thread ever fall behind
        if ((e.nanos() & 0xFFF) == 0 && pendingCount.sum() > 200_000) {
            drain();
        }
    }

    /** How many events wait to be folded in. */
    int pending() {
        return (int) pendingCount.sum();
    }

    /** Folds queued events into the recorded state. */
    synchronized void drain() {
        for (SchedulerEvent e = pending.poll(); e != null; e = pending.poll()) {
            pendingCount.decrement();
            fold(e);
        }
    }

    private void fold(SchedulerEvent e) {
        if (e instanceof SchedulerEvent.Submitted submitted) {
            submitted.graph().tasksByPrefix().forEach((prefix, n) ->
                    progress.computeIfAbsent(prefix, p -> new Progress()).total += n);
            graph = submitted.graph();
            states.clear();
            lastPrefix = null;
        } else if (e instanceof SchedulerEvent.TaskFinished || e instanceof SchedulerEvent.TaskFailed) {
            SchedulerEvent.OnThread task = (SchedulerEvent.OnThread) e;
            boolean failed = e instanceof SchedulerEvent.TaskFailed;
            String prefix = task.key().prefix();
            Progress p = prefix.equals(lastPrefix) ? lastProgress : progress.computeIfAbsent(prefix, x -> new Progress());
            lastPrefix = prefix;
            lastProgress = p;
            if (failed) {
                p.erred++;
            } else {
                p.done++;
            }
            bars.addLast(new Bar(nextBar++, prefix, task.key(), task.worker(), task.thread(), task.startNanos(),
                    task.stopNanos(), failed));
            if (bars.size() > MAX_BARS) {
                bars.removeFirst();
            }
            if (graph != null && !graph.keys().isEmpty()) {
                states.put(task.key(), failed ? "erred" : "done");
            }
        } else if (e instanceof SchedulerEvent.Spilled spill) {
            spilledBytes += spill.bytes();
        }
    }

    /** At most {@code limit} of the newest bars with an id greater than {@code after}, oldest first. */
    synchronized List<Bar> barsAfter(long after, int limit) {
        drain();
        List<Bar> out = new ArrayList<>();
        Iterator<Bar> newest = bars.descendingIterator();
        while (newest.hasNext() && out.size() < limit) {
            Bar b = newest.next();
            if (b.id() <= after) {
                break;
            }
            out.add(b);
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * Tasks per prefix: {total, done, erred, in memory}, where "in memory" is the part of done whose
     * results {@code held} says the cluster still holds.
     */
    synchronized Map<String, long[]> progress(Map<String, Long> held) {
        drain();
        Map<String, long[]> out = new LinkedHashMap<>();
        progress.forEach((prefix, p) -> out.put(prefix, new long[] {p.total, p.done, p.erred,
                Math.min(p.done, held.getOrDefault(prefix, 0L))}));
        return out;
    }

    synchronized long spilledBytes() {
        drain();
        return spilledBytes;
    }

    /** The latest computation's graph: every task when small, else one node per prefix. */
    synchronized Map<String, Object> graph() {
        drain();
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
                String label = key.prefix() + " " + Arrays.toString(key.index());
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
