package org.lazuli.array;

import java.util.Locale;

/**
 * The picture of an array's chunks that dask draws beside its repr: the last two axes as a rectangle
 * (one axis as a bar) cut along every block edge, sides scaled to the axes' lengths; a third axis from the
 * end adds a depth, drawn as the rectangle's offset copy. Past {@value #MAX_LINES} blocks on an axis the
 * edges would blur into one another, so the rectangle is shaded instead.
 */
final class ChunkDiagram {
    private static final int SIZE = 120;
    private static final int MAX_LINES = 100;

    private ChunkDiagram() {
    }

    static String svg(Chunks chunks, long[] shape) {
        int nd = shape.length;
        if (nd == 0) {
            return "";
        }
        long rows = nd >= 2 ? shape[nd - 2] : 1;
        long cols = shape[nd - 1];
        double longest = Math.max(1, Math.max(rows, cols));
        double width = Math.max(12, SIZE * cols / longest);
        double height = nd >= 2 ? Math.max(12, SIZE * rows / longest) : 25;
        double depth = nd >= 3 ? Math.min(40, 10 + 4 * Math.log1p(shape[nd - 3])) : 0;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"lazuli-chunks\" width=\"%.0f\" height=\"%.0f\" style=\"stroke:#444;fill:none\">",
                width + depth + 60, height + depth + 40));
        if (depth > 0) {   // the third axis from the end: an offset copy behind, joined at the corners
            svg.append(rect(depth, 0, width, height, "#fafafa"));
            svg.append(line(0, depth, depth, 0)).append(line(width, depth, width + depth, 0))
                    .append(line(width, height + depth, width + depth, height));
        }
        double x0 = 0;
        double y0 = depth;
        svg.append(rect(x0, y0, width, height, "#ECB172A0"));
        boolean shaded = false;
        if (chunks.numBlocks(nd - 1) <= MAX_LINES) {
            long offset = 0;
            for (long size : chunks.sizes()[nd - 1]) {
                offset += size;
                double x = x0 + width * offset / Math.max(1, cols);
                if (offset < cols) {
                    svg.append(line(x, y0, x, y0 + height));
                }
            }
        } else {
            shaded = true;
        }
        if (nd >= 2 && chunks.numBlocks(nd - 2) <= MAX_LINES) {
            long offset = 0;
            for (long size : chunks.sizes()[nd - 2]) {
                offset += size;
                double y = y0 + height * offset / Math.max(1, rows);
                if (offset < rows) {
                    svg.append(line(x0, y, x0 + width, y));
                }
            }
        } else if (nd >= 2) {
            shaded = true;
        }
        if (shaded) {
            svg.append(rect(x0, y0, width, height, "#8B4903A0"));
        }
        svg.append(text(x0 + width / 2, y0 + height + 18, Long.toString(cols), 0));
        if (nd >= 2) {
            svg.append(text(x0 + width + 14, y0 + height / 2, Long.toString(rows), -90));
        }
        if (depth > 0) {
            svg.append(text(width + depth / 2 + 8, depth / 2, Long.toString(shape[nd - 3]), -45));
        }
        return svg.append("</svg>").toString();
    }

    private static String rect(double x, double y, double w, double h, String fill) {
        return String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" style=\"fill:%s\"/>", x, y, w, h, fill);
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x1, y1,
                x2, y2);
    }

    private static String text(double x, double y, String label, int rotate) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                + " style=\"stroke:none;fill:#000\" transform=\"rotate(%d,%.1f,%.1f)\">%s</text>", x, y, rotate, x, y, label);
    }
}
