package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DenseArrayTest {

    @Test
    void accessorsAndConversions() {
        DenseArray a = DenseArray.of(new double[] {1.5, -2.5, 3, 4, 5, 6}, 2, 3);
        assertEquals(DType.FLOAT64, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(2, a.ndim());
        assertEquals(6, a.size());
        assertEquals(48, a.nbytes());
        assertEquals(-2.5, a.getDouble(0, 1));
        assertEquals(6.0, a.getDouble(-1, -1));
        assertEquals(-2, a.getLong(0, 1), "truncation towards zero");
        assertArrayEquals(new float[] {1.5f, -2.5f, 3, 4, 5, 6}, a.toFloatArray());
        assertArrayEquals(new int[] {1, -2, 3, 4, 5, 6}, a.toIntArray());
        assertArrayEquals(new double[] {1.5, -2.5, 3, 4, 5, 6}, a.reshape(3, -1).toDoubleArray());
        assertEquals(DenseArray.of(new double[] {1.5, -2.5, 3, 4, 5, 6}, 2, 3), a);
        assertNotEquals(DenseArray.of(new double[] {1.5, -2.5, 3, 4, 5, 6}, 3, 2), a);
        DenseArray u = DenseArray.ofUnsigned(new byte[] {(byte) 200, 1}, 2);
        assertEquals(200, u.getLong(0));
        assertEquals(DType.INT16, u.astype(DType.INT16).dtype());
        assertArrayEquals(new short[] {200, 1}, u.astype(DType.INT16).toShortArray());
        assertTrue(DenseArray.of(new boolean[] {true}, 1).getBoolean(0));
        assertEquals(7.0, DenseArray.scalar(7).getDouble());
    }

    @Test
    void badIndicesAndShapesAreExplained() {
        DenseArray a = DenseArray.of(new int[] {1, 2, 3, 4}, 2, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.getDouble(2, 0));
        assertEquals("index 2 is out of bounds for axis 0 with size 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.getDouble(1));
        assertThrows(IllegalArgumentException.class, a::getDouble);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> DenseArray.of(new double[] {1, 2, 3}, 2, 2));
        assertEquals("Shape (2, 2) holds 4 elements but 3 values were given", shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenseArray.zeros(DType.FLOAT64, -1));
    }

    @Test
    void largeArraysAreSummarised() {
        String text = ChunkedArray.random(new long[] {40, 40}, new long[] {40, 40}, 1).compute().toString();
        assertTrue(text.contains("..."), text);
        assertTrue(text.split("\n").length < 12, text);
        assertEquals("array([1.e-05, 1.e+00])", DenseArray.of(new double[] {1e-5, 1}, 2).toString());
    }

    @Test
    void buffersAreReadOnlyViewsOfTheValuesAndRefuseOtherDtypes() {
        DenseArray doubles = DenseArray.of(new double[] {1, 2, 3, 4}, 2, 2);
        java.nio.DoubleBuffer view = doubles.asDoubleBuffer();
        assertTrue(view.isReadOnly());
        double[] read = new double[4];
        view.get(read);
        assertArrayEquals(new double[] {1, 2, 3, 4}, read);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> doubles.asDoubleBuffer().put(0, 9));
        assertEquals(1.0f, DenseArray.of(new float[] {1, 2}, 2).asFloatBuffer().get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DenseArray.of(new int[] {1}, 1).asDoubleBuffer());
        assertTrue(e.getMessage().contains("int32") && e.getMessage().contains("astype"), e.getMessage());
    }
}
