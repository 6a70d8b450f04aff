package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.io.spi.CfDecoding;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import org.lazuli.time.TimeUnits;

/**
 * Opens a Zarr v2 group as a {@link Dataset}, as xarray's zarr backend: {@code _ARRAY_DIMENSIONS} names
 * each array's dimensions, the fill value becomes {@code _FillValue}, CF decoding is the NetCDF backend's
 * ({@link CfDecoding}), consolidated metadata ({@code .zmetadata}) is used when present. Numeric arrays
 * are lazy sources of chunk reads; text arrays and dimension coordinates are read at open time.
 */
final class ZarrReader {
    private ZarrReader() {
    }

    /** The metadata documents of one group: key (relative to the group) to JSON object. */
    private record Documents(Map<String, Map<String, Object>> byKey, boolean consolidated) {
    }

    /** One array of a group: its name, metadata, attributes and dimension names. */
    private record ArrayNode(String name, ArrayMetadata array, Map<String, Object> attrs, List<String> dims) {
    }

    /** A group's arrays and attributes, from either format. */
    private record Hierarchy(List<ArrayNode> arrays, Map<String, Object> attrs, boolean v3) {
    }

    static Dataset open(Store store, OpenOptions options) {
        String group = options.group() == null ? "" : options.group().replaceAll("^/+|/+$", "");
        String prefix = group.isEmpty() ? "" : group + "/";
        try {
            Hierarchy hierarchy = store.get(prefix + "zarr.json") != null ? v3(store, group)
                    : v2(store, group, documents(store, group));
            return build(store, hierarchy, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Zarr store " + store.describe("") + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code store} holds Zarr metadata at its root (or anywhere for a consolidated store). */
    static boolean isStore(Store store) {
        try {
            for (String key : List.of(".zgroup", ".zmetadata", ".zarray", "zarr.json")) {
                if (store.get(key) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Documents documents(Store store, String group) throws IOException {
        String prefix = group.isEmpty() ? "" : group + "/";
        byte[] consolidated = store.get(".zmetadata");
        if (consolidated != null) {
            Map<String, Object> root = Json.object(consolidated, store.describe(".zmetadata"));
            if (root.get("metadata") instanceof Map<?, ?> all) {
                Map<String, Map<String, Object>> byKey = new TreeMap<>();
                for (Map.Entry<?, ?> e : all.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (key.startsWith(prefix) && e.getValue() instanceof Map<?, ?> doc) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> object = (Map<String, Object>) doc;
                        byKey.put(key.substring(prefix.length()), object);
                    }
                }
                if (!byKey.containsKey(".zgroup")) {
                    throw missingGroup(store, group, all.keySet().stream().map(String::valueOf)
                            .filter(k -> k.endsWith("/.zgroup")).map(k -> k.substring(0, k.length() - 8)).sorted()
                            .toList());
                }
                return new Documents(byKey, true);
            }
        }
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        byte[] zgroup = store.get(prefix + ".zgroup");
        if (zgroup == null) {
            if (store.get(prefix + ".zarray") != null) {
                throw new IllegalArgumentException(store.describe(group) + " is a single Zarr array, not a group with"
                        + " _ARRAY_DIMENSIONS; open its parent folder");
            }
            List<String> groups = new ArrayList<>();
            collectGroups(store, "", groups, 0);
            throw missingGroup(store, group, groups);
        }
        byKey.put(".zgroup", Json.object(zgroup, store.describe(prefix + ".zgroup")));
        byte[] zattrs = store.get(prefix + ".zattrs");
        if (zattrs != null) {
            byKey.put(".zattrs", Json.object(zattrs, store.describe(prefix + ".zattrs")));
        }
        for (String child : store.list(prefix)) {
            if (child.startsWith(".")) {
                continue;
            }
            byte[] zarray = store.get(prefix + child + "/.zarray");
            if (zarray == null && store.get(prefix + child + "/.zattrs") != null
                    && store.get(prefix + child + "/.zgroup") == null) {
                throw new IllegalArgumentException(store.describe(prefix + child) + " has attributes but no .zarray (nor"
                        + " .zgroup), so its array cannot be read; the store is damaged: write it again, or remove the"
                        + " folder");
            }
            if (zarray != null) {
                byKey.put(child + "/.zarray", Json.object(zarray, store.describe(prefix + child + "/.zarray")));
                byte[] attrs = store.get(prefix + child + "/.zattrs");
                if (attrs != null) {
                    byKey.put(child + "/.zattrs", Json.object(attrs, store.describe(prefix + child + "/.zattrs")));
                }
            }
        }
        return new Documents(byKey, false);
    }

    /** The groups below {@code prefix}, a few levels deep (for the message of a missing group). */
    private static void collectGroups(Store store, String prefix, List<String> groups, int depth) throws IOException {
        if (depth > 4) {
            return;
        }
        for (String child : store.list(prefix)) {
            if (!child.startsWith(".") && store.get(prefix + child + "/.zgroup") != null) {
                groups.add(prefix + child);
                collectGroups(store, prefix + child + "/", groups, depth + 1);
            }
        }
    }

    private static IllegalArgumentException missingGroup(Store store, String group, List<String> groups) {
        return new IllegalArgumentException((group.isEmpty()
                ? store.describe("") + " is not a Zarr store: it has no .zgroup" + (groups.isEmpty() ? ""
                : "; it holds the groups " + groups + ": open one with OpenOptions.withGroup")
                : "No group '" + group + "' in Zarr store " + store.describe("") + (groups.isEmpty() ? ""
                : "; groups there are " + groups)) + store.missingHint());
    }

    private static Hierarchy v2(Store store, String group, Documents documents) {
        String prefix = group.isEmpty() ? "" : group + "/";
        List<ArrayNode> arrays = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : documents.byKey().entrySet()) {
            String key = e.getKey();
            if (!key.endsWith("/.zarray") || key.indexOf('/') != key.length() - "/.zarray".length()) {
                continue;   // arrays of this group only, not of its sub-groups
            }
            String name = key.substring(0, key.length() - "/.zarray".length());
            String where = store.describe(prefix + name);
            ArrayMetadata array = ArrayMetadata.v2(prefix + name, e.getValue(), where);
            Map<String, Object> attrs = Json.attributes(documents.byKey().getOrDefault(name + "/.zattrs", Map.of()));
            List<String> dims = dimensions(attrs.remove("_ARRAY_DIMENSIONS"), array, where);
            arrays.add(new ArrayNode(name, array, attrs, dims));
        }
        return new Hierarchy(arrays, Json.attributes(documents.byKey().getOrDefault(".zattrs", Map.of())), false);
    }

    /** A v3 group: its zarr.json, the arrays its consolidated metadata lists or, without it, its children's. */
    @SuppressWarnings("unchecked")
    private static Hierarchy v3(Store store, String group) throws IOException {
        String prefix = group.isEmpty() ? "" : group + "/";
        Map<String, Object> root = Json.object(store.get(prefix + "zarr.json"), store.describe(prefix + "zarr.json"));
        if (!"group".equals(root.get("node_type"))) {
            throw new IllegalArgumentException(store.describe(group) + " is a single Zarr array, not a group with"
                    + " dimension names; open its parent folder");
        }
        Map<String, Map<String, Object>> nodes = new TreeMap<>();
        if (root.get("consolidated_metadata") instanceof Map<?, ?> consolidated
                && consolidated.get("metadata") instanceof Map<?, ?> metadata) {
            metadata.forEach((k, v) -> nodes.put(String.valueOf(k), (Map<String, Object>) v));
        } else {
            for (String child : store.list(prefix)) {
                byte[] json = child.startsWith(".") ? null : store.get(prefix + child + "/zarr.json");
                if (json != null) {
                    nodes.put(child, Json.object(json, store.describe(prefix + child + "/zarr.json")));
                }
            }
        }
        List<ArrayNode> arrays = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : nodes.entrySet()) {
            String name = e.getKey();
            if (name.contains("/") || !"array".equals(e.getValue().get("node_type"))) {
                continue;
            }
            String where = store.describe(prefix + name);
            ArrayMetadata array = ArrayMetadata.v3(prefix + name, e.getValue(), where);
            Map<String, Object> attrs = Json.attributes(e.getValue().get("attributes") instanceof Map<?, ?> a
                    ? (Map<String, Object>) a : Map.of());
            Object names = e.getValue().get("dimension_names");
            List<String> dims = dimensions(names != null ? names : attrs.get("_ARRAY_DIMENSIONS"), array, where);
            attrs.remove("_ARRAY_DIMENSIONS");
            arrays.add(new ArrayNode(name, array, attrs, dims));
        }
        return new Hierarchy(arrays, Json.attributes(root.get("attributes") instanceof Map<?, ?> a
                ? (Map<String, Object>) a : Map.of()), true);
    }

    private static Dataset build(Store store, Hierarchy hierarchy, OpenOptions options) throws IOException {
        long opened = System.nanoTime();
        Map<String, Variable> variables = new LinkedHashMap<>();
        Set<String> coordNames = new LinkedHashSet<>();
        Map<String, Map<String, Object>> inherited = boundsTimeUnits(hierarchy.arrays());
        for (ArrayNode node : hierarchy.arrays()) {
            String where = store.describe(node.array().path());
            variables.put(node.name(), decode(store, node.array(), node.name(), node.dims(),
                    new LinkedHashMap<>(node.attrs()), options, where + "@" + opened, node.array().keyPrefix().isEmpty()
                            && !hierarchy.v3(), inherited.get(node.name())));
        }
        checkSizes(variables, store);
        for (Map.Entry<String, Variable> e : new ArrayList<>(variables.entrySet())) {
            Variable v = e.getValue();
            if (v.dims().size() == 1 && v.dims().get(0).equals(e.getKey())) {
                coordNames.add(e.getKey());
                variables.put(e.getKey(), v.isLabels() ? v : v.load());   // indexes are read now, as xarray does
            }
        }
        if (options.decodeCoords()) {
            CfDecoding.decodeCoordinates(variables, coordNames);
        }
        return Dataset.withResources(variables, coordNames, hierarchy.attrs(), List.of());
    }

    /** Bounds of a time variable without their own units take the time's units and calendar, as xarray does. */
    private static Map<String, Map<String, Object>> boundsTimeUnits(List<ArrayNode> arrays) {
        Map<String, ArrayNode> byName = new LinkedHashMap<>();
        arrays.forEach(a -> byName.put(a.name(), a));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ArrayNode node : arrays) {
            Map<String, Object> attrs = node.attrs();
            if (attrs.get("units") instanceof String units && TimeUnits.isTimeUnit(units)
                    && attrs.get("bounds") instanceof String bounds && byName.containsKey(bounds)
                    && !byName.get(bounds).attrs().containsKey("units")) {
                Map<String, Object> time = new LinkedHashMap<>();
                time.put("units", units);
                if (attrs.get("calendar") instanceof String calendar) {
                    time.put("calendar", calendar);
                }
                out.put(bounds, time);
            }
        }
        return out;
    }

    private static List<String> dimensions(Object names, ArrayMetadata array, String where) {
        if (!(names instanceof List<?> list) || list.size() != array.ndim()
                || !list.stream().allMatch(x -> x instanceof String)) {
            throw new IllegalArgumentException("Zarr array " + where + " has " + (names == null
                    ? "no _ARRAY_DIMENSIONS attribute" : "_ARRAY_DIMENSIONS " + names + " that do not match its "
                    + array.ndim() + " dimensions") + "; xarray writes it for every array: write the store with"
                    + " xarray or Lazuli, or add the attribute");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** A dimension must have one size in every array (xarray raises too). */
    private static void checkSizes(Map<String, Variable> variables, Store store) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, String> firstSeen = new LinkedHashMap<>();
        variables.forEach((name, v) -> {
            for (int k = 0; k < v.dims().size(); k++) {
                String dim = v.dims().get(k);
                long size = v.shape()[k];
                Long before = sizes.putIfAbsent(dim, size);
                firstSeen.putIfAbsent(dim, name);
                if (before != null && before != size) {
                    throw new IllegalArgumentException("Zarr store " + store.describe("") + ": dimension '" + dim
                            + "' has size " + before + " in '" + firstSeen.get(dim) + "' but " + size + " in '" + name
                            + "'; the store is inconsistent");
                }
            }
        });
    }

    private static Variable decode(Store store, ArrayMetadata array, String name, List<String> dims,
                                   Map<String, Object> attrs, OpenOptions options, String token,
                                   boolean fillValueMasks, Map<String, Object> inheritedTime) throws IOException {
        Map<String, Object> encoding = new LinkedHashMap<>();
        encoding.put("chunks", Arrays.stream(array.chunks()).boxed().toList());
        Map<String, Integer> preferred = new LinkedHashMap<>();
        for (int k = 0; k < dims.size(); k++) {
            preferred.put(dims.get(k), array.chunks()[k]);
        }
        encoding.put("preferred_chunks", preferred);
        if (array.sharding() != null) {
            encoding.put("shards", Arrays.stream(array.sharding().shardShape()).boxed().toList());
        }
        // "none" stands for no compressor (xarray's None): encodings hold no nulls
        encoding.put("compressor", array.compressor() == null ? "none" : array.compressor().config());
        if (!array.filters().isEmpty()) {
            encoding.put("filters", array.filters().stream().map(Codec::config).toList());
        }
        encoding.put("dtype", array.dtype().numpyName());
        if (array.dtype().isText()) {
            Object[] labels = TextArrays.read(store, array);
            return Variable.labels(dims, array.shape(), labels, attrs).withEncoding(encoding);
        }
        if (fillValueMasks && array.fillValue() != null) {
            attrs.put("_FillValue", array.fillValue());   // xarray's zarr backend (v2): the fill value is _FillValue
        } else if (attrs.get("_FillValue") instanceof String special) {
            // v3 keeps CF's _FillValue as an attribute (xarray's use_zarr_fill_value_as_mask=False); JSON has no NaN
            attrs.put("_FillValue", switch (special) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> special;
            });
        }
        ZarrSource source = new ZarrSource(store, array, token);
        ChunkedArray data = ChunkedArray.fromSource(source, chunkSpec(options, dims, array));
        Map<String, Object> timeAttrs = inheritedTime != null ? inheritedTime : attrs;
        Object units = timeAttrs.get("units");
        boolean time = options.decodeTimes() && units instanceof String u && TimeUnits.isTimeUnit(u);
        if (options.maskAndScale() || time) {
            data = CfDecoding.mask(data, attrs, encoding, false, array.dtype().itemSize());
        }
        if (time) {
            return CfDecoding.decodeTime(data, dims, attrs, encoding, timeAttrs, name, store.describe(array.path()));
        }
        if (options.maskAndScale()) {
            data = CfDecoding.scale(data, attrs, encoding);
        }
        if (options.decodeTimedelta() && attrs.get("units") instanceof String u && TimeUnits.durationUnitNanos(u) > 0) {
            return CfDecoding.decodeTimedelta(data, dims, attrs, encoding, name, store.describe(array.path()));
        }
        if ("bool".equals(attrs.get("dtype")) && !data.dtype().isFloat()) {
            attrs.remove("dtype");   // xarray stores booleans as int8 with this attribute
            data = data.astype(DType.BOOL);
        }
        boolean lazy = options.chunks() != null || options.autoChunks();
        return lazy ? Variable.lazy(dims, data, attrs, encoding) : Variable.onDemand(dims, data, attrs, encoding);
    }

    /**
     * Blocks as xarray's {@code open_zarr}: the store's chunks, except where a size is asked for (-1 a whole
     * dimension); "auto" near 128 MiB in whole store chunks.
     */
    private static ChunkSpec chunkSpec(OpenOptions options, List<String> dims, ArrayMetadata array) {
        long[] shape = array.shape();
        long[] stored = Arrays.stream(array.chunks()).asLongStream().toArray();
        if (options.autoChunks()) {
            long[] auto = ChunkSpec.auto().resolve(shape, array.dtype().dtype()).maxBlockShape();
            for (int k = 0; k < auto.length; k++) {
                if (auto[k] < shape[k]) {
                    auto[k] = Math.max(stored[k], auto[k] / stored[k] * stored[k]);
                }
                auto[k] = Math.max(1, auto[k]);
            }
            return ChunkSpec.of(auto);
        }
        Map<String, Integer> requested = options.chunks();
        long[] blocks = new long[shape.length];
        for (int k = 0; k < shape.length; k++) {
            Integer size = requested == null ? null : requested.get(dims.get(k));
            if (requested == null) {
                blocks[k] = -1;
            } else if (size == null) {
                blocks[k] = Math.min(stored[k], Math.max(shape[k], 1));
            } else if (size == -1) {
                blocks[k] = -1;
            } else if (size <= 0) {
                throw new IllegalArgumentException("Chunk size " + size + " for dimension '" + dims.get(k)
                        + "' must be positive, or -1 for the whole dimension");
            } else {
                blocks[k] = size;
            }
        }
        return ChunkSpec.of(blocks);
    }

    /** Text arrays (NumPy's U and S, and variable-length UTF-8), read whole into labels. */
    static final class TextArrays {
        private TextArrays() {
        }

        static Object[] read(Store store, ArrayMetadata array) throws IOException {
            long size = 1;
            for (long s : array.shape()) {
                size *= s;
            }
            if (size > 50_000_000) {
                throw new IllegalArgumentException("Text array " + store.describe(array.path()) + " has " + size
                        + " values, too many to read as labels");
            }
            Object[] out = new Object[(int) size];
            if (size == 0) {
                return out;
            }
            long[] index = new long[array.ndim()];
            Map<String, long[]> shardIndexes = new HashMap<>();
            do {
                byte[] stored = array.storedChunk(store, index, shardIndexes);
                String[] values = stored == null ? null : values(array, array.decode(stored), store);
                long n = array.chunkElements();
                for (long i = 0; i < n; i++) {
                    long offset = array.arrayOffset(index, i);
                    if (offset >= 0) {
                        out[(int) offset] = values == null ? "" : values[(int) i];
                    }
                }
            } while (array.nextChunk(index));
            return out;
        }

        private static String[] values(ArrayMetadata array, byte[] data, Store store) throws IOException {
            int n = (int) array.chunkElements();
            String[] values = new String[n];
            ZarrDType type = array.dtype();
            if (type.kind() == 'O') {
                ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                int count = b.getInt();
                if (count != n) {
                    throw new IOException("a text chunk of " + store.describe(array.path()) + " holds " + count
                            + " values where its chunks hold " + n);
                }
                for (int i = 0; i < n; i++) {
                    int length = b.getInt();
                    values[i] = new String(data, b.position(), length, StandardCharsets.UTF_8);
                    b.position(b.position() + length);
                }
                return values;
            }
            int size = type.itemSize();
            for (int i = 0; i < n; i++) {
                String s = type.kind() == 'U'
                        ? new String(data, i * size, size, type.order() == ByteOrder.BIG_ENDIAN
                        ? Charset.forName("UTF-32BE") : Charset.forName("UTF-32LE"))
                        : new String(data, i * size, size, StandardCharsets.UTF_8);
                int end = s.indexOf('\0');
                values[i] = end >= 0 ? s.substring(0, end) : s;
            }
            return values;
        }
    }
}
