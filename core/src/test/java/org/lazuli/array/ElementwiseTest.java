package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
    private static final long[] SHAPE = {7, 5};
    private static final double[] A = withSpecials(Eager.random(35, 1));
    private static final double[] B = Eager.random(35, 2);

    private static double[] withSpecials(double[] values) {
        values[3] = Double.NaN;
        values[10] = 0;
        values[11] = -0.5;
        values[20] = 2.5;   // round half to even
        return values;
    }

    /** Irregular chunks on both axes, different for the two operands (realigned before the op). */
    private static ChunkedArray a() {
        return ChunkedArray.fromDense(DenseArray.of(A, SHAPE), new long[][] {{2, 4, 1}, {3, 2}});
    }

    private static ChunkedArray b() {
        return ChunkedArray.fromDense(DenseArray.of(B, SHAPE), new long[] {3, 4});
    }

    static Stream<Arguments> unaryOps() {
        return Stream.of(
                Arguments.of("negate", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::negate, (DoubleUnaryOperator) v -> -v),
                Arguments.of("abs", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::abs, (DoubleUnaryOperator) Math::abs),
                Arguments.of("sqrt", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::sqrt, (DoubleUnaryOperator) Math::sqrt),
                Arguments.of("exp", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::exp, (DoubleUnaryOperator) Math::exp),
                Arguments.of("log", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::log, (DoubleUnaryOperator) Math::log),
                Arguments.of("sin", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::sin, (DoubleUnaryOperator) Math::sin),
                Arguments.of("cos", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::cos, (DoubleUnaryOperator) Math::cos),
                Arguments.of("floor", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::floor, (DoubleUnaryOperator) Math::floor),
                Arguments.of("ceil", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::ceil, (DoubleUnaryOperator) Math::ceil),
                Arguments.of("round", (Function<ChunkedArray, ChunkedArray>) ChunkedArray::round, (DoubleUnaryOperator) Math::rint));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryMatchesEager(String name, Function<ChunkedArray, ChunkedArray> op, DoubleUnaryOperator eager) {
        double[] got = op.apply(a()).compute().toDoubleArray();
        for (int i = 0; i < A.length; i++) {
            assertEquals(eager.applyAsDouble(A[i]), got[i], 0, name + " at " + i);
        }
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (Op) ChunkedArray::add, (DoubleBinaryOperator) Double::sum),
                Arguments.of("subtract", (Op) ChunkedArray::subtract, (DoubleBinaryOperator) (x, y) -> x - y),
                Arguments.of("multiply", (Op) ChunkedArray::multiply, (DoubleBinaryOperator) (x, y) -> x * y),
                Arguments.of("divide", (Op) ChunkedArray::divide, (DoubleBinaryOperator) (x, y) -> x / y),
                Arguments.of("pow", (Op) ChunkedArray::pow, (DoubleBinaryOperator) Math::pow),
                Arguments.of("mod", (Op) ChunkedArray::mod, (DoubleBinaryOperator) (x, y) -> x - Math.floor(x / y) * y),
                Arguments.of("maximum", (Op) ChunkedArray::maximum, (DoubleBinaryOperator) Math::max),
                Arguments.of("minimum", (Op) ChunkedArray::minimum, (DoubleBinaryOperator) Math::min),
                Arguments.of("lt", (Op) ChunkedArray::lt, (DoubleBinaryOperator) (x, y) -> x < y ? 1 : 0),
                Arguments.of("le", (Op) ChunkedArray::le, (DoubleBinaryOperator) (x, y) -> x <= y ? 1 : 0),
                Arguments.of("gt", (Op) ChunkedArray::gt, (DoubleBinaryOperator) (x, y) -> x > y ? 1 : 0),
                Arguments.of("ge", (Op) ChunkedArray::ge, (DoubleBinaryOperator) (x, y) -> x >= y ? 1 : 0),
                Arguments.of("eq", (Op) ChunkedArray::eq, (DoubleBinaryOperator) (x, y) -> x == y ? 1 : 0),
                Arguments.of("ne", (Op) ChunkedArray::ne, (DoubleBinaryOperator) (x, y) -> x != y ? 1 : 0));
    }

    @FunctionalInterface
    interface Op {
        ChunkedArray apply(ChunkedArray x, ChunkedArray y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryWithMisalignedChunksMatchesEager(String name, Op op, DoubleBinaryOperator eager) {
        ChunkedArray result = op.apply(a(), b());
        assertEquals(SHAPE.length, result.ndim());
        double[] got = result.compute().toDoubleArray();
        for (int i = 0; i < A.length; i++) {
            Eager.assertClose(eager.applyAsDouble(A[i], B[i]), got[i], 1e-12, name + " at " + i);
        }
    }

    @Test
    void cumulativeSumsAcrossManyBlocksStayLinearInTasksAndExact() {
        int n = 20_000;
        ChunkedArray x = ChunkedArray.random(new long[] {n}, new long[] {20}, 4);   // 1,000 blocks
        ChunkedArray sums = x.cumsum(0);
        assertTrue(sums.taskCount() < 10 * 1_000, "tasks grow with the blocks, not their square: " + sums.taskCount());
        double[] values = x.compute().toDoubleArray();
        double[] got = sums.compute().toDoubleArray();
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += values[i];
            assertEquals(running, got[i], 1e-9 * Math.max(1, running), "at " + i);
        }
        double[] rolled = x.roll(0, 5).compute().toDoubleArray();
        double[] shifted = x.shift(0, -3, -1).compute().toDoubleArray();
        double[] differences = x.diff(0, 1).compute().toDoubleArray();
        for (int i = 0; i < n; i++) {
            assertEquals(values[Math.floorMod(i - 5, n)], rolled[i], "rolled at " + i);
            assertEquals(i + 3 < n ? values[i + 3] : -1, shifted[i], "shifted at " + i);
            if (i + 1 < n) {
                assertEquals(values[i + 1] - values[i], differences[i], 1e-15, "diff at " + i);
            }
        }
        assertEquals(n - 1, differences.length);
    }

    @Test
    void shiftingIntegersKeepsTheirTypeOnlyForAFillTheyCanHold() {
        ChunkedArray ints = ChunkedArray.fromDense(DenseArray.of(new long[] {-7, 0, 3, 12}, 4), new long[] {2});
        assertEquals(DType.INT64, ints.shift(0, 1, -1).dtype());
        assertArrayEquals(new long[] {-1, -7, 0, 3}, ints.shift(0, 1, -1).compute().toLongArray());
        ChunkedArray infinite = ints.shift(0, -2, Double.NEGATIVE_INFINITY);
        assertEquals(DType.FLOAT64, infinite.dtype(), "infinity is no integer: promoted as xarray promotes");
        assertArrayEquals(new double[] {3, 12, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                infinite.compute().toDoubleArray());
        assertEquals(DType.FLOAT64, ints.shift(0, 1, 0.5).dtype());
    }

    @Test
    void integerInputKeepsNumpysTypesForSignTruncAndTheTests() {
        ChunkedArray ints = ChunkedArray.fromDense(DenseArray.of(new long[] {-7, 0, 3, 12}, 4), new long[] {2});
        assertEquals(DType.INT64, ints.sign().dtype());
        assertArrayEquals(new long[] {-1, 0, 1, 1}, ints.sign().compute().toLongArray());
        assertArrayEquals(new long[] {-7, 0, 3, 12}, ints.trunc().compute().toLongArray());
        assertEquals(DType.BOOL, ints.isfinite().dtype());
        assertArrayEquals(new double[] {1, 1, 1, 1}, ints.isfinite().compute().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0, 0}, ints.isinf().compute().toDoubleArray());
        assertEquals(DType.FLOAT64, ints.arctan2(ints).dtype(), "computed in floating point, as np.arctan2");
        ChunkedArray odd = ChunkedArray.fromDense(DenseArray.of(new double[] {-2.5, Double.NaN,
                Double.NEGATIVE_INFINITY, 1e-300}, 4), new long[] {3});
        assertArrayEquals(new double[] {-2, Double.NaN, Double.NEGATIVE_INFINITY, 0}, odd.trunc().compute().toDoubleArray());
        assertArrayEquals(new double[] {-1, Double.NaN, -1, 1}, odd.sign().compute().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 1, 0}, odd.isinf().compute().toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 0, 1}, odd.isfinite().compute().toDoubleArray());
        assertEquals(Math.hypot(1e300, 1e300), ChunkedArray.fromDense(DenseArray.of(new double[] {1e300}, 1), new long[] {1})
                .hypot(ChunkedArray.fromDense(DenseArray.of(new double[] {1e300}, 1), new long[] {1})).compute().getDouble(0),
                "no overflow in between");
    }

    @Test
    void comparisonsGiveBool() {
        assertEquals(DType.BOOL, a().lt(b()).dtype());
        assertEquals(DType.BOOL, a().isnan().dtype());
        boolean[] nan = a().isnan().compute().toBooleanArray();
        for (int i = 0; i < A.length; i++) {
            assertEquals(Double.isNaN(A[i]), nan[i]);
        }
    }

    @Test
    void broadcastingAlignsShapesFromTheRight() {
        double[] row = {10, 20, 30, 40, 50};
        ChunkedArray r = ChunkedArray.fromArray(row, new long[] {5}, new long[] {2});
        ChunkedArray column = ChunkedArray.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7}, new long[] {7, 1}, new long[] {3, 1});
        double[] plusRow = a().add(r).compute().toDoubleArray();
        double[] timesColumn = a().multiply(column).compute().toDoubleArray();
        DenseArray outer = column.add(r).compute();
        assertArrayEquals(new long[] {7, 5}, outer.shape());
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(A[i * 5 + j] + row[j], plusRow[i * 5 + j], 1e-12);
                assertEquals(A[i * 5 + j] * (i + 1), timesColumn[i * 5 + j], 1e-12);
                assertEquals(i + 1 + row[j], outer.getDouble(i, j));
            }
        }
    }

    @Test
    void incompatibleShapesNameBothShapes() {
        ChunkedArray other = ChunkedArray.ones(new long[] {4}, new long[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a().add(other));
        assertTrue(e.getMessage().contains("(7, 5)") && e.getMessage().contains("(4,)"), e.getMessage());
    }

    @Test
    void scalarsFollowNumpyTypes() {
        ChunkedArray ints = ChunkedArray.fromArray(new int[] {1, 2, 3}, new long[] {3}, new long[] {2});
        assertEquals(DType.INT32, ints.add(1).dtype());
        assertEquals(DType.FLOAT64, ints.add(1.5).dtype());
        assertEquals(DType.FLOAT64, ints.divide(ints).dtype());
        assertArrayEquals(new double[] {2.5, 3.5, 4.5}, ints.add(1.5).compute().toDoubleArray());
        assertArrayEquals(new int[] {0, 1, 1}, ints.divide(2).floor().astype(DType.INT32).compute().toIntArray());
        ChunkedArray floats = ChunkedArray.fromArray(new float[] {1.1f, 2.2f}, new long[] {2}, new long[] {1});
        assertEquals(DType.FLOAT32, floats.multiply(3.0).dtype());
        assertEquals((float) (1.1f * 3.0), floats.multiply(3.0).compute().toFloatArray()[0]);
    }

    @Test
    void integersWrapAroundLikeNumpy() {
        ChunkedArray big = ChunkedArray.fromArray(new int[] {Integer.MAX_VALUE, -5}, new long[] {2}, new long[] {1});
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -4}, big.add(1).compute().toIntArray());
        ChunkedArray bytes = ChunkedArray.fromDense(DenseArray.ofUnsigned(new byte[] {(byte) 250, 3}, 2), new long[] {2});
        assertEquals(DType.UINT8, bytes.add(10).dtype());
        assertArrayEquals(new long[] {4, 13}, bytes.add(10).compute().toLongArray());
        ChunkedArray int8 = ChunkedArray.fromArray(new byte[] {100, -100}, new long[] {2}, new long[] {2});
        assertEquals(DType.INT8, int8.add(int8).dtype());
        assertArrayEquals(new long[] {-56, 56}, int8.add(int8).astype(DType.INT64).compute().toLongArray());
        ChunkedArray longs = ChunkedArray.fromArray(new long[] {Long.MAX_VALUE, 7}, new long[] {2}, new long[] {1});
        assertArrayEquals(new long[] {Long.MIN_VALUE, 8}, longs.add(1).compute().toLongArray());
        assertArrayEquals(new long[] {1, 1}, longs.mod(-4).multiply(-1).compute().toLongArray());
        assertArrayEquals(new long[] {0, 0}, longs.mod(0).compute().toLongArray());
    }

    @Test
    void integerNegativePowerFailsAtCompute() {
        ChunkedArray ints = ChunkedArray.arange(3, 3);
        RuntimeException e = assertThrows(RuntimeException.class, () -> ints.pow(-1).compute());
        assertTrue(e.getCause().getMessage().contains("negative integer powers"), e.getCause().getMessage());
    }

    @Test
    void boolArithmeticFollowsNumpy() {
        ChunkedArray t = ChunkedArray.fromArray(new boolean[] {true, false, true}, new long[] {3}, new long[] {2});
        ChunkedArray f = ChunkedArray.fromArray(new boolean[] {true, false, false}, new long[] {3}, new long[] {1});
        assertEquals(DType.BOOL, t.add(f).dtype());
        assertArrayEquals(new boolean[] {true, false, true}, t.add(f).compute().toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false}, t.and(f).compute().toBooleanArray());
        assertArrayEquals(new boolean[] {false, false, true}, t.xor(f).compute().toBooleanArray());
        assertArrayEquals(new boolean[] {false, true, false}, t.not().compute().toBooleanArray());
        assertThrows(IllegalArgumentException.class, () -> t.subtract(f));
    }

    @Test
    void whereClipAndCastMatchEager() {
        double[] where = ChunkedArray.where(a().gt(b()), a(), b().multiply(-1.0)).compute().toDoubleArray();
        double[] clipped = a().clip(-1, 2).compute().toDoubleArray();
        int[] truncated = a().astype(DType.INT32).compute().toIntArray();
        for (int i = 0; i < A.length; i++) {
            assertEquals(A[i] > B[i] ? A[i] : -B[i], where[i]);
            assertEquals(Double.isNaN(A[i]) ? Double.NaN : Math.min(Math.max(A[i], -1), 2), clipped[i]);
            assertEquals((int) A[i], truncated[i]);
        }
        double[] withScalar = ChunkedArray.where(a().isnan(), 0.0, a()).compute().toDoubleArray();
        assertEquals(0.0, withScalar[3]);
    }

    @Test
    void longChainsFuseIntoOneTaskPerBlock() {
        ChunkedArray x = ChunkedArray.random(new long[] {100, 100}, new long[] {50, 50}, 3);
        ChunkedArray chain = x.multiply(2.0).add(1.0).sqrt().subtract(x).abs();
        assertEquals(4, chain.taskCount(), "one fused task per block, reads included");
        double[] values = x.compute().toDoubleArray();
        double[] got = chain.compute().toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Math.abs(Math.sqrt(values[i] * 2 + 1) - values[i]), got[i], 1e-15);
        }
    }

    @Test
    void zeroDimensionalAndEmptyArraysWork() {
        ChunkedArray scalar = ChunkedArray.fromDense(DenseArray.scalar(4), new long[0]);
        assertEquals(2.0, scalar.sqrt().compute().getDouble());
        ChunkedArray empty = ChunkedArray.zeros(new long[] {0, 3}, new long[] {2, 2});
        DenseArray out = empty.add(1.0).compute();
        assertArrayEquals(new long[] {0, 3}, out.shape());
        assertEquals(0, out.size());
        ChunkedArray one = ChunkedArray.fromArray(new double[] {7}, new long[] {1}, new long[] {1});
        assertArrayEquals(new double[] {8}, one.add(one.divide(7.0)).compute().toDoubleArray());
    }
}
