package org.lazuli.array;

import org.lazuli.text.ByteSizes;
import org.lazuli.text.HtmlText;

/** {@link ChunkedArray}'s text and HTML reprs, as dask's. */
final class ChunkedArrayRepr {
    /** Past this many blocks the task count is not worked out just to print it. */
    private static final int COUNTED_BLOCKS = 200_000;

    private ChunkedArrayRepr() {
    }

    /** {@code ChunkedArray<random, shape=(10000, 10000), dtype=float64, chunksize=(1000, 1000), chunks=100, tasks=100, nbytes=762.94 MiB>}. */
    static String text(ChunkedArray a) {
        return "ChunkedArray<" + label(a) + ", shape=" + Shapes.format(a.shape()) + ", dtype=" + a.dtype() + ", chunksize="
                + Shapes.format(a.chunkSize()) + ", chunks=" + a.numBlocks() + ", tasks=" + taskCountText(a) + ", nbytes="
                + ByteSizes.format(a.nbytes()) + ">";
    }

    /** The whole array against one chunk (bytes, shape), then dtype, blocks and tasks, beside a picture of the chunks. */
    static String html(ChunkedArray a) {
        return "<div class=\"lazuli-chunked\" style=\"display:flex;gap:2em;align-items:center\">" + chunkTable(a)
                + ChunkDiagram.svg(a.chunks(), a.shape()) + "</div>";
    }

    /** The operation's name without its hash. */
    private static String label(ChunkedArray a) {
        String name = a.name();
        return name.substring(0, name.lastIndexOf('-'));
    }

    /** The task count, unless counting would lower a huge graph just to print it. */
    private static String taskCountText(ChunkedArray a) {
        if (a.numBlocks() > COUNTED_BLOCKS) {
            return "many";
        }
        try {
            return Integer.toString(a.taskCount());
        } catch (IllegalArgumentException overBudget) {   // a reduction of a huge number of blocks
            return "many";
        }
    }

    private static String chunkTable(ChunkedArray a) {
        long chunkBytes = Shapes.size(a.chunkSize()) * a.dtype().itemSize();
        return "<table class=\"lazuli-repr\" style=\"font-family: monospace\">"
                + "<caption>ChunkedArray " + HtmlText.escape(label(a)) + "</caption>"
                + "<tr><th></th><th>Array</th><th>Chunk</th></tr>"
                + "<tr><th>Bytes</th><td>" + ByteSizes.format(a.nbytes()) + "</td><td>" + ByteSizes.format(chunkBytes)
                + "</td></tr>"
                + "<tr><th>Shape</th><td>" + Shapes.format(a.shape()) + "</td><td>" + Shapes.format(a.chunkSize())
                + "</td></tr>"
                + "<tr><th>Dtype</th><td colspan=\"2\">" + a.dtype() + "</td></tr>"
                + "<tr><th>Blocks / tasks</th><td colspan=\"2\">" + a.numBlocks() + " / " + taskCountText(a)
                + "</td></tr></table>";
    }
}
