package org.lazuli.benchmarks;

import java.util.Locale;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.ThreadedScheduler;

/**
 * The Java half of the side-by-side harness ({@code benchmarks/side-by-side/run.py}): runs one
 * workload a few times and prints the best wall time in seconds and the task count as
 * {@code name seconds tasks}. The same workloads are timed on dask by the Python half in the same run.
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SideBySide random-mean|random-mean-40k|random-plus-ones-sum|tiny-tasks [repeats]");
            System.exit(2);
        }
        String workload = args[0];
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (ThreadedScheduler scheduler = ThreadedScheduler.create()) {
            double best = Double.MAX_VALUE;
            ChunkedArray graph = null;
            for (int r = 0; r < repeats + 1; r++) {   // the first run warms the JIT up and is not counted
                graph = workload(workload);
                long start = System.nanoTime();
                double value = graph.compute(scheduler).getDouble();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (r > 0) {
                    best = Math.min(best, seconds);
                }
                if (Double.isNaN(value)) {
                    throw new IllegalStateException("NaN result");
                }
            }
            System.out.printf(Locale.ROOT, "%s %.4f %d%n", workload, best, graph.taskCount());
        }
    }

    static ChunkedArray workload(String name) {
        return switch (name) {
            case "random-mean" -> ChunkedArray.random(new long[] {20000, 20000}, new long[] {1000, 1000}, 42L).mean();
            case "random-mean-40k" -> ChunkedArray.random(new long[] {40000, 40000}, new long[] {1000, 1000}, 42L).mean();
            case "random-plus-ones-sum" -> ChunkedArray.random(new long[] {10000, 10000}, new long[] {1000, 1000}, 42L)
                    .add(ChunkedArray.ones(new long[] {10000, 10000}, new long[] {1000, 1000})).sum();
            case "tiny-tasks" -> ChunkedArray.ones(new long[] {100000}, new long[] {10}).sum();
            default -> throw new IllegalArgumentException("Unknown workload '" + name
                    + "'; use random-mean, random-mean-40k, random-plus-ones-sum or tiny-tasks");
        };
    }
}
