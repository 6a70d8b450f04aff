package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Every storage type converts as NumPy's astype does (reference/make_astype_reference.py). */
class StorageTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = StorageTest.class.getResourceAsStream("/reference/astype.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] doubles(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    @Test
    void float64AndInt64ConvertToEveryDtypeAsNumpy() throws IOException {
        JsonNode reference = reference();
        double[] floats = doubles(reference.get("floats"));
        long[] ints = new long[reference.get("ints").size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = reference.get("ints").get(i).asLong();
        }
        DenseArray fromFloats = DenseArray.of(floats, floats.length);
        DenseArray fromInts = DenseArray.of(ints, ints.length);
        for (DType dtype : DType.values()) {
            String name = dtype.numpyName();
            DenseArray a = fromFloats.astype(dtype);
            DenseArray b = fromInts.astype(dtype);
            assertEquals(dtype, a.dtype());
            assertArrayEquals(doubles(reference.get("from_float64").get(name)), a.toDoubleArray(), 0.0, name);
            assertArrayEquals(doubles(reference.get("from_int64").get(name)), b.toDoubleArray(), 0.0, name);
            // and back through the long lane: the same numbers, read as integers
            long[] asLongs = b.toLongArray();
            double[] want = doubles(reference.get("from_int64").get(name));
            for (int i = 0; i < want.length; i++) {
                assertEquals((long) want[i], asLongs[i], name + " at " + i);
            }
            assertEquals(a, DenseArray.adopt(dtype, a.data(), a.shape()), "equal elements, equal arrays");
        }
    }

    @Test
    void storageOfTheWrongTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseArray.adopt(DType.FLOAT64, new float[3], 3));
        assertEquals("A float64 array needs double[] storage, got float[]", e.getMessage());
        IllegalArgumentException uint8 = assertThrows(IllegalArgumentException.class,
                () -> DenseArray.adopt(DType.UINT8, new short[3], 3));
        assertEquals("A uint8 array needs byte[] storage, got short[]", uint8.getMessage());
    }
}
