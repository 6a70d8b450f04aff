package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lazuli.array.BlockSelector;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.io.spi.CfDecoding;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.TimeUnits;

/**
 * Writes a {@link Dataset} as a Zarr v2 group, as xarray's {@code to_zarr}: CF-encoded (times as numbers
 * with units and calendar, packing, fill values), {@code _ARRAY_DIMENSIONS} on every array, blosc-lz4 by
 * default. Numeric data is written by the tasks that compute it (one computation for all variables, each
 * task storing its own chunks); labels, then metadata, then consolidated metadata last, so that a failed
 * write leaves no metadata that describes chunks never written.
 */
final class ZarrWriter {
    /** xarray's (numcodecs') default compressor. */
    static final Map<String, Object> DEFAULT_COMPRESSOR = Map.of("id", "blosc", "cname", "lz4", "clevel", 5,
            "shuffle", 1, "blocksize", 0);

    /** Variables held in memory are written in chunks of about this many bytes. */
    private static final long MEMORY_CHUNK_BYTES = 16L << 20;

    private ZarrWriter() {
    }

    /** One variable as it will be stored: its metadata, attributes and values. */
    private record Planned(String name, ArrayMetadata array, List<String> dims, Map<String, Object> attrs,
                           ChunkedArray data, Object[] text, long[] origin, boolean replaces) {
    }

