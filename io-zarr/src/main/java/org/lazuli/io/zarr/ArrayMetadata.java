package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Zarr array's metadata (v2's {@code .zarray}): its shape, regular chunk grid, element type, fill
 * value, memory order and the byte pipeline of its chunks; with where its keys are in the store.
 *
 * @param path       the array's key prefix in the store ("tas", "model/tas")
 * @param shape      the array's shape
 * @param chunks     the chunk shape (edge chunks are stored whole, padded)
 * @param dtype      the element type
 * @param fillValue  what a chunk never written holds: a Double (NaN too), Long, Boolean, String or null
 * @param order      'C' (row-major) or 'F' (column-major) within a chunk
 * @param compressor the compressor, or null
 * @param filters    the filters, applied in order before the compressor
 * @param separator  between a chunk key's indices: "." or "/"
 * @param keyPrefix  before a chunk key's indices: "" (v2, and v3's "v2" key encoding) or "c" (v3's default)
 * @param sharding   for a sharded v3 array, how its inner chunks ({@code chunks}) sit in the stored shards;
 *                   null when each chunk is stored under its own key
 */
record ArrayMetadata(String path, long[] shape, int[] chunks, ZarrDType dtype, Object fillValue, char order,
                     Codec compressor, List<Codec> filters, String separator, String keyPrefix, Sharding sharding)
        implements Serializable {

    /** An unsharded array's metadata. */
    ArrayMetadata(String path, long[] shape, int[] chunks, ZarrDType dtype, Object fillValue, char order,
                  Codec compressor, List<Codec> filters, String separator, String keyPrefix) {
        this(path, shape, chunks, dtype, fillValue, order, compressor, filters, separator, keyPrefix, null);
    }

    /** A v2 array's metadata (chunk keys without a prefix). */
    ArrayMetadata(String path, long[] shape, int[] chunks, ZarrDType dtype, Object fillValue, char order,
                  Codec compressor, List<Codec> filters, String separator) {
        this(path, shape, chunks, dtype, fillValue, order, compressor, filters, separator, "");
    }

    ArrayMetadata {
        filters = List.copyOf(filters);
        if (shape.length != chunks.length) {
            throw new IllegalArgumentException("Zarr array " + path + " has a " + shape.length + "-d shape but "
                    + chunks.length + "-d chunks");
        }
        for (int c : chunks) {
            if (c <= 0) {
                throw new IllegalArgumentException("Zarr array " + path + " has chunks " + Arrays.toString(chunks)
                        + "; every chunk size must be positive");
            }
        }
    }

    /** Reads a v2 {@code .zarray} document; {@code where} names the array in errors. */
    @SuppressWarnings("unchecked")
    static ArrayMetadata v2(String path, Map<String, Object> zarray, String where) {
        Object format = zarray.get("zarr_format");
        if (!(format instanceof Number n) || n.intValue() != 2) {
            throw new IllegalArgumentException("Zarr array " + where + " has zarr_format " + format + " in its .zarray;"
                    + " expected 2");
        }
        long[] shape = longs(zarray.get("shape"), "shape", where);
        long[] chunkSizes = longs(zarray.get("chunks"), "chunks", where);
        int[] chunks = new int[chunkSizes.length];
        for (int k = 0; k < chunks.length; k++) {
            if (chunkSizes[k] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Zarr array " + where + " has a chunk size " + chunkSizes[k]
                        + " larger than 2^31");
            }
            chunks[k] = (int) chunkSizes[k];
        }
        ZarrDType dtype = ZarrDType.v2(String.valueOf(zarray.get("dtype")), where);
        String order = String.valueOf(zarray.getOrDefault("order", "C"));
        if (!order.equals("C") && !order.equals("F")) {
            throw new IllegalArgumentException("Zarr array " + where + " has order '" + order + "'; expected C or F");
        }
        Codec compressor = zarray.get("compressor") instanceof Map<?, ?> c
                ? Compressors.of((Map<String, Object>) c, dtype, where) : null;
        List<Codec> filters = new ArrayList<>();
        if (zarray.get("filters") instanceof List<?> list) {
            for (Object f : list) {
                if (f instanceof Map<?, ?> m && "vlen-utf8".equals(m.get("id")) && dtype.kind() == 'O') {
                    continue;   // the object codec of text arrays: decoded with the text itself
                }
                filters.add(Compressors.of((Map<String, Object>) f, dtype, where));
            }
        }
        String separator = String.valueOf(zarray.getOrDefault("dimension_separator", "."));
        return new ArrayMetadata(path, shape, chunks, dtype, fillValue(zarray.get("fill_value"), dtype), order.charAt(0),
                compressor, filters, separator);
    }

    /**
     * Reads a v3 array's {@code zarr.json}: the regular chunk grid, both chunk key encodings, and the codecs
     * transpose (to C or F order), bytes (the byte order) and then blosc, zstd, gzip and crc32c.
     */
    @SuppressWarnings("unchecked")
    static ArrayMetadata v3(String path, Map<String, Object> zarrJson, String where) {
        long[] shape = longs(zarrJson.get("shape"), "shape", where);
        Map<String, Object> grid = zarrJson.get("chunk_grid") instanceof Map<?, ?> g ? (Map<String, Object>) g : Map.of();
        if (!"regular".equals(grid.get("name"))) {
            throw new IllegalArgumentException("Zarr array " + where + " has the chunk grid " + grid.get("name")
                    + "; Lazuli reads regular grids only");
        }
        Map<String, Object> gridConfig = (Map<String, Object>) grid.getOrDefault("configuration", Map.of());
        long[] chunkSizes = longs(gridConfig.get("chunk_shape"), "chunk_shape", where);
        int[] chunks = Arrays.stream(chunkSizes).mapToInt(c -> (int) Math.min(c, Integer.MAX_VALUE)).toArray();
        Map<String, Object> keys = zarrJson.get("chunk_key_encoding") instanceof Map<?, ?> k ? (Map<String, Object>) k
                : Map.of("name", "default");
        Map<String, Object> keyConfig = (Map<String, Object>) keys.getOrDefault("configuration", Map.of());
        boolean defaultKeys = "default".equals(keys.get("name"));
        if (!defaultKeys && !"v2".equals(keys.get("name"))) {
            throw new IllegalArgumentException("Zarr array " + where + " has the chunk key encoding " + keys.get("name")
                    + "; Lazuli reads \"default\" and \"v2\"");
        }
        String separator = String.valueOf(keyConfig.getOrDefault("separator", defaultKeys ? "/" : "."));
        char order = 'C';
        ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        List<Codec> bytesCodecs = new ArrayList<>();
        boolean bytesSeen = false;
        String dataType = String.valueOf(zarrJson.get("data_type"));
        ZarrDType provisional = ZarrDType.v3(dataType, byteOrder, where);
        List<?> codecList = zarrJson.get("codecs") instanceof List<?> list ? list : List.of();
        for (int c = 0; c < codecList.size(); c++) {
            Map<String, Object> codec = (Map<String, Object>) codecList.get(c);
            String name = String.valueOf(codec.get("name"));
            Map<String, Object> config = (Map<String, Object>) codec.getOrDefault("configuration", Map.of());
            switch (name) {
                case "transpose" -> order = transposeOrder(config.get("order"), shape.length, where);
                case "bytes" -> {
                    bytesSeen = true;
                    byteOrder = "big".equals(config.get("endian")) ? ByteOrder.BIG_ENDIAN
                            : ByteOrder.LITTLE_ENDIAN;
                }
                case "blosc" -> {
                    Map<String, Object> v2 = new LinkedHashMap<>(config);
                    v2.put("id", "blosc");
                    Object shuffle = config.get("shuffle");
                    v2.put("shuffle", "bitshuffle".equals(shuffle) ? 2 : "shuffle".equals(shuffle) ? 1 : 0);
                    bytesCodecs.add(Compressors.of(v2, provisional, where));
                }
                case "zstd", "gzip" -> {
                    Map<String, Object> v2 = new LinkedHashMap<>(config);
                    v2.put("id", name);
                    bytesCodecs.add(Compressors.of(v2, provisional, where));
                }
                case "crc32c" -> bytesCodecs.add(new Compressors.Crc32c());
                case "vlen-utf8" -> bytesSeen = true;   // text: numcodecs' variable-length UTF-8 layout
                case "sharding_indexed" -> {
                    if (bytesSeen || !bytesCodecs.isEmpty() || order != 'C' || c != codecList.size() - 1) {
                        throw new IllegalArgumentException("Zarr array " + where + " has codecs around its"
                                + " sharding_indexed codec; Lazuli reads sharding as the only outer codec (zarr-python's)");
                    }
                    return sharded(path, shape, chunks, zarrJson, config, separator, defaultKeys ? "c" : "", where);
                }
                default -> throw new IllegalArgumentException("Zarr array " + where + " uses the codec '" + name
                        + "', which Lazuli cannot decode; it decodes transpose, bytes, blosc, zstd, gzip, crc32c"
                        + " and sharding_indexed");
            }
        }
        if (!bytesSeen) {
            throw new IllegalArgumentException("Zarr array " + where + " has no bytes codec; its chunks cannot be read");
        }
        ZarrDType dtype = ZarrDType.v3(dataType, byteOrder, where);
        Object fill = zarrJson.get("fill_value") instanceof String hex && hex.startsWith("0x")
                ? hexFill(hex, dtype) : fillValue(zarrJson.get("fill_value"), dtype);
        return new ArrayMetadata(path, shape, chunks, dtype, fill, order, null, bytesCodecs, separator,
                defaultKeys ? "c" : "");
    }

    /** A sharded array: its inner chunks' pipeline read as an array of its own, and the shards' index layout. */
    @SuppressWarnings("unchecked")
    private static ArrayMetadata sharded(String path, long[] shape, int[] shardShape, Map<String, Object> zarrJson,
                                         Map<String, Object> config, String separator, String keyPrefix, String where) {
        Map<String, Object> inner = new LinkedHashMap<>(zarrJson);
        inner.put("chunk_grid", Map.of("name", "regular", "configuration",
                Map.of("chunk_shape", config.getOrDefault("chunk_shape", List.of()))));
        inner.put("codecs", config.getOrDefault("codecs", List.of()));
        ArrayMetadata chunked = v3(path, inner, where + " (inside its shards)");
        if (chunked.sharding() != null) {
            throw new IllegalArgumentException("Zarr array " + where + " has shards inside its shards, which Lazuli"
                    + " does not read; rewrite it with one level of sharding");
        }
        if (chunked.chunks().length != shape.length) {
            throw new IllegalArgumentException("Zarr array " + where + " has " + chunked.chunks().length
                    + "-d inner chunks in a " + shape.length + "-d array");
        }
        Sharding sharding = Sharding.of(shardShape, chunked.chunks(), config, where);
        return new ArrayMetadata(path, shape, chunked.chunks(), chunked.dtype(), chunked.fillValue(), chunked.order(),
                null, chunked.filters(), separator, keyPrefix, sharding);
    }

    /** A transpose codec's order as C (none) or F (all axes reversed); other permutations are refused. */
    private static char transposeOrder(Object value, int ndim, String where) {
        List<?> order = value instanceof List<?> l ? l : List.of();
        boolean identity = order.size() == ndim;
        boolean reversed = order.size() == ndim;
        for (int k = 0; k < order.size(); k++) {
            int axis = ((Number) order.get(k)).intValue();
            identity &= axis == k;
            reversed &= axis == ndim - 1 - k;
        }
        if (identity || "C".equals(value)) {
            return 'C';
        }
        if (reversed || "F".equals(value)) {
            return 'F';
        }
        throw new IllegalArgumentException("Zarr array " + where + " transposes its chunks by " + value + "; Lazuli"
                + " reads the identity and the full reversal (F order)");
    }

    private static Object hexFill(String hex, ZarrDType dtype) {
        long bits = Long.parseUnsignedLong(hex.substring(2), 16);
        if (dtype.kind() == 'f') {
            return dtype.itemSize() == 4 ? (double) Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
        }
        return bits;
    }

    /** The {@code .zarray} document. */
    Map<String, Object> toV2() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chunks", chunks);
        out.put("compressor", compressor == null ? null : compressor.config());
        out.put("dimension_separator", separator);
        out.put("dtype", dtype.typestr());
        out.put("fill_value", fillValueJson());
        out.put("filters", filters.isEmpty() ? null : filters.stream().map(Codec::config).toList());
        out.put("order", String.valueOf(order));
        out.put("shape", shape);
        out.put("zarr_format", 2);
        return out;
    }

    /** The array's {@code zarr.json} (v3): bytes little-endian (or vlen-utf8 for text), then its codecs. */
    Map<String, Object> toV3(List<String> dims, Map<String, Object> attributes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zarr_format", 3);
        out.put("node_type", "array");
        out.put("shape", shape);
        out.put("data_type", dtype.v3Name());
        int[] grid = sharding == null ? chunks : sharding.shardShape();
        out.put("chunk_grid", Map.of("name", "regular", "configuration", Map.of("chunk_shape", grid)));
        out.put("chunk_key_encoding", Map.of("name", "default", "configuration", Map.of("separator", separator)));
        Object fill = fillValueJson();
        out.put("fill_value", fill != null ? fill : dtype.kind() == 'b' ? (Object) false : dtype.isText() ? "" : 0);
        List<Object> codecs = new ArrayList<>();
        codecs.add(dtype.kind() == 'O' ? Map.of("name", "vlen-utf8")
                : Map.of("name", "bytes", "configuration", Map.of("endian", "little")));
        for (Codec codec : filters) {
            codecs.add(codec.v3Config());
        }
        out.put("codecs", sharding == null ? codecs : List.of(sharding.v3Codec(chunks, codecs)));
        out.put("dimension_names", dims);
        out.put("attributes", attributes);
        return out;
    }

    /** The fill value as JSON holds it: NaN and the infinities as strings, as zarr-python writes them. */
    Object fillValueJson() {
        if (fillValue instanceof Double d) {
            if (d.isNaN()) {
                return "NaN";
            }
            if (d.isInfinite()) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return dtype.kind() == 'f' ? d : (Object) d.longValue();
        }
        return fillValue;
    }

    private static Object fillValue(Object json, ZarrDType dtype) {
        if (json == null || dtype.isText()) {
            return dtype.isText() ? null : json;
        }
        if (json instanceof Boolean b) {
            return b;
        }
        if (json instanceof String s) {
            return switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("Fill value '" + s + "' is not a number");
            };
        }
        if (json instanceof Number n) {
            return dtype.kind() == 'f' ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        return null;
    }

    private static long[] longs(Object value, String key, String where) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof Number)) {
            throw new IllegalArgumentException("Zarr array " + where + " has no list of integers as its '" + key + "'");
        }
        long[] out = list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
        for (long v : out) {
            if (v < 0) {
                throw new IllegalArgumentException("Zarr array " + where + " has a negative " + key + " " + list);
            }
        }
        return out;
    }

    int ndim() {
        return shape.length;
    }

    /** How many chunks the grid has along {@code axis}. */
    long gridSize(int axis) {
        return (shape[axis] + chunks[axis] - 1) / chunks[axis];
    }

    /**
     * Where element {@code i} of chunk {@code chunkIndex} (counted in the chunk's memory order) is in the whole
     * array, row-major; -1 for the padding of an edge chunk.
     */
    long arrayOffset(long[] chunkIndex, long i) {
        int nd = shape.length;
        long rest = i;
        long[] within = new long[nd];
        for (int j = 0; j < nd; j++) {
            int k = order == 'F' ? j : nd - 1 - j;
            within[k] = rest % chunks[k];
            rest /= chunks[k];
        }
        long offset = 0;
        for (int k = 0; k < nd; k++) {
            long position = chunkIndex[k] * chunks[k] + within[k];
            if (position >= shape[k]) {
                return -1;
            }
            offset = offset * shape[k] + position;
        }
        return offset;
    }

    /** Steps {@code chunkIndex} to the next chunk of the grid, row-major; false after the last. */
    boolean nextChunk(long[] chunkIndex) {
        int k = shape.length - 1;
        while (k >= 0 && ++chunkIndex[k] == gridSize(k)) {
            chunkIndex[k] = 0;
            k--;
        }
        return k >= 0;
    }

    /** Elements in one (whole, padded) chunk. */
    long chunkElements() {
        long n = 1;
        for (int c : chunks) {
            n *= c;
        }
        return n;
    }

    /**
     * The key of the object holding chunk {@code index}, from the store's root ("tas/0.1.2"; "tas/0" for a
     * scalar): the chunk's own, or for a sharded array its shard's.
     */
    String chunkKey(long[] index) {
        return objectKey(sharding == null ? index : sharding.shardOf(index, chunks));
    }

    /** The key of the stored object at {@code gridIndex} of the array's chunk (or shard) grid. */
    String objectKey(long[] index) {
        StringBuilder key = new StringBuilder(path.isEmpty() ? "" : path + "/");
        if (index.length == 0) {
            return key.append(keyPrefix.isEmpty() ? "0" : keyPrefix).toString();
        }
        key.append(keyPrefix);
        for (int k = 0; k < index.length; k++) {
            if (k > 0 || !keyPrefix.isEmpty()) {
                key.append(separator);
            }
            key.append(index[k]);
        }
        return key.toString();
    }

    /** The chunk (or shard) shape each stored object holds, and so what one write task must cover whole. */
    int[] storedShape() {
        return sharding == null ? chunks : sharding.shardShape();
    }

    /**
     * Chunk {@code index}'s bytes as stored (before decoding), or null for a chunk never written. Shard
     * indexes read are kept in {@code shardIndexes}, so that the chunks of one shard cost one index read.
     */
    byte[] storedChunk(Store store, long[] index, Map<String, long[]> shardIndexes) throws IOException {
        String key = chunkKey(index);
        if (sharding == null) {
            return store.get(key);
        }
        long[] shardIndex = shardIndexes.get(key);
        if (shardIndex == null) {
            shardIndex = sharding.readIndex(store, key, chunks);
            shardIndexes.put(key, shardIndex);
        }
        if (shardIndex == Sharding.MISSING) {
            return null;
        }
        return Sharding.readChunk(store, key, shardIndex, sharding.positionInShard(index, chunks));
    }

    /** A stored chunk's bytes through the compressor and filters, back to the chunk's elements. */
    byte[] decode(byte[] stored) throws IOException {
        int bytes = (int) Math.min(Integer.MAX_VALUE, chunkElements() * dtype.itemSize());
        byte[] data = compressor == null ? stored : compressor.decode(stored, dtype.kind() == 'O' ? -1 : bytes);
        for (int i = filters.size() - 1; i >= 0; i--) {
            // only the first decodes to the elements (whose size text does not fix)
            data = filters.get(i).decode(data, i == 0 && dtype.kind() != 'O' ? bytes : -1);
        }
        if (dtype.kind() != 'O' && data.length != bytes) {
            throw new IOException("the chunk holds " + data.length + " bytes where a " + Arrays.toString(chunks) + " chunk"
                    + " of " + dtype.typestr() + " has " + bytes);
        }
        return data;
    }

    /**
     * Whether chunks decode straight from a native buffer they are read into: blosc without filters, one
     * chunk per key (the common case, xarray's default), so that a chunk crosses the heap once, as elements.
     */
    Blosc nativeBlosc() {
        return compressor instanceof Blosc blosc && filters.isEmpty() && sharding == null && dtype.kind() != 'O'
                ? blosc : null;
    }

    /**
     * A blosc frame read into this thread's frame buffer, as the chunk's bytes: decoded block by block as
     * they are asked for when {@code ascending} (a read of a C-order array with ascending steps asks in
     * increasing order), else whole.
     */
    ChunkBytes decodeNativeFrame(Blosc blosc, ByteBuffer frame, boolean ascending) throws IOException {
        return FrameBlocks.of(blosc, frame.remaining(), expectedChunk(), dtype.order(), blockwise(ascending));
    }

    /** Whether a blosc chunk can be decoded block by block: a read of a C-order array asks for it in order. */
    boolean blockwise(boolean ascending) {
        return ascending && order == 'C';
    }

    /** A blosc frame in a local file, as the chunk's bytes, decoded block by block as they are asked for. */
    ChunkBytes decodeLocalFrame(Blosc blosc, FileChannel file) throws IOException {
        return FrameBlocks.open(blosc, file, expectedChunk(), dtype.order());
    }

    private FrameBlocks.Expected expectedChunk() {
        return new FrameBlocks.Expected(chunkElements() * dtype.itemSize(), dtype.itemSize(),
                () -> "a " + Arrays.toString(chunks) + " chunk of " + dtype.typestr());
    }

    /**
     * The chunk's elements as a buffer in the array's byte order: for blosc without filters a view of the
     * thread's native buffer (valid until this thread decodes again), else a heap buffer.
     */
    ByteBuffer decodeToBuffer(byte[] stored) throws IOException {
        if (compressor instanceof Blosc blosc && filters.isEmpty() && dtype.kind() != 'O') {
            ByteBuffer decoded = blosc.decodeToNative(stored);
            long bytes = chunkElements() * dtype.itemSize();
            if (decoded.remaining() != bytes) {
                throw new IOException("the chunk holds " + decoded.remaining() + " bytes where a " + Arrays.toString(chunks)
                        + " chunk of " + dtype.typestr() + " has " + bytes);
            }
            return decoded.order(dtype.order());
        }
        return ByteBuffer.wrap(decode(stored)).order(dtype.order());
    }

    /** A chunk's elements through the filters and compressor, as they are stored. */
    byte[] encode(byte[] raw) throws IOException {
        byte[] data = raw;
        for (Codec filter : filters) {
            data = filter.encode(data);
        }
        return compressor == null ? data : compressor.encode(data);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayMetadata m && path.equals(m.path) && Arrays.equals(shape, m.shape)
                && Arrays.equals(chunks, m.chunks) && dtype.equals(m.dtype) && order == m.order
                && Objects.equals(fillValueJson(), m.fillValueJson()) && Objects.equals(compressor,
                m.compressor) && filters.equals(m.filters) && separator.equals(m.separator)
                && Objects.equals(sharding, m.sharding);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(shape);
    }

    /** The same array with another shape (appending grows it). */
    ArrayMetadata withShape(long[] newShape) {
        return new ArrayMetadata(path, newShape, chunks, dtype, fillValue, order, compressor, filters, separator,
                keyPrefix, sharding);
    }
}
