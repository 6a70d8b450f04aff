package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lazuli.kernel.BinaryOp;

/** A reduction over a large block reads and reduces it in pieces, to the same result, decoding no stored chunk twice. */
class ReducePiecesTest {
    /** A source stored in chunks of (7, 1, 1), as a NetCDF-4 variable chunked along time. */
    private static final class StoredInChunks implements ArraySource {
        private final long[] shape;

        StoredInChunks(long... shape) {
            this.shape = shape;
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public String token() {
            return "stored-in-chunks";
        }

        @Override
        public long[] storageChunks() {
            return new long[] {7, 1, 1};
        }

        @Override
        public DenseArray read(long[] start, long[] step, long[] count) {
            return DenseArray.zeros(DType.FLOAT32, count);
        }
    }

    private static Plan.Read read(long start, long days) {
        return new Plan.Read(new StoredInChunks(100, 20, 30), new long[] {start, 0, 0}, new long[] {1, 1, 1},
                new long[] {days, 20, 30});
    }

    @Test
    void piecesCoverTheBlockWithEdgesOnStoredChunks() {
        // 60 days from day 5 of 20 x 30 values, about 100 days' values a piece: pieces of 98 days would be
        // one; of 14 days (2 chunks of 7) with a target of 14 days' values
        Plan.Read block = read(5, 60);
        List<ReducePieces.Piece> pieces = ReducePieces.split(block, new long[] {60, 20, 30}, new long[] {5, 0, 0},
                new boolean[] {true, false, false}, 14 * 600);
        long covered = 0;
        for (ReducePieces.Piece piece : pieces) {
            Plan.Read r = (Plan.Read) piece.plan();
            assertEquals(5 + covered, r.start()[0], "pieces follow each other");
            assertEquals(r.start()[0], piece.start()[0]);
            assertArrayEquals(r.count(), piece.shape());
            long end = r.start()[0] + r.count()[0];
            assertTrue(end % 14 == 0 || end == 65, "piece ends on a stored chunk: " + end);
            covered += r.count()[0];
        }
        assertEquals(60, covered);
        assertEquals(List.of(9L, 14L, 14L, 14L, 9L), pieces.stream().map(p -> p.shape()[0]).toList());
    }

    @Test
    void aSmallBlockABlockFromAnotherTaskAndAKeptAxisAreNotSplit() {
        long[] shape = {60, 20, 30};
        boolean[] time = {true, false, false};
        assertEquals(1, ReducePieces.split(read(0, 60), shape, new long[3], time, 36_000).size(), "small");
        Plan input = add(read(0, 60), new Plan.Input(0, DType.FLOAT32));
        assertEquals(1, ReducePieces.split(input, shape, new long[3], time, 100).size(), "block is a task input");
        assertEquals(1, ReducePieces.split(read(0, 60), shape, new long[3], new boolean[3], 100).size(),
                "nothing reduced: splitting would change the state's positions");
    }

    @Test
    void aBroadcastOperandIsSlicedOnlyWhereItVariesAlongTheAxis() {
        long[] shape = {60, 20, 30};
        Plan perDay = new Plan.Broadcast(new Plan.Read(new StoredInChunks(100, 1, 1), new long[] {0, 0, 0},
                new long[] {1, 1, 1}, new long[] {60, 1, 1}), new long[] {60, 1, 1});
        Plan perCell = new Plan.Broadcast(new Plan.Constant(2, 2, DType.FLOAT32), new long[] {20, 30});
        Plan plan = new Plan.Elementwise(new ElementwiseOp.Apply2(BinaryOp.MULTIPLY), List.of(add(read(0, 60), perDay),
                perCell), DType.FLOAT32);
        List<ReducePieces.Piece> pieces = ReducePieces.split(plan, shape, new long[3], new boolean[] {true, true, true},
                14 * 600);
        assertEquals(5, pieces.size());
        Plan.Elementwise second = (Plan.Elementwise) pieces.get(1).plan();
        Plan.Broadcast day = (Plan.Broadcast) second.inputs().get(0).inputs().get(1);
        assertArrayEquals(new long[] {14, 1, 1}, day.inputShape());
        assertEquals(14, ((Plan.Read) day.input()).start()[0]);
        assertSame(perCell, second.inputs().get(1), "the per-cell operand does not vary in time");
    }