    static void write(Dataset dataset, Store store, WriteOptions requested) {
        requested.requireEncodingKeys(WriteOptions.ZARR_ENCODING_KEYS, "Zarr");
        String group = requested.group().isEmpty() ? "" : requested.group();
        String prefix = group.isEmpty() ? "" : group + "/";
        try {
            // an append or a region goes into the store in the store's own format
            boolean storedV3 = requested.mode().equals("a") && store.get(prefix + "zarr.json") != null;
            WriteOptions options = storedV3 ? requested.withZarrFormat(3) : requested;
            boolean exists = store.get(prefix + ".zgroup") != null || store.get(prefix + "zarr.json") != null;
            Dataset existing = null;
            switch (options.mode()) {
                case "w-" -> {
                    if (exists || store.get(prefix + ".zarray") != null) {
                        throw new IllegalStateException("Zarr store " + store.describe(group) + " already exists;"
                                + " write with withMode(\"w\") to replace it, or withMode(\"a\") to append to it");
                    }
                }
                case "a" -> {
                    if (exists) {
                        existing = ZarrReader.open(store, OpenOptions.defaults().withChunks(Map.of())
                                .withGroup(group).withMaskAndScale(false).withDecodeTimes(false));
                    } else if (options.appendDim() != null || !options.region().isEmpty()) {
                        throw new IllegalArgumentException("Cannot append to or write a region of " + store.describe(group)
                                + ": there is no Zarr store there; write it first with mode \"w-\"");
                    }
                }
                default -> {
                }
            }
            List<Planned> planned = new ArrayList<>();
            for (Map.Entry<String, Variable> e : dataset.variables().entrySet()) {
                planned.add(plan(e.getKey(), e.getValue(), dataset, prefix, existing, options, store));
            }
            // everything is checked before anything is written
            if (options.mode().equals("w") && exists) {
                store.deleteAll(group);
            }
            writeData(store, planned);
            for (Planned p : planned) {
                if (p.text() != null) {
                    writeText(store, p);
                }
            }
            if (options.zarrFormat() == 3) {
                writeV3Metadata(store, prefix, dataset, planned, existing);
            } else {
                writeMetadata(store, prefix, dataset, planned, existing);
                consolidate(store);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Zarr store " + store.describe(group) + ": " + e.getMessage(), e);
        }
    }

    private static Planned plan(String name, Variable v, Dataset dataset, String prefix, Dataset existing,
                                WriteOptions options, Store store) {
        Map<String, Object> attrs = new LinkedHashMap<>(v.attrs());
        Map<String, Object> encoding = v.encoding();
        long[] shape = v.shape();
        long[] origin = new long[shape.length];
        Variable before = existing == null ? null : existing.variables().get(name);
        ChunkedArray data = null;
        Object[] text = null;
        ZarrDType type;
        Object fill = null;
        if (v.isLabels() && v.labelValues().stream().anyMatch(l -> l instanceof CalendarDate)) {
            Encoded times = encodeTimes(v, encoding, before);
            attrs.putAll(times.attrs());
            data = times.data();
            type = ZarrDType.of(data.dtype());
        } else if (CfDecoding.holdsDurations(v)) {
            CfDecoding.EncodedTimedelta encoded = CfDecoding.encodeTimedelta(v.labelValues().toArray(), encoding);
            attrs.put("units", encoded.units());
            data = ChunkedArray.fromDense(DenseArray.of(encoded.values(), v.shape()), whole(v.shape()));
            if (encoded.integral() && !encoded.missing()) {
                data = data.astype(DType.INT64);   // as xarray stores whole units
            }
            fill = encoded.missing() ? Double.NaN : null;
            type = ZarrDType.of(data.dtype());
        } else if (v.isLabels()) {
            text = v.labelValues().stream().map(l -> l == null ? "" : String.valueOf(l)).toArray();
            int length = Arrays.stream(text).mapToInt(t -> ((String) t).length()).max().orElse(1);
            // v2 as xarray writes text (fixed-width UTF-32); v3 has only variable-length UTF-8 strings
            type = options.zarrFormat() == 3 ? new ZarrDType('O', 0, false) : ZarrDType.text(length);
        } else {
            Encoded numbers = encodeNumbers(v.array(), encoding);
            attrs.putAll(numbers.attrs());
            data = numbers.data();
            fill = numbers.fill();
            type = numbers.type();
        }
        attrs.put("_ARRAY_DIMENSIONS", v.dims());
        if (!dataset.coordNames().contains(name)) {
            String coordinates = coordinatesOf(v, dataset);
            if (coordinates != null) {
                attrs.put("coordinates", coordinates);
            }
        }
        int[] chunks = chunksOf(name, v, data, encoding, shape);
        Codec compressor = compressorOf(name, encoding, type);
        List<Codec> filters = filtersOf(name, encoding, type);
        ArrayMetadata array;
        if (options.zarrFormat() == 3) {
            List<Codec> codecs = new ArrayList<>(filters);
            if (encoding.get("codecs") instanceof List<?> listed) {
                codecs = v3Codecs(name, listed, type, shape, chunks);
            } else if (compressor != null) {
                codecs.add(compressor);
            }
            array = new ArrayMetadata(prefix + name, shape, chunks, type, fill, 'C', null, codecs, "/", "c",
                    shardingOf(name, encoding, chunks, text != null));
        } else if (encoding.get("shards") != null) {
            throw new IllegalArgumentException("The shards encoding of '" + name + "' needs Zarr v3 (Zarr v2 has no"
                    + " shards); add withZarrFormat(3), or drop \"shards\"");
        } else {
            array = new ArrayMetadata(prefix + name, shape, chunks, type, fill, 'C', compressor, filters, ".");
        }
        if (before != null) {
            array = placeInExisting(name, v, before, array, origin, options, store, prefix);
        } else if (!options.region().isEmpty()) {
            throw new IllegalArgumentException("Variable '" + name + "' is not in " + store.describe(prefix)
                    + ", so it cannot be written into a region; write it first, or drop it");
        }
        boolean placed = Arrays.stream(origin).anyMatch(o -> o != 0) || before != null && !options.region().isEmpty();
        if (text != null && placed) {
            text = textInPlace(name, before, text, v.shape(), array, origin, store.describe(prefix + name));
        }
        if (data != null) {
            if (data.dtype() != array.dtype().dtype()) {
                data = data.astype(array.dtype().dtype());   // times appended in the store's integer units
            }
            data = alignedToChunks(data, array, origin);
        }
        return new Planned(name, array, v.dims(), attrs, data, text, origin, before != null && !placed);
    }

    /**
     * A text variable's labels after an append or region: the stored ones with the new ones placed at
     * {@code origin}, the whole array then written again (text is small). Fixed-width text must fit the
     * width the store holds.
     */
    private static Object[] textInPlace(String name, Variable before, Object[] text, long[] shape, ArrayMetadata array,
                                        long[] origin, String where) {
        if (array.dtype().kind() == 'U') {
            int width = array.dtype().itemSize() / 4;
            for (Object t : text) {
                if (((String) t).codePointCount(0, ((String) t).length()) > width) {
                    throw new IllegalArgumentException("Text variable '" + name + "' in " + where + " holds at most "
                            + width + " characters, and '" + t + "' is longer; rewrite the store with withMode(\"w\")");
                }
            }
        }
        long[] total = array.shape();
        Object[] out = new Object[Math.toIntExact(Arrays.stream(total).reduce(1, Math::multiplyExact))];
        Arrays.fill(out, "");
        Object[] stored = before.labelValues().stream().map(l -> l == null ? "" : String.valueOf(l)).toArray();
        place(out, total, stored, before.shape(), new long[total.length]);
        place(out, total, text, shape, origin);
        return out;
    }

    /** Copies a C-order array of {@code sourceShape} into one of {@code targetShape}, its first element at {@code at}. */
    private static void place(Object[] target, long[] targetShape, Object[] source, long[] sourceShape, long[] at) {
        int nd = targetShape.length;
        long[] index = new long[nd];
        for (Object value : source) {
            long offset = 0;
            for (int k = 0; k < nd; k++) {
                offset = offset * targetShape[k] + at[k] + index[k];
            }
            target[(int) offset] = value;
            for (int k = nd - 1; k >= 0 && ++index[k] == sourceShape[k]; k--) {
                index[k] = 0;
            }
        }
    }

    /**
     * An existing variable: appended along {@code appendDim}, written into the region, or replaced. The
     * dimensions, chunks and type must match what is stored (checked before anything is written).
     */
    private static ArrayMetadata placeInExisting(String name, Variable v, Variable before, ArrayMetadata array,
                                                 long[] origin, WriteOptions options, Store store, String prefix) {
        String where = store.describe(prefix + name);
        String appendDim = options.appendDim();
        boolean appends = appendDim != null && v.dims().contains(appendDim);
        boolean region = !options.region().isEmpty();
        if (!appends && !region) {
            return array;   // replaced as a whole
        }
        if (!before.dims().equals(v.dims())) {
            throw new IllegalArgumentException("Cannot " + (appends ? "append" : "write a region") + " to '" + name
                    + "' in " + where + ": it has dimensions " + before.dims() + ", the data " + v.dims());
        }
        ArrayMetadata stored;
        try {
            byte[] zarray = store.get(prefix + name + "/.zarray");
            stored = zarray != null ? ArrayMetadata.v2(prefix + name, Json.object(zarray, where + "/.zarray"), where)
                    : ArrayMetadata.v3(prefix + name, Json.object(store.get(prefix + name + "/zarr.json"),
                    where + "/zarr.json"), where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stored.sharding() != null) {
            throw new UnsupportedOperationException("Cannot " + (appends ? "append" : "write a region") + " to '" + name
                    + "' in " + where + ": it is sharded, and a shard the data reaches into would be rewritten in part;"
                    + " rewrite the array with withMode(\"w\"), or write it unsharded");
        }
        boolean time = v.isLabels();
        if (!time && stored.dtype().dtype() != array.dtype().dtype()) {
            throw new IllegalArgumentException("Cannot " + (appends ? "append" : "write a region") + " to '" + name
                    + "' in " + where + ": it holds " + stored.dtype().numpyName() + ", the data would be stored as "
                    + array.dtype().numpyName() + "; cast the data (astype) or set its dtype encoding");
        }
        long[] newShape = stored.shape().clone();
        for (int k = 0; k < v.dims().size(); k++) {
            String dim = v.dims().get(k);
            if (appends && dim.equals(appendDim)) {
                origin[k] = stored.shape()[k];
                newShape[k] = stored.shape()[k] + v.shape()[k];
            } else if (region && options.region().containsKey(dim)) {
                Slice slice = options.region().get(dim);
                long from = slice.from() == null ? 0 : ((Number) slice.from()).longValue();
                long to = slice.to() == null ? stored.shape()[k] : ((Number) slice.to()).longValue();
                if (slice.step() != 1 || from < 0 || to > stored.shape()[k] || to - from != v.shape()[k]) {
                    throw new IllegalArgumentException("Region " + dim + "=" + slice + " does not fit '" + name
                            + "' in " + where + ": the store has " + stored.shape()[k] + " along " + dim
                            + " and the data " + v.shape()[k] + "; give integer slices with step 1 of the data's size");
                }
                origin[k] = from;
            } else if (stored.shape()[k] != v.shape()[k]) {
                throw new IllegalArgumentException("Cannot " + (appends ? "append" : "write a region") + " to '" + name
                        + "' in " + where + ": dimension '" + dim + "' has size " + stored.shape()[k]
                        + " in the store but " + v.shape()[k] + " in the data" + (appends ? "; only '" + appendDim
                        + "' may differ" : "; add it to the region"));
            }
        }
        return stored.withShape(newShape);
    }

    /** The names of the dataset's non-index coordinates that {@code v} spans, as CF's "coordinates". */
    private static String coordinatesOf(Variable v, Dataset dataset) {
        List<String> names = new ArrayList<>();
        for (String c : dataset.coordNames()) {
            Variable coord = dataset.variables().get(c);
            boolean index = coord.dims().size() == 1 && coord.dims().get(0).equals(c);
            if (!index && v.dims().containsAll(coord.dims())) {
                names.add(c);
            }
        }
        if (names.isEmpty()) {
            return v.encoding().get("coordinates") instanceof String s ? s : null;
        }
        return String.join(" ", names);
    }

    /** Encoded values: the data to store, its stored type, fill value and the attributes the encoding adds. */
    private record Encoded(ChunkedArray data, ZarrDType type, Object fill, Map<String, Object> attrs) {
    }

    private static Encoded encodeNumbers(ChunkedArray data, Map<String, Object> encoding) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        double[] scales = CfDecoding.numbers(encoding.get("scale_factor"), false);
        double[] offsets = CfDecoding.numbers(encoding.get("add_offset"), false);
        String dtypeName = encoding.get("dtype") instanceof String d ? d : null;
        if (data.dtype() == DType.BOOL && (dtypeName == null || dtypeName.equals("bool") || dtypeName.equals("int8"))) {
            attrs.put("dtype", "bool");   // as xarray: int8 with a dtype attribute
            return new Encoded(data.astype(DType.INT8), ZarrDType.of(DType.INT8), null, attrs);
        }
        ZarrDType type = dtypeName == null ? ZarrDType.of(data.dtype()) : storedType(dtypeName);
        DType held = type.dtype();
        if (offsets.length > 0) {
            data = data.subtract(offsets[0]);
            attrs.put("add_offset", encoding.get("add_offset"));
        }
        if (scales.length > 0) {
            data = data.divide(scales[0]);
            attrs.put("scale_factor", encoding.get("scale_factor"));
        }
        if ((scales.length > 0 || offsets.length > 0) && !held.isFloat()) {
            data = data.round();
        }
        Object fill = null;
        double[] fills = CfDecoding.numbers(encoding.get("_FillValue"), false);
        if (fills.length > 0) {
            if (data.dtype().isFloat() && !Double.isNaN(fills[0])) {
                data = ChunkedArray.where(data.isnan(), fills[0], data);
            }
            fill = held.isFloat() ? (Object) fills[0] : (Object) (long) fills[0];
        } else if (held.isFloat() && !encoding.containsKey("_FillValue")) {
            fill = Double.NaN;   // xarray gives floats a NaN fill value
        } else if (data.dtype().isFloat() && !held.isFloat() && !encoding.containsKey("_FillValue")) {
            throw new IllegalArgumentException("Float data stored as " + dtypeName + " needs a _FillValue for its NaNs;"
                    + " add one to the encoding");
        }
        if (encoding.get("missing_value") != null) {
            attrs.put("missing_value", encoding.get("missing_value"));
        }
        if (encoding.get("units") instanceof String units) {
            attrs.put("units", units);
        }
        return new Encoded(data.dtype() == held ? data : data.astype(held), type, fill, attrs);
    }

    private static ZarrDType storedType(String name) {
        if (name.startsWith("<") || name.startsWith(">") || name.startsWith("|")) {
            return ZarrDType.v2(name, "encoding");
        }
        return ZarrDType.v3(name.toLowerCase(Locale.ROOT), ByteOrder.LITTLE_ENDIAN, "encoding");
    }

    /** Dates as numbers of {@code units} ("days since 2000-01-01" unless the encoding names them). */
    private static Encoded encodeTimes(Variable v, Map<String, Object> encoding, Variable before) {
        Object[] labels = v.labelValues().toArray();
        CalendarDate first = null;
        for (Object l : labels) {
            if (l instanceof CalendarDate d) {
                first = first == null || d.compareTo(first) < 0 ? d : first;
            }
        }
        Map<String, Object> beforeAttrs = before == null ? Map.of() : before.attrs();
        Object unitsValue = beforeAttrs.get("units") instanceof String u ? u : encoding.get("units");
        Object calendarValue = beforeAttrs.get("calendar") instanceof String c ? c : encoding.get("calendar");
        Calendar calendar = calendarValue instanceof String c ? Calendar.of(c) : first.calendar();
        String units = unitsValue instanceof String u ? u : String.format(Locale.ROOT, "days since %04d-%02d-%02d",
                Math.max(first.year(), 1), first.month(), first.day());
        TimeUnits timeUnits = TimeUnits.parse(units, calendar);
        double[] values = new double[labels.length];
        boolean integral = true;
        boolean missing = false;
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i] instanceof CalendarDate d ? timeUnits.encode(d) : Double.NaN;
            missing |= Double.isNaN(values[i]);
            integral &= Double.isNaN(values[i]) || values[i] == Math.rint(values[i]);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("units", units);
        attrs.put("calendar", calendarValue instanceof String c ? c : calendar.cfName());
        ChunkedArray data = ChunkedArray.fromDense(DenseArray.of(values, v.shape()), whole(v.shape()));
        if (integral && !missing) {
            data = data.astype(DType.INT64);   // as xarray stores whole units
        }
        return new Encoded(data, ZarrDType.of(data.dtype()), missing ? Double.NaN : null, attrs);
    }

