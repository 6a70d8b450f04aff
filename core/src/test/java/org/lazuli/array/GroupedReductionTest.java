package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouped reductions and take, against eager loops. */
class GroupedReductionTest {
    private static final int TIME = 48;
    private static final int SPACE = 5;
    private static final double[] DATA = Eager.random(TIME * SPACE, 3);

    private static ChunkedArray data(long timeChunk) {
        return ChunkedArray.fromDense(DenseArray.of(DATA, TIME, SPACE), new long[] {timeChunk, 2});
    }

    private static int[] monthCodes() {
        int[] codes = new int[TIME];
        for (int t = 0; t < TIME; t++) {
            codes[t] = t % 12;
        }
        return codes;
    }

    @Test
    void monthlyMeansMatchEagerForEveryChunking() {
        int[] codes = monthCodes();
        for (long chunk : new long[] {1, 5, 12, 48}) {
            ChunkedArray clim = data(chunk).reduceByGroup(Reduction.MEAN, ReduceOptions.axes(0), 0, codes, 12);
            assertArrayEquals(new long[] {12, SPACE}, clim.shape());
            DenseArray got = clim.compute();
            for (int m = 0; m < 12; m++) {
                for (int x = 0; x < SPACE; x++) {
                    double sum = 0;
                    for (int y = 0; y < 4; y++) {
                        sum += DATA[(y * 12 + m) * SPACE + x];
                    }
                    assertEquals(sum / 4, got.getDouble(m, x), 1e-12, "chunk " + chunk + " month " + m);
                }
            }
        }
    }

    @Test
    void groupedTaskCountGrowsWithBlocksNotGroups() {
        int[] codes = monthCodes();
        ChunkedArray clim = data(4).reduceByGroup(Reduction.MEAN, ReduceOptions.axes(0), 0, codes, 12);
        long blocks = data(4).numBlocks();
        assertTrue(clim.taskCount() < 2 * blocks, clim.taskCount() + " tasks for " + blocks + " blocks");
    }

    @Test
    void excludedElementsAndOtherAxesAndLastAxisGroups() {
        int[] codes = new int[TIME];
        for (int t = 0; t < TIME; t++) {
            codes[t] = t < 10 ? -1 : t % 3;
        }
        DenseArray total = data(7).reduceByGroup(Reduction.SUM, ReduceOptions.axes(1), 0, codes, 3).compute();
        assertArrayEquals(new long[] {3}, total.shape());
        for (int g = 0; g < 3; g++) {
            double expected = 0;
            for (int t = 10; t < TIME; t++) {
                if (t % 3 == g) {
                    for (int x = 0; x < SPACE; x++) {
                        expected += DATA[t * SPACE + x];
                    }
                }
            }
            assertEquals(expected, total.getDouble(g), 1e-9);
        }
        int[] columns = {1, 0, 1, -1, 0};
        DenseArray byColumn = data(9).reduceByGroup(Reduction.MAX, ReduceOptions.all(), 1, columns, 2).compute();
        assertArrayEquals(new long[] {TIME, 2}, byColumn.shape());
        for (int t = 0; t < TIME; t++) {
            assertEquals(Math.max(DATA[t * SPACE + 1], DATA[t * SPACE + 4]), byColumn.getDouble(t, 0));
            assertEquals(Math.max(DATA[t * SPACE], DATA[t * SPACE + 2]), byColumn.getDouble(t, 1));
        }
        assertThrows(IllegalArgumentException.class,
                () -> data(4).reduceByGroup(Reduction.SUM, ReduceOptions.axes(0), 0, new int[] {1}, 2));
    }

    @Test
    void takePicksRowsInAnyOrder() {
        long[] indices = {47, 0, 3, 3, 12, 25};
        DenseArray got = data(5).take(0, indices).compute();
        assertArrayEquals(new long[] {6, SPACE}, got.shape());
        for (int i = 0; i < indices.length; i++) {
            for (int x = 0; x < SPACE; x++) {
                assertEquals(DATA[(int) indices[i] * SPACE + x], got.getDouble(i, x));
            }
        }
        List<Long> reversed = new ArrayList<>();
        for (long t = TIME - 1; t >= 0; t--) {
            reversed.add(t);
        }
        DenseArray back = data(5).take(0, reversed.stream().mapToLong(Long::longValue).toArray(), new long[] {20, 28})
                .compute();
        assertEquals(DATA[(TIME - 1) * SPACE], back.getDouble(0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> data(5).take(0, new long[] {48}));
    }
}
