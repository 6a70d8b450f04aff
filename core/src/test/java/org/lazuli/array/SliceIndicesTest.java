package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Python's slice rules, checked against Python's own (reference/make_slice_reference.py). */
class SliceIndicesTest {

    @Test
    void everySliceSelectsWhatPythonSelects() throws IOException {
        JsonNode cases;
        try (InputStream in = SliceIndicesTest.class.getResourceAsStream("/reference/slices.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertEquals(4 * 12 * 12 * 5, cases.size());
        for (JsonNode c : cases) {
            long step = c.get(2).asLong();
            long start = c.get(0).isNull() ? (step > 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : c.get(0).asLong();
            long stop = c.get(1).isNull() ? (step > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : c.get(1).asLong();
            SliceIndices got = SliceIndices.of(start, stop, step, c.get(3).asLong());
            assertEquals(c.get(5).asLong(), got.count(), c.toString());
            if (got.count() > 0) {
                assertEquals(c.get(4).asLong(), got.first(), c.toString());
                // and the chunked array selects the same elements
                long length = c.get(3).asLong();
                double[] values = ChunkedArray.arange(length, 2).slice(0, start, stop, step).compute().toDoubleArray();
                assertEquals(got.count(), values.length, c.toString());
                for (int i = 0; i < values.length; i++) {
                    assertEquals(got.first() + i * step, (long) values[i], c.toString());
                }
            }
        }
    }

    @Test
    void aZeroStepAndAPositionOutOfBoundsAreRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ChunkedArray.arange(10, 5).slice(0, 0, 5, 0));
        assertEquals("slice step cannot be zero (axis 0)", zero.getMessage());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class,
                () -> ChunkedArray.arange(10, 5).index(0, -11));
        assertEquals("index -11 is out of bounds for axis 0 with size 10", outside.getMessage());
        assertEquals(9, SliceIndices.position(-1, 10, "axis 0 with size 10"));
    }
}
