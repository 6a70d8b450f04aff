package org.lazuli.io.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zarr metadata documents as maps. NaN and the infinities are allowed (zarr-python writes them in
 * attributes with Python's json); lists of numbers become primitive arrays in attributes, as the NetCDF
 * backend gives them.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    /** A JSON object; {@code where} names the document in errors. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(byte[] json, String where) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(where + " is not a JSON object");
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** The same value as JSON writes it: primitive arrays as lists, NaN as NaN. */
    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write metadata as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Attributes as Lazuli holds them: numeric lists as double[] (long[] when all are integers). */
    static Map<String, Object> attributes(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        json.forEach((k, v) -> out.put(k, attribute(v)));
        return out;
    }

    private static Object attribute(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof Number)) {
            if (list.stream().allMatch(x -> x instanceof Integer || x instanceof Long)) {
                return list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
            }
            return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return value;
    }
}