    private static long[] whole(long[] shape) {
        long[] chunks = new long[shape.length];
        Arrays.fill(chunks, -1);
        return chunks;
    }

    /** The chunk shape: the encoding's "chunks", else the data's blocks, else ~16 MiB pieces of in-memory data. */
    private static int[] chunksOf(String name, Variable v, ChunkedArray data, Map<String, Object> encoding,
                                  long[] shape) {
        int nd = shape.length;
        int[] chunks = new int[nd];
        double[] requested = CfDecoding.numbers(encoding.get("chunks"), false);
        if (encoding.get("chunks") != null && requested.length != nd) {
            throw new IllegalArgumentException("The chunks encoding " + encoding.get("chunks") + " of '" + name
                    + "' needs " + nd + " sizes, one per dimension " + v.dims());
        }
        long[] blocks;
        if (requested.length == nd && encoding.get("chunks") != null) {
            blocks = Arrays.stream(requested).mapToLong(x -> (long) x).toArray();
        } else if (data != null && v.isLazy()) {
            blocks = data.chunks().maxBlockShape();
        } else {
            DType dtype = data == null ? DType.INT32 : data.dtype();
            blocks = ChunkSpec.of(whole(shape)).resolve(shape, dtype).maxBlockShape();
            long bytes = Arrays.stream(blocks).reduce(1, (a, b) -> a * b) * dtype.itemSize();
            if (bytes > MEMORY_CHUNK_BYTES) {
                blocks = ChunkSpec.auto().resolve(shape, dtype).maxBlockShape();
            }
        }
        for (int k = 0; k < nd; k++) {
            long size = blocks[k] <= 0 ? shape[k] : blocks[k];
            if (requested.length == nd && encoding.get("chunks") != null && blocks[k] <= 0) {
                throw new IllegalArgumentException("Chunk size " + blocks[k] + " for '" + name + "' along '"
                        + v.dims().get(k) + "' must be positive");
            }
            chunks[k] = (int) Math.max(1, Math.min(size, Integer.MAX_VALUE));
        }
        return chunks;
    }

