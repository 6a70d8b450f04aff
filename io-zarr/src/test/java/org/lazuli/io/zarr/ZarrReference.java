package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lazuli.array.DType;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;

/** What xarray read from the committed stores (make_zarr_reference.py), and the checks against it. */
final class ZarrReference {
    private static final Map<String, Object> STORES = load();

    private ZarrReference() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = ZarrReference.class.getResourceAsStream("/reference/zarr_reference.json")) {
            return (Map<String, Object>) new ObjectMapper().readValue(in, Map.class).get("stores");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> storeNames() {
        return new ArrayList<>(new TreeSet<>(STORES.keySet()));
    }

    static Path store(String name) {
        try {
            return Path.of(ZarrReference.class.getResource("/zarr/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(String store) {
        return (Map<String, Object>) STORES.get(store);
    }

    /** Checks every variable, the coordinates and the attributes of {@code ds} against xarray's reading. */
    @SuppressWarnings("unchecked")
    static void check(String store, Dataset ds, boolean encodings) {
        Map<String, Object> expected = of(store);
        Map<String, Object> variables = (Map<String, Object>) expected.get("variables");
        assertEquals(new TreeSet<>(variables.keySet()), new TreeSet<>(ds.variables().keySet()), store + " variables");
        assertEquals(new TreeSet<>((List<String>) expected.get("coords")), new TreeSet<>(ds.coordNames()),
                store + " coordinates");
        checkAttrs(store, (Map<String, Object>) expected.get("attrs"), ds.attrs());
        variables.forEach((name, value) -> checkVariable(store + "/" + name, (Map<String, Object>) value,
                ds.variables().get(name), encodings));
    }

    @SuppressWarnings("unchecked")
    private static void checkVariable(String where, Map<String, Object> expected, Variable v, boolean encodings) {
        assertEquals(expected.get("dims"), v.dims(), where + " dims");
        List<Number> shape = (List<Number>) expected.get("shape");
        assertEquals(shape.stream().map(Number::longValue).toList(),
                java.util.Arrays.stream(v.shape()).boxed().toList(), where + " shape");
        String dtype = (String) expected.get("dtype");
        List<Object> values = (List<Object>) expected.get("values");
        if (dtype.startsWith("datetime64") || dtype.equals("object") || dtype.startsWith("<U")) {
            assertTrue(v.isLabels(), where + " should be labels");
            List<String> actual = v.labelValues().stream().map(String::valueOf).toList();
            assertEquals(values, actual, where + " labels");
        } else {
            assertEquals(dtype, v.dtype().numpyName(), where + " dtype");
            double[] actual = v.values().astype(DType.FLOAT64).toDoubleArray();
            assertEquals(values.size(), actual.length, where + " size");
            double tolerance = dtype.equals("float32") ? 1e-6 : 1e-12;
            for (int i = 0; i < actual.length; i++) {
                Object e = values.get(i);
                double wanted = e == null ? Double.NaN : e instanceof Boolean b ? (b ? 1 : 0) : ((Number) e).doubleValue();
                if (Double.isNaN(wanted)) {
                    assertTrue(Double.isNaN(actual[i]), where + "[" + i + "] should be NaN, is " + actual[i]);
                } else {
                    assertEquals(wanted, actual[i], tolerance * Math.max(1, Math.abs(wanted)), where + "[" + i + "]");
                }
            }
        }
        checkAttrs(where, (Map<String, Object>) expected.get("attrs"), v.attrs());
        if (encodings) {
            Map<String, Object> encoding = (Map<String, Object>) expected.get("encoding");
            for (String key : List.of("dtype", "chunks", "compressor", "units", "calendar", "scale_factor", "add_offset")) {
                if (encoding.containsKey(key)) {
                    Object actual = v.encoding().get(key);
                    assertNotNull(v.encoding().containsKey(key) ? "" : null, where + " encoding has no " + key);
                    Object wanted = key.equals("compressor") && encoding.get(key) == null ? "none" : encoding.get(key);
                    assertEquals(normal(wanted), normal(actual), where + " encoding " + key);
                }
            }
        }
    }

    private static void checkAttrs(String where, Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), where + " attribute names");
        expected.forEach((k, e) -> assertEquals(normal(e), normal(actual.get(k)), where + " attribute " + k));
    }

    /** Numbers as doubles, arrays as lists, maps with normalised values: JSON's and Lazuli's forms compare. */
    @SuppressWarnings("unchecked")
    static Object normal(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof double[] a) {
            return java.util.Arrays.stream(a).boxed().map(ZarrReference::normal).toList();
        }
        if (value instanceof long[] a) {
            return java.util.Arrays.stream(a).boxed().map(ZarrReference::normal).toList();
        }
        if (value instanceof int[] a) {
            return java.util.Arrays.stream(a).boxed().map(ZarrReference::normal).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ZarrReference::normal).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normal(v)));
            return out;
        }
        return value;
    }
}
