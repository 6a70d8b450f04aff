package org.lazuli.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;

/** The chunked-array part of DESIGN.md's tutorial, as written there, at a smaller size. */
class TutorialApiTest {

    @Test
    void tutorialChunkedArraySectionRuns() {
        ChunkedArray x = ChunkedArray.random(new long[] {1000, 1000}, new long[] {100, 100}, 42L);
        ChunkedArray y = ChunkedArray.ones(new long[] {1000, 1000}, new long[] {100, 100});
        ChunkedArray z = x.add(y);
        DenseArray result = z.compute();
        DenseArray xs = x.compute();
        assertArrayEquals(new long[] {1000, 1000}, result.shape());
        assertEquals(xs.getDouble(3, 7) + 1, result.getDouble(3, 7));
        double mean = x.mean().compute().getDouble();
        double expected = java.util.Arrays.stream(xs.toDoubleArray()).sum() / 1e6;
        assertEquals(expected, mean, 1e-12);
        ChunkedArray t = z.transpose().rechunk(200, 50).reshape(1000000L);
        assertEquals(result.getDouble(7, 3), t.compute().getDouble(3 * 1000 + 7));
        ChunkedArray w = ChunkedArray.fromArray(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, new long[] {1, 3});
        assertArrayEquals(new double[] {5, 7, 9}, w.sum(0).compute().toDoubleArray());
        assertEquals(0.5, ChunkedArray.fromArray(new double[] {1, 2}, new long[] {2}, new long[] {1}).std().compute()
                .getDouble());
    }
}