    /**
     * The shards of a v3 array from xarray's "shards" encoding (a shard shape, a whole number of chunks per
     * axis), written with the index at the end and its crc32c, as zarr-python writes them; null without one.
     */
    private static Sharding shardingOf(String name, Map<String, Object> encoding, int[] chunks, boolean text) {
        if (encoding.get("shards") == null) {
            return null;
        }
        if (text) {
            throw new IllegalArgumentException("Text variable '" + name + "' cannot be written in shards; drop its"
                    + " \"shards\" encoding");
        }
        double[] requested = CfDecoding.numbers(encoding.get("shards"), false);
        if (requested.length != chunks.length) {
            throw new IllegalArgumentException("The shards encoding " + encoding.get("shards") + " of '" + name
                    + "' has " + requested.length + " sizes for " + chunks.length + " dimensions");
        }
        int[] shards = new int[chunks.length];
        for (int k = 0; k < chunks.length; k++) {
            shards[k] = (int) requested[k];
            if (shards[k] != requested[k] || shards[k] <= 0 || shards[k] % chunks[k] != 0) {
                throw new IllegalArgumentException("The shards encoding " + encoding.get("shards") + " of '" + name
                        + "' is not a whole number of its chunks " + Arrays.toString(chunks) + " along each"
                        + " dimension; make each shard size a multiple of the chunk size");
            }
        }
        return new Sharding(shards, true, true);
    }

