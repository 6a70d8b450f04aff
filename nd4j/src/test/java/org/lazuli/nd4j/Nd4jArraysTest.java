package org.lazuli.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jArraysTest {

    @Test
    void conversionsRoundTripEveryDtypeWithValuesAndShape() {
        List<DenseArray> arrays = List.of(
                DenseArray.of(new double[] {1.5, -2, Double.NaN, 4, 5, 6}, 2, 3),
                DenseArray.of(new float[] {1.5f, -2, 3, 4, 5, 6}, 3, 2),
                DenseArray.of(new long[] {1L << 40, -2, 3, 4}, 2, 2),
                DenseArray.of(new int[] {7, -8, 9}, 3),
                DenseArray.of(new short[] {7, -8, 9, 10}, 2, 2),
                DenseArray.of(new byte[] {7, -8}, 2),
                DenseArray.ofUnsigned(new byte[] {(byte) 200, 3}, 2),
                DenseArray.of(new boolean[] {true, false, true, true}, 4));
        for (DenseArray original : arrays) {
            INDArray nd = Nd4jArrays.toINDArray(original);
            assertArrayEquals(original.shape(), nd.shape(), original.dtype().toString());
            for (long i = 0; i < original.size(); i++) {
                double expected = original.reshape(original.size()).getDouble(i);
                double actual = nd.reshape(nd.length()).getDouble(i);
                assertEquals(expected, actual, 0, original.dtype() + " element " + i);
            }
            DenseArray back = Nd4jArrays.toDense(nd);
            assertEquals(original.dtype(), back.dtype());
            assertArrayEquals(original.shape(), back.shape());
            assertArrayEquals(original.astype(DType.FLOAT64).toDoubleArray(), back.astype(DType.FLOAT64).toDoubleArray());
        }
    }

    @Test
    void toDenseReadsViewsAndFortranOrderInLogicalOrder() {
        INDArray fortran = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, Nd4jArrays.toDense(fortran).toDoubleArray());
        INDArray transposed = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c').transpose();
        DenseArray dense = Nd4jArrays.toDense(transposed);
        assertArrayEquals(new long[] {3, 2}, dense.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, dense.toDoubleArray());
    }

    @Test
    void chunkedMatmulMatchesAPlainLoopAndOneNd4jProduct() {
        ChunkedArray a = ChunkedArray.normal(new long[] {70, 45}, new long[] {30, 20}, 1);
        ChunkedArray b = ChunkedArray.normal(new long[] {45, 33}, new long[] {15, 10}, 2);
        DenseArray product = Nd4jArrays.matmul(a, b).compute();
        assertArrayEquals(new long[] {70, 33}, product.shape());
        assertEquals(DType.FLOAT64, product.dtype());

        double[] expected = loopProduct(a.compute().toDoubleArray(), b.compute().toDoubleArray(), 70, 45, 33);
        assertArrayEquals(expected, product.toDoubleArray(), 1e-10);

        INDArray whole = Nd4jArrays.toINDArray(a.compute()).mmul(Nd4jArrays.toINDArray(b.compute()));
        assertArrayEquals(Nd4jArrays.toDense(whole).toDoubleArray(), product.toDoubleArray(), 1e-10);
    }

    @Test
    void anInMemoryProductIsOneCallOfTheSystemsBlasOnEveryCore() {
        DenseArray a = ChunkedArray.normal(new long[] {37, 52}, new long[] {37, 52}, 5).compute();
        DenseArray b = ChunkedArray.normal(new long[] {52, 29}, new long[] {52, 29}, 6).compute();
        DenseArray product = Nd4jArrays.matmul(a, b);
        assertArrayEquals(new long[] {37, 29}, product.shape());
        assertArrayEquals(loopProduct(a.toDoubleArray(), b.toDoubleArray(), 37, 52, 29), product.toDoubleArray(), 1e-10);
        DenseArray single = Nd4jArrays.matmul(a.astype(DType.FLOAT32), b.astype(DType.FLOAT32));
        assertEquals(DType.FLOAT32, single.dtype());
        assertArrayEquals(product.toDoubleArray(), single.toDoubleArray(), 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.matmul(a, a));
        assertEquals("matmul needs an (m, k) and a (k, n) matrix, got shapes [37, 52] and [37, 52]", e.getMessage());
    }

    @Test
    void aLongInnerDimensionIsSplitIntoGroupsWhoseProductsAreSummed() {
        ChunkedArray a = ChunkedArray.normal(new long[] {40, 90}, new long[] {20, 10}, 3);
        ChunkedArray b = ChunkedArray.normal(new long[] {90, 30}, new long[] {10, 15}, 4);
        double[] expected = loopProduct(a.compute().toDoubleArray(), b.compute().toDoubleArray(), 40, 90, 30);
        long pairBytes = (20 * 10 + 10 * 15) * 8;                        // one A block and one B block
        ChunkedArray grouped = Nd4jArrays.matmul(a, b, 4 * pairBytes);  // 9 k-blocks: groups of 4, 4 and 1
        ChunkedArray pairs = Nd4jArrays.matmul(a, b, 1);                 // one pair a task, as dask's blockwise
        ChunkedArray whole = Nd4jArrays.matmul(a, b);                    // the whole inner dimension a task
        assertArrayEquals(expected, grouped.compute().toDoubleArray(), 1e-10);
        assertArrayEquals(expected, pairs.compute().toDoubleArray(), 1e-10);
        assertArrayEquals(expected, whole.compute().toDoubleArray(), 1e-10);
        assertTrue(whole.taskCount() < grouped.taskCount() && grouped.taskCount() < pairs.taskCount(),
                "tasks: whole " + whole.taskCount() + ", groups " + grouped.taskCount() + ", pairs " + pairs.taskCount());
    }

    @Test
    void matmulKeepsFloat32AndSumsOverEveryBlockOfTheInnerDimension() {
        ChunkedArray a = ChunkedArray.ones(new long[] {4, 100}, new long[] {2, 7}).astype(DType.FLOAT32);
        ChunkedArray b = ChunkedArray.ones(new long[] {100, 3}, new long[] {100, 3}).astype(DType.FLOAT32);
        DenseArray product = Nd4jArrays.matmul(a, b).compute();
        assertEquals(DType.FLOAT32, product.dtype());
        for (double v : product.toDoubleArray()) {
            assertEquals(100.0, v, 0);
        }
    }

    @Test
    void dotPromotesVectorsLikeNumpy() {
        ChunkedArray v = ChunkedArray.arange(0, 5, 1, 2).astype(DType.FLOAT64);
        ChunkedArray m = ChunkedArray.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new long[] {5, 2}, new long[] {3, 2});
        assertEquals(0 + 1 + 4 + 9 + 16, Nd4jArrays.dot(v, v).compute().getDouble(), 0);
        assertEquals(0, Nd4jArrays.dot(v, v).ndim());
        assertArrayEquals(new double[] {0 + 3 + 10 + 21 + 36, 0 + 4 + 12 + 24 + 40}, Nd4jArrays.dot(v, m).compute().toDoubleArray(), 0);
        ChunkedArray w = ChunkedArray.fromArray(new double[] {1, -1}, new long[] {2}, new long[] {2});
        assertArrayEquals(new double[] {-1, -1, -1, -1, -1}, Nd4jArrays.dot(m, w).compute().toDoubleArray(), 0);
    }

    @Test
    void tensordotContractsNamedDimensionsAndKeepsTheOthersCoordinates() {
        // field(time, lat, lon) · pattern(time, mode): a projection over time, dims in another order
        int nt = 12;
        int nlat = 3;
        int nlon = 4;
        int nmode = 2;
        ChunkedArray fieldValues = ChunkedArray.normal(new long[] {nlat, nt, nlon}, new long[] {2, 5, 4}, 3);
        DataArray field = DataArray.of(Variable.lazy(List.of("lat", "time", "lon"), fieldValues, Map.of()),
                Map.of("lat", Variable.of(List.of("lat"), DenseArray.of(new double[] {-10, 0, 10}, nlat))), "field");
        ChunkedArray patternValues = ChunkedArray.normal(new long[] {nt, nmode}, new long[] {6, 2}, 4);
        DataArray pattern = DataArray.of(Variable.lazy(List.of("time", "mode"), patternValues, Map.of()),
                Map.of("mode", Variable.of(List.of("mode"), DenseArray.of(new long[] {1, 2}, nmode))), "pattern");

        DataArray projected = Nd4jArrays.tensordot(field, pattern, "time");
        assertEquals(List.of("lat", "lon", "mode"), projected.dims());
        assertTrue(projected.isLazy());
        assertArrayEquals(new double[] {-10, 0, 10}, projected.coords().get("lat").values().toDoubleArray());
        assertArrayEquals(new double[] {1, 2}, projected.coords().get("mode").values().toDoubleArray());

        DenseArray f = fieldValues.compute();
        DenseArray p = patternValues.compute();
        DenseArray result = projected.values();
        for (int i = 0; i < nlat; i++) {
            for (int j = 0; j < nlon; j++) {
                for (int k = 0; k < nmode; k++) {
                    double expected = 0;
                    for (int t = 0; t < nt; t++) {
                        expected += f.getDouble(i, t, j) * p.getDouble(t, k);
                    }
                    assertEquals(expected, result.getDouble(i, j, k), 1e-12);
                }
            }
        }
    }

    @Test
    void mismatchedShapesAreRejectedWithTheShapes() {
        ChunkedArray a = ChunkedArray.ones(new long[] {3, 4}, new long[] {3, 4});
        ChunkedArray b = ChunkedArray.ones(new long[] {5, 2}, new long[] {5, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.matmul(a, b));
        assertTrue(e.getMessage().contains("[3, 4] and [5, 2]"), e.getMessage());
        DataArray x = DataArray.of(DenseArray.of(new double[] {1, 2, 3}, 3), "time");
        DataArray y = DataArray.of(DenseArray.of(new double[] {1, 2}, 2), "time");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.tensordot(x, y, "time"));
        assertTrue(t.getMessage().contains("lengths 3 and 2 differ"), t.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Nd4jArrays.tensordot(x, y, "lat"));
        assertTrue(missing.getMessage().contains("'lat'"), missing.getMessage());
    }

    private static double[] loopProduct(double[] a, double[] b, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i * k + l] * b[l * n + j];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    @Test
    void blockProductsRunOnTheSystemsBlasAndAgreeWithNd4jsOwn() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libblas.so.3"))) {
            assertTrue(SystemBlas.isNative(), "netlib reaches the system's libblas.so.3, not its Java fallback: "
                    + SystemBlas.blas().getClass().getName());
        }
        ChunkedArray a = ChunkedArray.random(new long[] {70, 50}, new long[] {30, 20}, 3);
        ChunkedArray b = ChunkedArray.random(new long[] {50, 40}, new long[] {20, 25}, 4);
        INDArray expected = Nd4jArrays.toINDArray(a.compute()).mmul(Nd4jArrays.toINDArray(b.compute()));
        assertArrayEquals(expected.data().asDouble(), Nd4jArrays.matmul(a, b).compute().toDoubleArray(), 1e-10);
        float[] single = Nd4jArrays.matmul(a.astype(DType.FLOAT32), b.astype(DType.FLOAT32)).compute().toFloatArray();
        assertEquals(expected.getDouble(3, 7), single[3 * 40 + 7], 1e-4, "float32 through sgemm");
    }
}