    /** 600 x 120 x 120 values (8.6 million) in one block, against the same values in 12 blocks, which are not split. */
    @Test
    void reductionsInPiecesEqualTheSameReductionsOnSmallBlocks() {
        long[] shape = {600, 120, 120};
        ChunkedArray oneBlock = ChunkedArray.random(shape, new long[] {600, 120, 120}, 11).multiply(3.0).subtract(1.0);
        ChunkedArray small = ChunkedArray.random(shape, new long[] {50, 120, 120}, 11).multiply(3.0).subtract(1.0);
        assertEquals(4, oneBlock.mean(0).taskCount(), "three pieces of at most 291 days, merged");
        assertClose(small.mean(0).compute(), oneBlock.mean(0).compute(), 1e-12);
        assertClose(small.var(0, 2).compute(), oneBlock.var(0, 2).compute(), 1e-12);
        assertClose(small.sum().compute(), oneBlock.sum().compute(), 1e-9);
        assertArrayEquals(small.argmax(0).compute().toLongArray(), oneBlock.argmax(0).compute().toLongArray());
        int[] months = new int[600];
        for (int t = 0; t < months.length; t++) {
            months[t] = t % 12;
        }
        assertClose(small.reduceByGroup(Reduction.MEAN, ReduceOptions.axes(0), 0, months, 12).compute(),
                oneBlock.reduceByGroup(Reduction.MEAN, ReduceOptions.axes(0), 0, months, 12).compute(), 1e-12);
    }

    /** 200 groups of three days: each piece's state is as large as its values, so the pieces run in a chain. */
    @Test
    void piecesWithLargeStatesRunInAChainToTheSameResult() {
        long[] shape = {600, 120, 120};
        ChunkedArray oneBlock = ChunkedArray.random(shape, new long[] {600, 120, 120}, 5);
        ChunkedArray small = ChunkedArray.random(shape, new long[] {50, 120, 120}, 5);
        int[] codes = new int[600];
        for (int t = 0; t < codes.length; t++) {
            codes[t] = t % 200;
        }
        ChunkedArray chained = oneBlock.reduceByGroup(Reduction.NANSTD, ReduceOptions.axes(0), 0, codes, 200);
        assertEquals(3, chained.taskCount(), "three pieces, each continuing the last: no combine task");
        assertClose(small.reduceByGroup(Reduction.NANSTD, ReduceOptions.axes(0), 0, codes, 200).compute(),
                chained.compute(), 1e-12);
        ChunkedArray maxima = oneBlock.reduceByGroup(Reduction.MAX, ReduceOptions.axes(0), 0, codes, 200);
        assertClose(small.reduceByGroup(Reduction.MAX, ReduceOptions.axes(0), 0, codes, 200).compute(),
                maxima.compute(), 0);
    }

    /** States of 1.1 million positions (17.6 MB each): combine tasks wait for two at a time, not sixteen. */
    @Test
    void largeStatesMergeInPairs() {
        ChunkedArray data = ChunkedArray.random(new long[] {2200, 1000}, new long[] {100, 1000}, 3);
        int[] codes = new int[2200];
        for (int t = 0; t < codes.length; t++) {
            codes[t] = t % 1100;
        }
        ChunkedArray means = data.reduceByGroup(Reduction.MEAN, ReduceOptions.axes(0), 0, codes, 1100);
        int widest = means.taskGraph().tasks().stream().mapToInt(t -> t.dependencies().size()).max().orElseThrow();
        assertEquals(2, widest, "a combine merges two states");
        double[] values = data.compute().toDoubleArray();
        DenseArray got = means.compute();
        for (int g : new int[] {0, 1, 577, 1099}) {
            for (int x : new int[] {0, 999}) {
                double expected = (values[g * 1000 + x] + values[(g + 1100) * 1000 + x]) / 2;
                assertEquals(expected, got.getDouble(g, x), 1e-15, "group " + g + ", column " + x);
            }
        }
    }

    private static void assertClose(DenseArray expected, DenseArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    private static Plan add(Plan left, Plan right) {
        return new Plan.Elementwise(new ElementwiseOp.Apply2(BinaryOp.ADD), List.of(left, right), DType.FLOAT32);
    }
}
