package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;

/**
 * Every file in testdata/ opens and decodes to what xarray decodes (reference/testdata.json, made by
 * reference/make_testdata_reference.py with Debian's xarray 2023.01): dimensions, coordinates,
 * variables, dtypes, values, attributes and encodings.
 */
class TestdataReferenceTest {
    private static JsonNode reference;

    /** Where we knowingly differ from xarray, and why. */
    private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "in_grp.nc:att_var_jsn", "NetCDF-Java replaces spaces in attribute names with underscores",
            "in_grp.nc:att_var_spc_chr", "NetCDF-Java replaces special characters in attribute names");

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TestdataReferenceTest.class.getResourceAsStream("/reference/testdata.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void noHandleLeaks() {
        assertEquals(0, NetcdfBackend.openHandles(), "every handle is closed with its dataset");
    }

    static Stream<String> files() throws IOException {
        try (InputStream in = TestdataReferenceTest.class.getResourceAsStream("/reference/testdata.json")) {
            List<String> names = new ArrayList<>();
            new ObjectMapper().readTree(in).fieldNames().forEachRemaining(names::add);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesLikeXarray(String entry) {
        JsonNode expected = reference.get(entry);
        OpenOptions options = OpenOptions.defaults();
        String file = entry.contains("#") ? entry.substring(0, entry.indexOf('#')) : entry;
        if (expected.has("group")) {   // entries "file#group" open a subgroup
            options = options.withGroup(expected.get("group").asText());
        }
        if (!expected.get("decode_times").asBoolean()) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> Lazuli.openDataset(Testdata.file(file)).close());
            assertTrue(e.getMessage().contains("decodeTimes=false") && e.getMessage().contains(file), e.getMessage());
            options = options.withDecodeTimes(false);
        }
        try (Dataset ds = Lazuli.openDataset(Testdata.file(file), options)) {
            Map<String, Long> dims = new TreeMap<>();
            expected.get("dims").fields().forEachRemaining(e -> dims.put(e.getKey(), e.getValue().asLong()));
            assertEquals(dims, new TreeMap<>(ds.sizes()), "dims");
            assertEquals(names(expected.get("coords")), new TreeSet<>(ds.coordNames()), "coordinates");
            assertEquals(names(expected.get("data_vars")), new TreeSet<>(ds.dataVarNames()), "data variables");
            assertAttrs(expected.get("attrs"), ds.attrs(), file);
            Iterator<Map.Entry<String, JsonNode>> variables = expected.get("variables").fields();
            while (variables.hasNext()) {
                Map.Entry<String, JsonNode> e = variables.next();
                String where = file + ":" + e.getKey();
                if (KNOWN_DIFFERENCES.containsKey(where)) {
                    continue;
                }
                Variable actual = ds.variables().get(e.getKey());
                assertNotNull(actual, "variable " + e.getKey());
                assertVariable(e.getValue(), actual, file + ":" + e.getKey());
            }
        }
    }

    private static TreeSet<String> names(JsonNode array) {
        TreeSet<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void assertVariable(JsonNode expected, Variable actual, String where) {
        List<String> dims = new ArrayList<>();
        expected.get("dims").forEach(d -> dims.add(d.asText()));
        assertEquals(dims, actual.dims(), where + " dims");
        List<Long> shape = new ArrayList<>();
        expected.get("shape").forEach(d -> shape.add(d.asLong()));
        assertEquals(shape, java.util.Arrays.stream(actual.shape()).boxed().toList(), where + " shape");
        assertAttrs(expected.get("attrs"), actual.attrs(), where);
        assertEncoding(expected.get("encoding"), actual.encoding(), where);
        if (expected.get("kind").asText().equals("number")) {
            assertEquals(numpyType(expected.get("dtype").asText()), actual.dtypeName(), where + " dtype");
            assertNumbers(expected, actual.values().toDoubleArray(), where);
        } else {
            assertTrue(actual.isLabels(), where + " should hold labels (" + expected.get("dtype").asText() + ")");
            if (expected.get("dtype").asText().startsWith("timedelta") || expected.get("dtype").asText().startsWith("datetime")) {
                assertEquals(expected.get("dtype").asText(), actual.dtypeName(), where + " dtype");
            }
            List<Object> labels = actual.labelValues();
            assertEquals(expected.get("summary").get("size").asInt(), labels.size(), where + " size");
            JsonNode values = expected.get("values");
            for (int i = 0; i < values.size(); i++) {
                String want = values.get(i).isNull() ? null : values.get(i).asText();
                Object got = labels.get(i);
                String text = got == null ? null : got instanceof java.time.Duration d ? String.valueOf(d.toNanos())
                        : got.toString();
                if (want != null && text != null && text.length() > want.length() && text.contains("T")) {
                    text = text.substring(0, want.length());   // dates: compare to the second
                }
                assertEquals(want, text, where + " label " + i);
            }
        }
    }

    /** Unsigned types without a Java equivalent are widened (documented). */
    private static String numpyType(String dtype) {
        return switch (dtype) {
            case "uint16" -> "int32";
            case "uint32", "uint64" -> "int64";
            default -> dtype;
        };
    }

    private static void assertNumbers(JsonNode expected, double[] got, String where) {
        JsonNode summary = expected.get("summary");
        assertEquals(summary.get("size").asInt(), got.length, where + " size");
        boolean float32 = expected.get("dtype").asText().equals("float32");
        double tolerance = float32 ? 1e-6 : 1e-12;
        if (expected.has("values")) {
            JsonNode values = expected.get("values");
            for (int i = 0; i < got.length; i++) {
                if (values.get(i).isNull()) {
                    assertTrue(Double.isNaN(got[i]), where + " at " + i + ": NaN expected, got " + got[i]);
                } else {
                    double want = values.get(i).asDouble();
                    assertEquals(want, got[i], tolerance * Math.max(1, Math.abs(want)), where + " at " + i);
                }
            }
        }
        long nan = java.util.Arrays.stream(got).filter(Double::isNaN).count();
        assertEquals(summary.get("nan").asLong(), nan, where + " NaN count");
        double sum = java.util.Arrays.stream(got).filter(v -> !Double.isNaN(v)).sum();
        double want = summary.get("sum").asDouble();
        assertEquals(want, sum, 1e-5 * Math.max(1, Math.abs(want)), where + " sum");
    }

    private static void assertAttrs(JsonNode expected, Map<String, Object> actual, String where) {
        TreeSet<String> keys = new TreeSet<>();
        expected.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys, new TreeSet<>(actual.keySet()), where + " attribute names");
        expected.fields().forEachRemaining(e -> {
            // NetCDF-Java replaces a literal _ChunkSizes attribute's value with the real chunking (lcc_km.nc)
            if (!e.getKey().equals("_ChunkSizes")) {
                assertValue(e.getValue(), actual.get(e.getKey()), where + " attribute " + e.getKey());
            }
        });
    }

    private static void assertEncoding(JsonNode expected, Map<String, Object> actual, String where) {
        expected.fields().forEachRemaining(e -> {
            if (e.getKey().equals("dtype")) {
                assertEquals(e.getValue().asText(), String.valueOf(actual.get("dtype")), where + " encoded dtype");
            } else {
                assertTrue(actual.containsKey(e.getKey()), where + " encoding lacks " + e.getKey());
                assertValue(e.getValue(), actual.get(e.getKey()), where + " encoding " + e.getKey());
            }
        });
    }

    private static void assertValue(JsonNode expected, Object actual, String where) {
        if (expected.isTextual()) {
            String text = actual instanceof String[] a ? String.join(", ", a) : String.valueOf(actual);
            assertEquals(expected.asText().replace("\u0000", ""), text, where);   // NetCDF-Java drops NUL chars
        } else if (expected.isNumber() || expected.isNull()) {
            double[] got = Attributes.numbers(actual, false);
            assertEquals(1, got.length, where + " is one number, got " + actual);
            double want = expected.isNull() ? Double.NaN : expected.asDouble();
            if (Double.isNaN(want)) {
                assertTrue(Double.isNaN(got[0]), where);
            } else {
                assertEquals(want, got[0], 1e-6 * Math.max(1, Math.abs(want)), where);
            }
        } else if (expected.isArray()) {
            double[] got = Attributes.numbers(actual, false);
            if (got.length == 0 && actual instanceof String[] strings) {
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).asText(), strings[i], where);
                }
                return;
            }
            assertEquals(expected.size(), got.length, where + " length");
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected.get(i).asDouble(), got[i], 1e-6 * Math.max(1, Math.abs(got[i])), where + "[" + i + "]");
            }
        } else {
            fail(where + ": unexpected reference " + expected);
        }
    }
}
