package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;

/**
 * Zarr v3 stores written by an independent implementation (npm zarrita 0.7.5) read to the values it was
 * given (and, except for transposed chunks, which zarrita itself reads back with swapped axes, to the
 * values zarrita reads).
 */
class ZarrV3ReadTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference() {
        try (InputStream in = ZarrV3ReadTest.class.getResourceAsStream("/reference/zarr_v3_reference.json")) {
            return (Map<String, Object>) new ObjectMapper().readValue(in, Map.class).get("stores");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> stores() {
        return reference().keySet().stream().sorted();
    }

    private static Path store(String name) throws Exception {
        return Path.of(ZarrV3ReadTest.class.getResource("/zarr3/" + name).toURI());
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void rawValuesAreTheValuesZarritaWasGiven(String name) throws Exception {
        Map<String, Object> arrays = (Map<String, Object>) reference().get(name);
        OpenOptions raw = OpenOptions.defaults().withChunks(Map.of("time", 5)).withMaskAndScale(false)
                .withDecodeTimes(false);
        try (Dataset ds = Lazuli.openZarr(store(name), raw)) {
            assertEquals(arrays.keySet(), ds.variables().keySet());
            assertEquals(name, ds.attrs().get("title"));
            arrays.forEach((array, value) -> {
                Map<String, Object> expected = (Map<String, Object>) value;
                List<Object> values = (List<Object>) expected.get("written");
                double[] actual = ds.variables().get(array).values().astype(DType.FLOAT64).toDoubleArray();
                assertEquals(values.size(), actual.length, array);
                for (int i = 0; i < actual.length; i++) {
                    double want = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
                    assertEquals(want, actual[i], 1e-6, name + "/" + array + "[" + i + "]");
                }
                if (!name.contains("transpose")) {
                    assertEquals(values, expected.get("values"), name + "/" + array + ": zarrita reads what it wrote");
                }
            });
        }
    }

    @Test
    void cfDecodingAppliesToV3AsToV2() throws Exception {
        try (Dataset ds = Lazuli.openZarr(store("v3_blosc.zarr"))) {
            assertEquals(List.of("time", "lat", "lon"), ds.get("tas").dims());
            assertEquals("K", ds.get("tas").attrs().get("units"));
            assertEquals("2000-02-01T00:00:00", String.valueOf(ds.variables().get("time").labelValues().get(1)));
            assertEquals("noleap", String.valueOf(ds.variables().get("time").encoding().get("calendar")));
            // in v3 the array's fill value only fills unwritten chunks; CF masking needs a _FillValue attribute
            // (xarray's use_zarr_fill_value_as_mask=False for v3)
            assertEquals(DType.INT16, ds.get("count").dtype());
            double[] count = ds.get("count").values().toDoubleArray();
            assertEquals(10.0, count[9]);
            assertEquals(-9.0, count[10]);
        }
    }

    @Test
    void crc32cIsCheckedAndMatchesTheStandardCheckValue() throws IOException {
        Compressors.Crc32c crc = new Compressors.Crc32c();
        byte[] encoded = crc.encode("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283, java.nio.ByteBuffer.wrap(encoded, 9, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt());   // the CRC-32C check value of RFC 3720
        assertArrayEquals("123456789".getBytes(StandardCharsets.US_ASCII), crc.decode(encoded, -1));
        encoded[3] ^= 1;
        IOException e = assertThrows(IOException.class, () -> crc.decode(encoded, -1));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
