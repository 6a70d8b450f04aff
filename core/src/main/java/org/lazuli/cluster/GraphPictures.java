package org.lazuli.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/** Task graphs as Graphviz DOT text, or as a small self-contained SVG (layers by depth). */
final class GraphPictures {
    private GraphPictures() {
    }

    static String dot(TaskGraph graph) {
        StringBuilder text = new StringBuilder("digraph lazuli {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        Map<TaskKey, Integer> ids = ids(graph);
        for (Task t : graph.tasks()) {
            text.append("  n").append(ids.get(t.key())).append(" [label=\"").append(escape(t.key().toString()))
                    .append("\"];\n");
        }
        for (Task t : graph.tasks()) {
            for (TaskKey dep : t.dependencies()) {
                text.append("  n").append(ids.get(dep)).append(" -> n").append(ids.get(t.key())).append(";\n");
            }
        }
        return text.append("}\n").toString();
    }

    static String svg(TaskGraph graph) {
        Map<String, Integer> depth = Delayed.depths(graph);
        Map<Integer, List<String>> layers = new LinkedHashMap<>();
        depth.forEach((key, d) -> layers.computeIfAbsent(d, x -> new ArrayList<>()).add(key));
        int width = 220;
        int height = 60;
        int columns = layers.values().stream().mapToInt(List::size).max().orElse(1);
        Map<String, int[]> position = new LinkedHashMap<>();
        layers.forEach((d, keys) -> {
            for (int i = 0; i < keys.size(); i++) {
                position.put(keys.get(i), new int[] {20 + i * width, 20 + (layers.size() - 1 - d) * height * 2});
            }
        });
        int w = 40 + columns * width;
        int h = 40 + layers.size() * height * 2;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                + "\" font-family=\"monospace\" font-size=\"11\">\n");
        for (Task t : graph.tasks()) {
            int[] to = position.get(t.key().toString());
            for (TaskKey dep : t.dependencies()) {
                int[] from = position.get(dep.toString());
                svg.append("<line x1=\"").append(from[0] + 90).append("\" y1=\"").append(from[1]).append("\" x2=\"")
                        .append(to[0] + 90).append("\" y2=\"").append(to[1] + 30).append("\" stroke=\"#888\"/>\n");
            }
        }
        position.forEach((key, p) -> svg.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1])
                .append("\" width=\"180\" height=\"30\" fill=\"#dde8f5\" stroke=\"#345\"/><text x=\"")
                .append(p[0] + 6).append("\" y=\"").append(p[1] + 19).append("\">")
                .append(escapeXml(key.length() > 26 ? key.substring(0, 25) + "…" : key)).append("</text>\n"));
        return svg.append("</svg>\n").toString();
    }

    private static Map<TaskKey, Integer> ids(TaskGraph graph) {
        Map<TaskKey, Integer> ids = new LinkedHashMap<>();
        for (Task t : graph.tasks()) {
            ids.put(t.key(), ids.size());
        }
        return ids;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
