package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.ThreadedScheduler;

/**
 * A block function that keeps no block reads its source blocks inside its own task, the largest into
 * the thread's reusable storage: the graph has no read tasks, each thread fills one array again and
 * again, and the results are those of a function that keeps its blocks.
 */
class BlockwiseReadsInsideTest {
    private static final long[] SHAPE = {12, 50};
    private static final long[] CHUNKS = {3, 50};

    /** i * 100 + j, read into the storage it is given when given one. */
    private static final class Ramp implements ArraySource {
        @Override
        public long[] shape() {
            return SHAPE.clone();
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public String token() {
            return "ramp-12x50";
        }

        @Override
        public DenseArray read(long[] start, long[] step, long[] count) {
            return readInto(start, step, count, null);
        }

        @Override
        public DenseArray readInto(long[] start, long[] step, long[] count, Supplier<Object> storage) {
            int n = (int) (count[0] * count[1]);
            double[] values = storage == null ? new double[n] : (double[]) storage.get();
            for (int i = 0; i < count[0]; i++) {
                for (int j = 0; j < count[1]; j++) {
                    values[(int) (i * count[1] + j)] = (start[0] + i * step[0]) * 100 + start[1] + j * step[1];
                }
            }
            return DenseArray.adopt(DType.FLOAT64, values, count);   // the storage itself, not a copy
        }
    }

    /** Each block's sum, in a block of shape (1, 1); records the arrays it was handed. */
    private static final class BlockSums implements MultiBlockFunction {
        private static final long serialVersionUID = 1L;
        final transient Set<Object> storages = Collections.synchronizedSet(Collections.newSetFromMap(
                new IdentityHashMap<>()));
        private final boolean keeps;

        BlockSums(boolean keeps) {
            this.keeps = keeps;
        }

        @Override
        public DenseArray apply(List<DenseArray> blocks) {
            storages.add(blocks.get(0).data());
            double sum = 0;
            for (double v : blocks.get(0).toDoubleArray()) {
                sum += v;
            }
            return DenseArray.of(new double[] {sum + blocks.get(1).getDouble(new long[] {0, 0})}, 1, 1);
        }

        @Override
        public boolean keepsBlocks() {
            return keeps;
        }
    }

    private static ChunkedArray sums(BlockSums function) {
        ChunkedArray ramp = ChunkedArray.fromSource(new Ramp(), ChunkSpec.of(CHUNKS));
        // a computed input, which arrives from its own tasks either way
        ChunkedArray twos = ChunkedArray.ones(new long[] {4, 1}, new long[] {1, 1}).multiply(2.0);
        BlockSelector selector = out -> List.of(new BlockSelector.Input(0, out), new BlockSelector.Input(1, out));
        return ChunkedArray.blockwise(function, selector, DType.FLOAT64, Chunks.regular(new long[] {4, 1},
                new long[] {1, 1}), List.of(ramp, twos), "block-sums");
    }

    private static double[] expected() {
        List<Double> sums = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            double sum = 0;
            for (int i = b * 3; i < b * 3 + 3; i++) {
                for (int j = 0; j < 50; j++) {
                    sum += i * 100 + j;
                }
            }
            sums.add(sum + 2);
        }
        return sums.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void aFunctionKeepingNoBlockReadsItsSourceInItsTaskIntoOneReusedArray() {
        BlockSums reads = new BlockSums(false);
        ChunkedArray result = sums(reads);
        assertArrayEquals(expected(), result.compute(SynchronousScheduler.instance()).toDoubleArray());
        assertEquals(1, reads.storages.size(), "one thread fills the same array for every block");
        // 4 function tasks and the 4 blocks of twos: no task reads the source
        assertEquals(8, result.taskCount());
        try (ThreadedScheduler two = ThreadedScheduler.create(2)) {
            assertArrayEquals(expected(), result.compute(two).toDoubleArray());
        }
    }

    @Test
    void aFunctionThatMayKeepItsBlocksGetsThemFromTheirOwnTasks() {
        BlockSums keeps = new BlockSums(true);
        ChunkedArray result = sums(keeps);
        assertArrayEquals(expected(), result.compute(SynchronousScheduler.instance()).toDoubleArray());
        assertEquals(4, keeps.storages.size(), "a block of its own for every call");
        assertEquals(12, result.taskCount(), "4 reads, 4 blocks of twos, 4 function tasks");
    }
}
