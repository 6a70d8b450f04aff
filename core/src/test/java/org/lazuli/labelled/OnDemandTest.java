package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ArraySource;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;

/** Data opened without chunks is read on demand, as xarray's lazily indexed arrays: selections read nothing until asked. */
class OnDemandTest {
    static final AtomicInteger READS = new AtomicInteger();
    static final AtomicLong ELEMENTS = new AtomicLong();

    /** A 10 x 20 "file" whose element (y, x) is 20 y + x, counting its reads. */
    record CountingSource() implements ArraySource {
        @Override
        public long[] shape() {
            return new long[] {10, 20};
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public String token() {
            return "counting-10x20";
        }

        @Override
        public DenseArray read(long[] start, long[] step, long[] count) {
            READS.incrementAndGet();
            double[] out = new double[(int) (count[0] * count[1])];
            for (int i = 0; i < count[0]; i++) {
                for (int j = 0; j < count[1]; j++) {
                    out[(int) (i * count[1] + j)] = 20 * (start[0] + i * step[0]) + start[1] + j * step[1];
                }
            }
            ELEMENTS.addAndGet(out.length);
            return DenseArray.of(out, count);
        }
    }

    @BeforeEach
    void reset() {
        READS.set(0);
        ELEMENTS.set(0);
    }

    private static DataArray onDemand() {
        ChunkedArray file = ChunkedArray.fromSource(new CountingSource(), ChunkSpec.of(-1, -1));
        return DataArray.of(Variable.onDemand(List.of("y", "x"), file, Map.of(), Map.of()), Map.of(), "v");
    }

    @Test
    void selectionsReadNothingUntilTheValuesAreAskedFor() {
        DataArray row = onDemand().isel("y", 3).isel("x", Slice.of(2, 8, 2));
        assertEquals(0, READS.get(), "isel of on-demand data reads nothing");
        assertFalse(row.isLazy(), "not chunked: on demand, as xarray without dask");
        assertEquals(List.of("x"), row.dims());
        assertArrayEquals(new double[] {62, 64, 66}, row.values().toDoubleArray(), 0.0);
        assertEquals(1, READS.get());
        assertEquals(3, ELEMENTS.get(), "only the selected elements are read");
    }

    @Test
    void arithmeticReadsAtOnceAndHoldsTheResult() {
        DataArray sum = onDemand().isel("y", Slice.of(0, 2)).add(1.0);
        assertEquals(1, READS.get(), "an operation on on-demand data reads it, as NumPy computes at once");
        assertEquals(40, ELEMENTS.get());
        assertArrayEquals(new double[] {1, 2, 3}, java.util.Arrays.copyOf(sum.values().toDoubleArray(), 3), 0.0);
        assertEquals(1, READS.get(), "the result is held: no second read");
        assertTrue(onDemand().chunk(Map.of("y", 5L)).isLazy(), "chunk makes it lazy");
    }

    @Test
    void aTransposeStaysOnDemand() {
        DataArray column = onDemand().transpose("x", "y").isel("y", 9);
        assertEquals(0, READS.get());
        assertEquals(180 + 19, column.values().toDoubleArray()[19], 0.0);
    }
}
