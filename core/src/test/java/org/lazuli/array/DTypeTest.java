package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DTypeTest {

    /** {@code np.result_type} for pairs of our types (NumPy 1.24 / 2.x agree on array-array promotion). */
    @Test
    void promotionMatchesNumpyTable() {
        assertEquals(DType.INT16, DType.promote(DType.INT8, DType.UINT8));
        assertEquals(DType.INT16, DType.promote(DType.UINT8, DType.INT16));
        assertEquals(DType.INT32, DType.promote(DType.UINT8, DType.INT32));
        assertEquals(DType.INT64, DType.promote(DType.INT32, DType.INT64));
        assertEquals(DType.FLOAT32, DType.promote(DType.INT16, DType.FLOAT32));
        assertEquals(DType.FLOAT32, DType.promote(DType.UINT8, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.INT32, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.INT64, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT32, DType.FLOAT64));
        assertEquals(DType.INT8, DType.promote(DType.BOOL, DType.INT8));
        assertEquals(DType.BOOL, DType.promote(DType.BOOL, DType.BOOL));
        for (DType a : DType.values()) {
            for (DType b : DType.values()) {
                assertEquals(DType.promote(a, b), DType.promote(b, a), a + " with " + b + " must be symmetric");
            }
        }
    }

    /** Every pair and every dtype with a Python int and float, as NumPy types them (dtype_promotion.json). */
    @Test
    void promotionMatchesNumpysWholeTable() throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode table;
        try (java.io.InputStream in = DTypeTest.class.getResourceAsStream("/reference/dtype_promotion.json")) {
            table = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        for (DType a : DType.values()) {
            for (DType b : DType.values()) {
                assertEquals(table.get("pairs").get(a.numpyName()).get(b.numpyName()).asText(),
                        DType.promote(a, b).numpyName(), a + " with " + b);
            }
            assertEquals(table.get("with_int_scalar").get(a.numpyName()).asText(),
                    DType.promoteWithScalar(a, false).numpyName(), a + " with an int");
            assertEquals(table.get("with_float_scalar").get(a.numpyName()).asText(),
                    DType.promoteWithScalar(a, true).numpyName(), a + " with a float");
        }
    }

    @Test
    void scalarsFollowNep50() {
        assertEquals(DType.INT32, DType.promoteWithScalar(DType.INT32, false));
        assertEquals(DType.FLOAT64, DType.promoteWithScalar(DType.INT32, true));
        assertEquals(DType.FLOAT32, DType.promoteWithScalar(DType.FLOAT32, true));
        assertEquals(DType.UINT8, DType.promoteWithScalar(DType.UINT8, false));
    }

    @Test
    void unknownNameIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.of("complex128"));
        assertTrue(e.getMessage().contains("complex128") && e.getMessage().contains("float64"), e.getMessage());
        assertEquals(DType.UINT8, DType.of("uint8"));
    }
}