    /** The bytes-to-bytes codecs of a v3 "codecs" encoding (xarray's form: a list of {name, configuration}). */
    private static List<Codec> v3Codecs(String name, List<?> listed, ZarrDType type, long[] shape, int[] chunks) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("shape", Arrays.stream(shape).boxed().toList());
        document.put("data_type", type.v3Name());
        document.put("chunk_grid", Map.of("name", "regular", "configuration",
                Map.of("chunk_shape", Arrays.stream(chunks).boxed().toList())));
        List<Object> codecs = new ArrayList<>(listed);
        if (codecs.stream().noneMatch(c -> c instanceof Map<?, ?> m && ("bytes".equals(m.get("name"))
                || "vlen-utf8".equals(m.get("name"))))) {
            codecs.add(0, Map.of("name", "bytes", "configuration", Map.of("endian", "little")));
        }
        document.put("codecs", codecs);
        ArrayMetadata parsed = ArrayMetadata.v3(name, document, "the codecs encoding of '" + name + "'");
        if (parsed.order() != 'C' || parsed.dtype().bigEndian()) {
            throw new IllegalArgumentException("The codecs encoding of '" + name + "' asks for a transpose or big-endian"
                    + " bytes, which Lazuli does not write; give bytes (little) and bytes-to-bytes codecs");
        }
        return parsed.filters();
    }

    @SuppressWarnings("unchecked")
    private static Codec compressorOf(String name, Map<String, Object> encoding, ZarrDType type) {
        if (!encoding.containsKey("compressor")) {
            return Compressors.of(DEFAULT_COMPRESSOR, type, name);
        }
        Object config = encoding.get("compressor");
        if (config == null || "none".equals(config)) {
            return null;
        }
        if (config instanceof Map<?, ?> map) {
            return Compressors.of((Map<String, Object>) map, type, name);
        }
        throw new IllegalArgumentException("The compressor encoding of '" + name + "' must be a map such as "
                + DEFAULT_COMPRESSOR + ", or \"none\" (or null) for none; got " + config);
    }

    @SuppressWarnings("unchecked")
    private static List<Codec> filtersOf(String name, Map<String, Object> encoding, ZarrDType type) {
        List<Codec> filters = new ArrayList<>();
        if (encoding.get("filters") instanceof List<?> list) {
            for (Object f : list) {
                if (!(f instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("Each filter of '" + name + "' must be a map such as"
                            + " {id=delta, dtype=<i4}; got " + f);
                }
                filters.add(Compressors.of((Map<String, Object>) map, type, name));
            }
        }
        return filters;
    }

    /**
     * The data in blocks that never share a stored chunk (or shard): block edges on the chunk grid (shifted
     * by {@code origin}), each block a whole number of chunks where the data's blocks allow it.
     */
    private static ChunkedArray alignedToChunks(ChunkedArray data, ArrayMetadata array, long[] origin) {
        Chunks current = data.chunks();
        long[][] sizes = new long[array.ndim()][];
        boolean same = true;
        for (int k = 0; k < array.ndim(); k++) {
            int chunk = array.storedShape()[k];
            long length = data.shape()[k];
            List<Long> aligned = new ArrayList<>();
            long position = 0;
            for (int b = 0; b < current.numBlocks(k); b++) {
                long end = current.blockOffset(k, b) + current.blockSize(k, b);
                // an edge inside a chunk moves back to the chunk's start (blocks merge rather than share it)
                long edge = end == length ? end : Math.floorDiv(origin[k] + end, chunk) * chunk - origin[k];
                if (edge > position) {
                    aligned.add(edge - position);
                    position = edge;
                }
            }
            if (position < length || aligned.isEmpty()) {
                aligned.add(length - position);
            }
            sizes[k] = aligned.stream().mapToLong(Long::longValue).toArray();
            same &= Arrays.equals(sizes[k], current.sizes(k));
        }
        return same ? data : data.rechunk(sizes);
    }

    /** Runs every numeric variable's chunk writes as one computation, wherever the data is computed. */
    private static void writeData(Store store, List<Planned> planned) throws IOException {
        for (Planned p : planned) {
            if (p.replaces()) {
                store.deleteAll(p.array().path());   // chunks of the old shape must not outlive it
            }
        }
        ChunkedArray total = null;
        for (Planned p : planned) {
            if (p.data() == null) {
                continue;
            }
            Chunks chunks = p.data().chunks();
            int nd = chunks.ndim();
            long[][] starts = new long[nd][];
            long[] grid = new long[nd];
            long[] ones = new long[nd];
            for (int k = 0; k < nd; k++) {
                grid[k] = chunks.numBlocks(k);
                ones[k] = 1;
                starts[k] = new long[chunks.numBlocks(k)];
                for (int b = 0; b < starts[k].length; b++) {
                    starts[k][b] = chunks.blockOffset(k, b);
                }
            }
            if (Arrays.stream(grid).anyMatch(g -> g == 0) || p.data().size() == 0) {
                continue;
            }
            ChunkedArray index = ChunkedArray.fromSource(new BlockIndex(grid), ChunkSpec.of(ones));
            BlockSelector selector = block -> List.of(new BlockSelector.Input(0, block), new BlockSelector.Input(1, block));
            ChunkedArray written = ChunkedArray.blockwise(new ChunkWriter(store, p.array(), p.origin(), starts), selector,
                    DType.INT64, Chunks.regular(grid, ones), List.of(p.data(), index), "zarr-write-" + p.name());
            ChunkedArray bytes = written.sum();
            total = total == null ? bytes : total.add(bytes);
        }
        if (total != null) {
            total.compute();
        }
    }

    /** Text is small (labels): written from here, in its chunks, as fixed-width UTF-32. */
    private static void writeText(Store store, Planned p) throws IOException {
        ArrayMetadata array = p.array();
        int width = array.dtype().itemSize() / 4;
        Object[] text = p.text();
        if (text.length == 0) {
            return;
        }
        boolean variable = array.dtype().kind() == 'O';
        long[] index = new long[array.ndim()];
        do {
            int n = (int) array.chunkElements();
            ByteBuffer raw = ByteBuffer.allocate(variable ? 0 : n * width * 4)
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<byte[]> utf8 = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long offset = array.arrayOffset(index, i);
                String s = offset >= 0 && offset < text.length ? (String) text[(int) offset] : "";
                if (variable) {
                    utf8.add(s.getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                int[] codePoints = s.codePoints().toArray();
                for (int c = 0; c < width; c++) {
                    raw.putInt((i * width + c) * 4, c < codePoints.length ? codePoints[c] : 0);
                }
            }
            byte[] bytes = variable ? vlenUtf8(utf8) : raw.array();
            store.put(array.chunkKey(index), array.encode(bytes));
        } while (array.nextChunk(index));
    }

    /** numcodecs' (and Zarr v3's) variable-length UTF-8: the count, then each length and its bytes, little-endian. */
    private static byte[] vlenUtf8(List<byte[]> values) {
        int size = 4 + values.stream().mapToInt(v -> 4 + v.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(values.size());
        for (byte[] v : values) {
            out.putInt(v.length).put(v);
        }
        return out.array();
    }

    /**
     * v3: each array's zarr.json, then the group's, last, holding every array of the group as inline
     * consolidated metadata (those an append or region left alone as they are stored), and the stored
     * group attributes updated with the dataset's.
     */
    private static void writeV3Metadata(Store store, String prefix, Dataset dataset, List<Planned> planned,
                                        Dataset existing) throws IOException {
        Map<String, Object> consolidated = new TreeMap<>();
        if (existing != null) {
            for (String name : existing.variables().keySet()) {
                byte[] document = store.get(prefix + name + "/zarr.json");
                if (document != null) {
                    consolidated.put(name, Json.object(document, store.describe(prefix + name + "/zarr.json")));
                }
            }
        }
        for (Planned p : planned) {
            Map<String, Object> attrs = new TreeMap<>(p.attrs());
            attrs.remove("_ARRAY_DIMENSIONS");
            boolean placed = existing != null && existing.variables().containsKey(p.name()) && !p.replaces();
            if (placed) {
                // an append or region keeps the stored mask: v3's fill_value is always there, the CF mask only if written
                Object stored = attributesOf(consolidated.get(p.name())).get("_FillValue");   // the document read above
                if (stored != null) {
                    attrs.put("_FillValue", stored);
                }
            } else if (p.array().fillValue() != null) {
                attrs.put("_FillValue", p.array().fillValueJson());   // v3: the CF mask is an attribute, as xarray
            }
            Map<String, Object> document = p.array().toV3(p.dims(), attrs);
            store.put(p.array().path() + "/zarr.json", Json.bytes(document));
            consolidated.put(p.name(), document);
        }
        Map<String, Object> attributes = new TreeMap<>(existing == null ? Map.of() : existing.attrs());
        attributes.putAll(dataset.attrs());
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("zarr_format", 3);
        group.put("node_type", "group");
        group.put("attributes", attributes);
        group.put("consolidated_metadata", Map.of("kind", "inline", "must_understand", false, "metadata",
                consolidated));
        store.put(prefix + "zarr.json", Json.bytes(group));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributesOf(Object zarrJson) {
        Object attributes = zarrJson instanceof Map<?, ?> document ? document.get("attributes") : null;
        return attributes instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static void writeMetadata(Store store, String prefix, Dataset dataset, List<Planned> planned,
                                      Dataset existing) throws IOException {
        for (Planned p : planned) {
            store.put(p.array().path() + "/.zarray", Json.bytes(p.array().toV2()));
            Map<String, Object> attrs = new TreeMap<>(p.attrs());
            store.put(p.array().path() + "/.zattrs", Json.bytes(attrs));
        }
        store.put(prefix + ".zgroup", Json.bytes(Map.of("zarr_format", 2)));
        Map<String, Object> attrs = new TreeMap<>(existing == null ? Map.of() : existing.attrs());
        attrs.putAll(dataset.attrs());
        store.put(prefix + ".zattrs", Json.bytes(attrs));
    }

    /** Writes {@code .zmetadata}: every metadata document of the store, as zarr-python consolidates them. */
    static void consolidate(Store store) throws IOException {
        Map<String, Object> metadata = new TreeMap<>();
        collect(store, "", metadata);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metadata", metadata);
        root.put("zarr_consolidated_format", 1);
        store.put(".zmetadata", Json.bytes(root));
    }

    private static void collect(Store store, String prefix, Map<String, Object> metadata) throws IOException {
        for (String name : List.of(".zgroup", ".zattrs", ".zarray")) {
            byte[] doc = store.get(prefix + name);
            if (doc != null) {
                metadata.put(prefix + name, Json.object(doc, store.describe(prefix + name)));
            }
        }
        if (store.get(prefix + ".zarray") != null) {
            return;
        }
        for (String child : store.list(prefix)) {
            if (!child.startsWith(".") && (store.get(prefix + child + "/.zgroup") != null
                    || store.get(prefix + child + "/.zarray") != null)) {
                collect(store, prefix + child + "/", metadata);
            }
        }
    }
}
