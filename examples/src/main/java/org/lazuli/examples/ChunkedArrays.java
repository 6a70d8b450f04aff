package org.lazuli.examples;

import java.util.Arrays;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;

/** Chunked arrays: build lazily, compute in parallel, reshape and rechunk (the tutorial's first section). */
public final class ChunkedArrays {
    private ChunkedArrays() {
    }

    public static void run() {
        ChunkedArray x = ChunkedArray.random(new long[] {10000, 10000}, new long[] {1000, 1000}, 42L);
        ChunkedArray y = ChunkedArray.ones(new long[] {10000, 10000}, new long[] {1000, 1000});
        ChunkedArray z = x.add(y);                               // lazy: nothing computed yet
        System.out.println("z = " + z);

        long start = System.nanoTime();
        DenseArray result = z.compute();                         // 800 MB, computed block by block in parallel
        System.out.printf("z.compute(): shape %s, z[0, 0] = %.6f (%.2f s)%n",
                Arrays.toString(result.shape()), result.getDouble(0, 0), seconds(start));

        start = System.nanoTime();
        double mean = x.mean().compute().getDouble();            // streams: never holds more than a few blocks
        System.out.printf("x.mean() = %.6f (%.2f s)%n", mean, seconds(start));

        ChunkedArray t = z.transpose().rechunk(2000, 500).reshape(100000000L);
        System.out.println("t = " + t);

        ChunkedArray w = ChunkedArray.fromArray(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, new long[] {1, 3});
        System.out.println("w = " + w.compute());
        System.out.println("w.sum(0) = " + w.sum(0).compute());
        System.out.println("w.std(1) = " + w.std(1).compute());
        System.out.println("w.transpose() = " + w.transpose().compute());
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
