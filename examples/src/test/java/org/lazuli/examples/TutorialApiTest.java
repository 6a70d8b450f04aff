package org.lazuli.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.nd4j.Nd4jArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    @Test
    void tutorialNd4jLinesMatchOneNd4jProduct() {
        INDArray left = Nd4j.rand(DataType.DOUBLE, 300, 200);
        INDArray right = Nd4j.rand(DataType.DOUBLE, 200, 250);
        INDArray m = Nd4jArrays.toINDArray(Nd4jArrays.matmul(
                Nd4jArrays.toChunked(left, new long[] {100, 100}),
                Nd4jArrays.toChunked(right, new long[] {100, 100})).compute());
        assertArrayEquals(new long[] {300, 250}, m.shape());
        assertEquals(0, m.sub(left.mmul(right)).amaxNumber().doubleValue(), 1e-10);
    }
}
