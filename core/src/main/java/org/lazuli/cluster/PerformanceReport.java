package org.lazuli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.lazuli.text.ByteSizes;

/**
 * Records a cluster's task stream while open, then writes a self-contained HTML page (no external
 * resources): a summary per task prefix and the task stream as SVG, one row per worker thread.
 *
 * <pre>{@code
 * try (PerformanceReport report = client.performanceReport(Path.of("report.html"))) {
 *     result = x.mean().compute();
 * }
 * }</pre>
 */
public final class PerformanceReport implements AutoCloseable {
    private final Path path;
    private final AutoCloseable subscription;
    private final ConcurrentLinkedQueue<SchedulerEvent.OnThread> events = new ConcurrentLinkedQueue<>();
    private final long start = System.nanoTime();
    private boolean closed;

    PerformanceReport(EventStream stream, Path path) {
        this.path = path;
        this.subscription = stream.subscribe(e -> {
            if (e instanceof SchedulerEvent.TaskFinished || e instanceof SchedulerEvent.TaskFailed
                    || e instanceof SchedulerEvent.Spilled) {
                events.add((SchedulerEvent.OnThread) e);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            subscription.close();
        } catch (Exception ignored) {
            // unsubscribing cannot fail in a way that matters to the report
        }
        try {
            Files.writeString(path, html(new ArrayList<>(events), System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the performance report " + path + ": " + e.getMessage(), e);
        }
    }

    private String html(List<SchedulerEvent.OnThread> all, long end) {
        Map<String, double[]> byPrefix = new LinkedHashMap<>();   // count, seconds, bytes
        Map<String, Integer> rows = new LinkedHashMap<>();
        long spilled = 0;
        for (SchedulerEvent.OnThread e : all) {
            if (e instanceof SchedulerEvent.Spilled spill) {
                spilled += spill.bytes();
                continue;
            }
            double[] s = byPrefix.computeIfAbsent(e.key().prefix(), k -> new double[3]);
            s[0]++;
            s[1] += e.seconds();
            s[2] += e instanceof SchedulerEvent.TaskFinished done ? done.resultBytes() : 0;
            rows.putIfAbsent(e.thread(), rows.size());
        }
        double span = Math.max(1e-9, (end - start) / 1e9);
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Lazuli performance"
                + " report</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>");
        page.append(String.format(Locale.ROOT, "<h1>Performance report</h1><p>%.3f s, %d tasks, %s spilled</p>", span,
                all.size(), ByteSizes.format(spilled)));
        page.append("<h2>Tasks by prefix</h2><table><tr><th>prefix</th><th>tasks</th><th>total s</th><th>mean ms</th>"
                + "<th>result bytes</th></tr>");
        byPrefix.forEach((prefix, s) -> page.append(String.format(Locale.ROOT,
                "<tr><td style=\"text-align:left\">%s</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%s</td></tr>",
                GraphPictures.escapeXml(prefix), (long) s[0], s[1], 1000 * s[1] / s[0],
                ByteSizes.format((long) s[2]))));
        page.append("</table><h2>Task stream</h2>");
        int width = 1000;
        int rowHeight = 18;
        page.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width + 220).append("\" height=\"")
                .append(rows.size() * rowHeight + 20).append("\" font-size=\"11\">");
        rows.forEach((thread, row) -> page.append("<text x=\"0\" y=\"").append(row * rowHeight + 13).append("\">")
                .append(GraphPictures.escapeXml(thread)).append("</text>"));
        List<String> palette = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                "#ff9da7", "#9c755f", "#bab0ac");
        List<String> prefixes = new ArrayList<>(byPrefix.keySet());
        for (SchedulerEvent.OnThread e : all) {
            if (e instanceof SchedulerEvent.Spilled) {
                continue;
            }
            double x = 210 + width * ((e.startNanos() - start) / 1e9) / span;
            double w = Math.max(1, width * e.seconds() / span);
            String colour = e instanceof SchedulerEvent.TaskFailed ? "#000"
                    : palette.get(prefixes.indexOf(e.key().prefix()) % palette.size());
            page.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s</title></rect>", x, rows.get(e.thread()) * rowHeight + 2, w, rowHeight - 4, colour,
                    GraphPictures.escapeXml(e.key().toString())));
        }
        return page.append("</svg></body></html>\n").toString();
    }
}
