package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One shared suite for every reduction: the chunked result over any axes, with irregular chunks and
 * several tree fan-ins, equals the whole-array result of an independent eager oracle (plain loops, and
 * commons-statistics for moments).
 */
class ReductionTest {
    private static final long[] SHAPE = {9, 7, 5};
    private static final double[] DATA = Eager.random(9 * 7 * 5, 11);
    private static final double[] WITH_NAN = withNaNs(DATA.clone());

    private static double[] withNaNs(double[] values) {
        for (int i = 0; i < values.length; i += 13) {
            values[i] = Double.NaN;
        }
        return values;
    }

    private static ChunkedArray chunked(double[] data) {
        return ChunkedArray.fromDense(DenseArray.of(data, SHAPE), new long[][] {{2, 3, 4}, {1, 6}, {5}});
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double nanOr(double[] v, ToDoubleFunction<double[]> f) {
        return Arrays.stream(v).anyMatch(Double::isNaN) ? Double.NaN : f.applyAsDouble(v);
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double variance(double[] v, int ddof) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double mean = Mean.of(v).getAsDouble();
        double m2 = 0;
        for (double x : v) {
            m2 += (x - mean) * (x - mean);
        }
        return m2 / Math.max(v.length - ddof, 0);
    }

    static Stream<Arguments> reductions() {
        return Stream.of(
                Arguments.of(Reduction.SUM, (ToDoubleFunction<double[]>) ReductionTest::sum),
                Arguments.of(Reduction.PROD, (ToDoubleFunction<double[]>) v -> Arrays.stream(v).reduce(1, (x, y) -> x * y)),
                Arguments.of(Reduction.MIN, (ToDoubleFunction<double[]>) v -> nanOr(v, w -> Arrays.stream(w).min().getAsDouble())),
                Arguments.of(Reduction.MAX, (ToDoubleFunction<double[]>) v -> nanOr(v, w -> Arrays.stream(w).max().getAsDouble())),
                Arguments.of(Reduction.MEAN, (ToDoubleFunction<double[]>) v -> nanOr(v, w -> Mean.of(w).getAsDouble())),
                Arguments.of(Reduction.VAR, (ToDoubleFunction<double[]>) v -> nanOr(v, w -> Variance.of(w).getAsDouble() * (w.length - 1) / w.length)),
                Arguments.of(Reduction.STD, (ToDoubleFunction<double[]>) v -> nanOr(v, w -> Math.sqrt(variance(w, 0)))),
                Arguments.of(Reduction.ANY, (ToDoubleFunction<double[]>) v -> Arrays.stream(v).anyMatch(x -> x > 6.5) ? 1 : 0),
                Arguments.of(Reduction.COUNT, (ToDoubleFunction<double[]>) v -> finite(v).length),
                Arguments.of(Reduction.NANSUM, (ToDoubleFunction<double[]>) v -> sum(finite(v))),
                Arguments.of(Reduction.NANPROD, (ToDoubleFunction<double[]>) v -> Arrays.stream(finite(v)).reduce(1, (x, y) -> x * y)),
                Arguments.of(Reduction.NANMIN, (ToDoubleFunction<double[]>) v -> Arrays.stream(finite(v)).min().orElse(Double.NaN)),
                Arguments.of(Reduction.NANMAX, (ToDoubleFunction<double[]>) v -> Arrays.stream(finite(v)).max().orElse(Double.NaN)),
                Arguments.of(Reduction.NANMEAN, (ToDoubleFunction<double[]>) v -> Mean.of(finite(v)).getAsDouble()),
                Arguments.of(Reduction.NANVAR, (ToDoubleFunction<double[]>) v -> variance(finite(v), 0)),
                Arguments.of(Reduction.NANSTD, (ToDoubleFunction<double[]>) v -> Math.sqrt(variance(finite(v), 0))));
    }

    private static final List<int[]> AXES = List.of(new int[0], new int[] {0}, new int[] {1}, new int[] {2},
            new int[] {0, 2}, new int[] {1, 2}, new int[] {0, 1, 2});

    @ParameterizedTest(name = "{0}")
    @MethodSource("reductions")
    void chunkedEqualsWholeArray(Reduction reduction, ToDoubleFunction<double[]> oracle) {
        for (double[] data : List.of(DATA, WITH_NAN)) {
            ChunkedArray input = reduction == Reduction.ANY ? chunked(data).gt(6.5) : chunked(data);
            for (int[] axes : AXES) {
                for (int split : new int[] {2, 3, 16}) {
                    ReduceOptions options = ReduceOptions.axes(axes).withSplitEvery(split);
                    double[] got = input.reduce(reduction, options).compute().toDoubleArray();
                    int[] sorted = axes.length == 0 ? new int[] {0, 1, 2} : axes;
                    double[] expected = Eager.reduce(data, SHAPE, sorted, oracle);
                    assertEquals(expected.length, got.length);
                    for (int i = 0; i < got.length; i++) {
                        Eager.assertClose(expected[i], got[i], 1e-9,
                                reduction + " over " + Arrays.toString(axes) + " split " + split + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void argReductionsMatchEagerIncludingNaNRules() {
        ChunkedArray x = chunked(DATA);
        long[] argmax = x.argmax(1).compute().toLongArray();
        double[] expected = Eager.reduce(DATA, SHAPE, new int[] {1}, v -> {
            int best = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] > v[best]) {
                    best = i;
                }
            }
            return best;
        });
        for (int i = 0; i < argmax.length; i++) {
            assertEquals((long) expected[i], argmax[i]);
        }
        int flatMin = 0;
        for (int i = 1; i < DATA.length; i++) {
            if (DATA[i] < DATA[flatMin]) {
                flatMin = i;
            }
        }
        assertEquals(flatMin, x.argmin().compute().getLong());
        assertEquals(0, chunked(WITH_NAN).argmin().compute().getLong(), "the first NaN wins, as in NumPy");
        assertEquals(flatMin, chunked(WITH_NAN).nanargmin().compute().getLong() == flatMin ? flatMin
                : chunked(WITH_NAN).nanargmin().compute().getLong());
        ChunkedArray ties = ChunkedArray.fromArray(new long[] {3, 1, 1, 3}, new long[] {4}, new long[] {1});
        assertEquals(1, ties.argmin().compute().getLong());
        assertEquals(0, ties.argmax().compute().getLong());
        ChunkedArray allNaN = ChunkedArray.full(new long[] {4}, Double.NaN, new long[] {2});
        RuntimeException e = assertThrows(RuntimeException.class, () -> allNaN.nanargmax().compute());
        assertTrue(e.getCause().getMessage().contains("All-NaN slice"), e.getCause().getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.argmax(0, 1));
    }

    @Test
    void integerSumsAreExactInt64() {
        long[] big = {Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 3, -7};
        ChunkedArray ints = ChunkedArray.fromArray(big, new long[] {4}, new long[] {1});
        assertEquals(DType.INT64, ints.sum().dtype());
        assertEquals(Long.MAX_VALUE / 4 * 2 - 4, ints.sum().compute().getLong());
        ChunkedArray small = ChunkedArray.fromArray(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, new long[] {2},
                new long[] {1});
        assertEquals(2L * Integer.MAX_VALUE, small.sum().compute().getLong(), "int32 sums to int64, no overflow");
        assertEquals(DType.INT32, small.max().dtype());
        assertEquals(DType.FLOAT64, small.mean().dtype());
        assertEquals((double) Integer.MAX_VALUE, small.mean().compute().getDouble());
    }

    @Test
    void keepdimsAndDdof() {
        ChunkedArray x = chunked(DATA);
        ChunkedArray kept = x.reduce(Reduction.VAR, ReduceOptions.axes(0, 2).withKeepdims(true).withDdof(1));
        assertArrayEquals(new long[] {1, 7, 1}, kept.shape());
        double[] expected = Eager.reduce(DATA, SHAPE, new int[] {0, 2}, v -> variance(v, 1));
        assertArrayEquals(expected, kept.compute().toDoubleArray(), 1e-9);
    }

    @Test
    void emptyReductionsGiveIdentityOrError() {
        ChunkedArray empty = ChunkedArray.zeros(new long[] {0, 3}, new long[] {1, 1});
        assertArrayEquals(new double[] {0, 0, 0}, empty.sum(0).compute().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, empty.prod(0).compute().toDoubleArray());
        assertTrue(Double.isNaN(empty.mean().compute().getDouble()));
        assertEquals(0, empty.sum(1).compute().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.max(0));
        assertTrue(e.getMessage().contains("zero-size array to reduction operation max"), e.getMessage());
        assertTrue(Double.isNaN(ChunkedArray.fromArray(new double[] {1}, new long[] {1}, new long[] {1})
                .reduce(Reduction.VAR, ReduceOptions.all().withDdof(1)).compute().getDouble()));
    }

    @Test
    void axisOutOfRangeIsExplained() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> chunked(DATA).sum(3));
        assertEquals("axis 3 is out of bounds for an array of dimension 3", e.getMessage());
        assertArrayEquals(chunked(DATA).sum(2).compute().toDoubleArray(), chunked(DATA).sum(-1).compute().toDoubleArray());
    }

    @Test
    void varianceIsStableForLargeOffsets() {
        // 1e9 + U(0,1): a naive sum-of-squares formula loses every digit; merged moments must not
        ChunkedArray x = ChunkedArray.random(new long[] {200_000}, new long[] {20_000}, 5).add(1e9);
        double[] values = ChunkedArray.random(new long[] {200_000}, new long[] {200_000}, 5).compute().toDoubleArray();
        double expected = Variance.of(Arrays.stream(values).map(v -> v + 1e9).toArray()).getAsDouble() * (values.length - 1)
                / values.length;
        assertEquals(expected, x.var().compute().getDouble(), 1e-6 * expected);
    }

    @Test
    void zeroDimensionalReductionReturnsTheValue() {
        ChunkedArray scalar = ChunkedArray.fromDense(DenseArray.scalar(2.5), new long[0]);
        assertEquals(2.5, scalar.sum().compute().getDouble());
        assertEquals(0, scalar.argmax().compute().getLong());
    }
}
