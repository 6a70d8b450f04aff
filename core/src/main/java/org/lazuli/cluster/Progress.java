package org.lazuli.cluster;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ExecutionStats;
import org.lazuli.exec.Schedulers;
import org.lazuli.graph.Computation;
import org.lazuli.graph.TaskKey;

/**
 * Progress of a computation: a console bar (tasks done of total, elapsed, estimated time left), shown
 * only when standard error is a terminal unless forced, and a listener API for the same updates.
 *
 * <pre>{@code
 * DenseArray mean = Progress.show(x.mean());   // [#########           ] 45%  180/400 tasks  1.2 s  ETA 1.5 s
 * }</pre>
 */
public final class Progress implements ExecutionListener {
    /** One update: tasks done of total, seconds since the start, estimated seconds left (NaN until known). */
    public record Update(int done, int total, double elapsed, double remaining) {
        public double fraction() {
            return total == 0 ? 1 : (double) done / total;
        }
    }

    private final int total;
    private final Consumer<Update> sink;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private volatile long lastReport;

    private Progress(int total, Consumer<Update> sink) {
        this.total = total;
        this.sink = sink;
    }

    /** A listener reporting updates (at most every 100 ms, and at the end) to {@code sink}. */
    public static Progress listener(int totalTasks, Consumer<Update> sink) {
        return new Progress(totalTasks, sink);
    }

    /** Computes on the current scheduler with a console bar on standard error (when it is a terminal). */
    public static <T> T show(Computation.Source<T> value) {
        return show(value, System.console() != null, System.err);
    }

    /** As {@link #show(Computation.Source)}, choosing whether and where to draw. */
    public static <T> T show(Computation.Source<T> value, boolean draw, PrintStream out) {
        Computation<T> c = value.lower();
        Progress progress = new Progress(c.graph().size(), draw ? update -> bar(out, update) : update -> { });
        T result = c.assemble().apply(Schedulers.current().execute(c.graph(), c.outputs(), progress));
        if (draw) {
            out.println();
        }
        return result;
    }

    private static void bar(PrintStream out, Update u) {
        int width = 30;
        int filled = (int) Math.round(u.fraction() * width);
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%%  %d/%d tasks  %.1f s%s", "#".repeat(filled),
                " ".repeat(width - filled), 100 * u.fraction(), u.done(), u.total(), u.elapsed(),
                Double.isNaN(u.remaining()) ? "" : String.format(Locale.ROOT, "  ETA %.1f s", u.remaining())));
        out.flush();
    }

    @Override
    public void taskFinished(TaskKey key, long startNanos, long stopNanos, long bytes) {
        int n = done.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastReport > 100_000_000L || n == total) {
            lastReport = now;
            double elapsed = (now - start) / 1e9;
            double remaining = n == 0 ? Double.NaN : elapsed / n * (total - n);
            sink.accept(new Update(n, total, elapsed, remaining));
        }
    }

    @Override
    public void computationFinished(ExecutionStats stats) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        sink.accept(new Update(done.get(), total, elapsed, 0));
    }
}
