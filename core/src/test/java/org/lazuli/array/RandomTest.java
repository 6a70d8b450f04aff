package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
import org.junit.jupiter.api.Test;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.ThreadedScheduler;

class RandomTest {
    private static final long[] SHAPE = {37, 53};

    @Test
    void sameSeedSameValuesWhateverTheChunksOrThreads() {
        double[] reference = ChunkedArray.random(SHAPE, new long[] {37, 53}, 42).compute(SynchronousScheduler.instance())
                .toDoubleArray();
        try (ThreadedScheduler four = ThreadedScheduler.create(4)) {
            for (long[] chunks : new long[][] {{1, 1}, {5, 7}, {36, 2}, {10, 53}}) {
                assertArrayEquals(reference, ChunkedArray.random(SHAPE, chunks, 42).compute(four).toDoubleArray());
            }
        }
        assertArrayEquals(ChunkedArray.random(SHAPE, new long[] {8, 8}, 42).mean().compute().toDoubleArray(),
                ChunkedArray.random(SHAPE, new long[] {8, 8}, 42).mean().compute(SynchronousScheduler.instance())
                        .toDoubleArray(), "reductions are bit-identical across schedulers");
        double[] other = ChunkedArray.random(SHAPE, new long[] {5, 5}, 43).compute().toDoubleArray();
        assertFalse(java.util.Arrays.equals(reference, other));
    }

    @Test
    void slicingARandomArraySelectsTheSameValues() {
        DenseArray whole = ChunkedArray.random(SHAPE, new long[] {10, 10}, 7).compute();
        DenseArray part = ChunkedArray.random(SHAPE, new long[] {10, 10}, 7).slice(1, 50, 3, -4).compute();
        for (int i = 0; i < 37; i++) {
            for (int j = 0; j < part.shape()[1]; j++) {
                assertEquals(whole.getDouble(i, 50 - 4L * j), part.getDouble(i, j));
            }
        }
    }

    @Test
    void uniformAndNormalHaveTheRightMoments() {
        double[] u = ChunkedArray.random(new long[] {200_000}, new long[] {30_000}, 1).compute().toDoubleArray();
        DoubleStatistics stats = DoubleStatistics.of(java.util.EnumSet.of(Statistic.MEAN, Statistic.VARIANCE,
                Statistic.MIN, Statistic.MAX), u);
        assertEquals(0.5, stats.getAsDouble(Statistic.MEAN), 0.005);
        assertEquals(1.0 / 12, stats.getAsDouble(Statistic.VARIANCE), 0.002);
        assertTrue(stats.getAsDouble(Statistic.MIN) >= 0 && stats.getAsDouble(Statistic.MAX) < 1);
        double[] n = ChunkedArray.normal(new long[] {200_000}, ChunkSpec.of(30_000), 1, 10, 2).compute().toDoubleArray();
        DoubleStatistics normal = DoubleStatistics.of(java.util.EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION,
                Statistic.SKEWNESS), n);
        assertEquals(10, normal.getAsDouble(Statistic.MEAN), 0.02);
        assertEquals(2, normal.getAsDouble(Statistic.STANDARD_DEVIATION), 0.02);
        assertEquals(0, normal.getAsDouble(Statistic.SKEWNESS), 0.03);
    }

    @Test
    void rangesMatchNumpy() {
        assertArrayEquals(new long[] {5, 3, 1, -1}, ChunkedArray.arange(5, -2, -2, 3).compute().toLongArray());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, ChunkedArray.linspace(0, 1, 5, 2).compute().toDoubleArray());
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8},
                ChunkedArray.linspace(0, 1, 5, false, 2).compute().toDoubleArray());
        assertArrayEquals(new double[] {0.5, 1.0, 1.5}, ChunkedArray.arange(0.5, 2.0, 0.5, 2).compute().toDoubleArray());
        assertArrayEquals(new long[] {0}, ChunkedArray.arange(0, 3).shape());
    }

    @Test
    void constantsHaveTheirTypes() {
        assertEquals(DType.INT16, ChunkedArray.ones(new long[] {3}, ChunkSpec.of(2), DType.INT16).compute().dtype());
        assertArrayEquals(new double[] {2.5, 2.5}, ChunkedArray.full(new long[] {2}, 2.5, new long[] {1}).compute()
                .toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, ChunkedArray.empty(new long[] {2}, new long[] {1}).compute().toDoubleArray());
        assertArrayEquals(new boolean[] {false, false}, ChunkedArray.zeros(new long[] {2}, ChunkSpec.of(1), DType.BOOL)
                .compute().toBooleanArray());
    }
}
