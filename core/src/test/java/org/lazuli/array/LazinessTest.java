package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ExecutionStats;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.exec.ThreadedScheduler;

/** Nothing is read before compute, only what is selected is read, and memory does not grow with size. */
class LazinessTest {

    /** A source that records every region read and can be told to fail. */
    static final class RecordingSource implements ArraySource {
        static final List<long[]> READS = new CopyOnWriteArrayList<>();
        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
        private final DenseArray data;

        RecordingSource(DenseArray data) {
            this.data = data;
        }

        @Override
        public long[] shape() {
            return data.shape();
        }

        @Override
        public DType dtype() {
            return data.dtype();
        }

        @Override
        public String token() {
            return "recording";
        }

        @Override
        public DenseArray read(long[] start, long[] step, long[] count) {
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("disk error at " + java.util.Arrays.toString(start));
            }
            synchronized (READS) {   // a read's start and count stay side by side when threads read at once
                READS.add(start.clone());
                READS.add(count.clone());
            }
            return BlockOps.region(data, start, step, count);
        }
    }

    private static ChunkedArray recorded() {
        RecordingSource.READS.clear();
        double[] values = Eager.random(100 * 60, 9);
        return ChunkedArray.fromSource(new RecordingSource(DenseArray.of(values, 100, 60)), ChunkSpec.of(10, 20));
    }

    @Test
    void buildingExpressionsReadsNothing() {
        ChunkedArray x = recorded();
        ChunkedArray y = x.add(1.0).multiply(x).slice(0, 5, 50).transpose().reshape(-1).sum();
        assertTrue(y.toString().contains("ChunkedArray<sum"));
        y.taskGraph();
        assertEquals(0, RecordingSource.READS.size());
    }

    @Test
    void selectionsReadOnlyTheSelectedHyperslab() {
        ChunkedArray x = recorded();
        DenseArray part = x.slice(0, 12, 15).slice(1, 21, 23).multiply(2.0).compute();
        assertArrayEquals(new long[] {3, 2}, part.shape());
        assertEquals(2, RecordingSource.READS.size(), "one read");
        assertArrayEquals(new long[] {12, 21}, RecordingSource.READS.get(0));
        assertArrayEquals(new long[] {3, 2}, RecordingSource.READS.get(1));
        assertEquals(1, x.slice(0, 12, 15).slice(1, 21, 23).multiply(2.0).taskCount(), "read fused into the multiply");
    }

    @Test
    void aPointSelectedOneAxisAtATimeReadsOnlyThePoint() {
        ChunkedArray x = recorded();
        ChunkedArray row = x.index(0, 37);   // the axis dropped: a reshape of a (1, 60) read
        double point = row.index(0, 45).compute().getDouble();
        assertEquals(2, RecordingSource.READS.size(), "one read: " + RecordingSource.READS.size() / 2);
        assertArrayEquals(new long[] {37, 45}, RecordingSource.READS.get(0));
        assertArrayEquals(new long[] {1, 1}, RecordingSource.READS.get(1));
        assertEquals(x.compute().getDouble(37, 45), point, "the same value as read whole");
        RecordingSource.READS.clear();
        double[] cells = x.index(1, 7).slice(0, 20, 31).compute().toDoubleArray();
        assertEquals(4, RecordingSource.READS.size(), "rows 20-30 of one column: a read in each of two row chunks");
        java.util.Set<String> reads = new java.util.HashSet<>();
        for (int i = 0; i < 4; i += 2) {
            reads.add(java.util.Arrays.toString(RecordingSource.READS.get(i)) + java.util.Arrays.toString(RecordingSource.READS.get(i + 1)));
        }
        assertEquals(java.util.Set.of("[20, 7][10, 1]", "[30, 7][1, 1]"), reads);
        assertEquals(11, cells.length);
        for (int i = 0; i < cells.length; i++) {
            assertEquals(x.compute().getDouble(20 + i, 7), cells[i]);
        }
    }

    @Test
    void aFailingReadFailsOnlyThatComputation() {
        ChunkedArray x = recorded();
        RecordingSource.FAILURES_LEFT.set(1);
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> x.sum().compute(scheduler));
            assertTrue(e.getCause().getMessage().contains("disk error"), e.getMessage());
            assertTrue(e.key().name().startsWith("sum-chunk-"), e.key().toString());
            assertEquals(x.sum().compute(scheduler).getDouble(), x.persist(scheduler).sum().compute(scheduler).getDouble(),
                    1e-9);
        }
    }

    @Test
    void peakMemoryOfAReductionDoesNotGrowWithTheArray() {
        long small = peakBytes(ChunkedArray.random(new long[] {2000, 2000}, new long[] {200, 200}, 1).mean());
        long large = peakBytes(ChunkedArray.random(new long[] {8000, 8000}, new long[] {200, 200}, 1).mean());
        long block = 200 * 200 * 8;
        // only a few partial states (tens of bytes each) are ever held, never a block, whatever the size
        assertTrue(small < block / 100 && large < block / 100, "peak held bytes " + small + ", " + large);
        long elementwise = peakBytes(ChunkedArray.random(new long[] {4000, 4000}, new long[] {200, 200}, 1)
                .multiply(2.0).add(1.0).slice(0, 0, 200).sum(0));
        assertTrue(elementwise < 4 * 200 * 200 * 8, "peak " + elementwise);
    }

    private static long peakBytes(ChunkedArray array) {
        long[] peak = new long[1];
        try (ThreadedScheduler scheduler = ThreadedScheduler.create(2)) {
            array.compute(scheduler, new ExecutionListener() {
                @Override
                public void computationFinished(ExecutionStats stats) {
                    peak[0] = stats.peakBytes();
                }
            });
        }
        return peak[0];
    }
}
