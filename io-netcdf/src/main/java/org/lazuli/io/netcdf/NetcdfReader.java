package org.lazuli.io.netcdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.io.spi.CfDecoding;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.TimeUnits;
import ucar.ma2.Array;
import ucar.ma2.ArrayChar;
import ucar.ma2.DataType;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.NetcdfFile;
import ucar.nc2.iosp.hdf5.H5header;

/**
 * Opens a NetCDF file as a {@link Dataset}: reads metadata, makes every numeric variable a lazy
 * source of hyperslab reads, and decodes CF conventions as xarray does by default (masking
 * _FillValue and missing_value, unpacking scale_factor/add_offset, decoding times, turning the
 * "coordinates" attribute into coordinates). Labels (times, strings) are read at open time.
 */
final class NetcdfReader {
    private NetcdfReader() {
    }

    static Dataset open(Path file, OpenOptions options) {
        String path = file.toAbsolutePath().normalize().toString();
        try {
            HandleCache.retain(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        try {
            Dataset dataset = HandleCache.read(path, handle -> build(handle, path, options));
            AtomicBoolean closed = new AtomicBoolean();
            AutoCloseable release = () -> {
                if (closed.compareAndSet(false, true)) {
                    HandleCache.release(path);
                }
            };
            return Dataset.withResources(dataset.variables(), dataset.coordNames(), dataset.attrs(), List.of(release));
        } catch (IOException e) {
            HandleCache.release(path);
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            HandleCache.release(path);
            if (String.valueOf(e.getMessage()).contains(path)) {
                throw e;
            }
            // NetCDF-Java's own failure while reading metadata or labels: say which file, and that it is damaged
            String message = "Cannot read " + path + ": " + NetcdfFiles.describe(e) + "; the file may be truncated or corrupt";
            throw new UncheckedIOException(message, new IOException(message, e));
        } catch (Error e) {   // the file's handles must not outlive a failed open
            HandleCache.release(path);
            throw e;
        }
    }

    private static Dataset build(NetcdfFile handle, String path, OpenOptions options) throws IOException {
        Group group = handle.getRootGroup();
        if (options.group() != null && !options.group().isEmpty() && !options.group().equals("/")) {
            group = handle.findGroup(options.group().startsWith("/") ? options.group().substring(1) : options.group());
            if (group == null) {
                List<String> names = new ArrayList<>();
                collectGroups(handle.getRootGroup(), names);
                throw new IllegalArgumentException("No group '" + options.group() + "' in " + path + "; groups are "
                        + names);
            }
        }
        long modified = Files.getLastModifiedTime(Path.of(path)).toMillis();
        Map<String, ucar.nc2.Variable> ncVariables = new LinkedHashMap<>();
        for (ucar.nc2.Variable v : group.getVariables()) {
            ncVariables.put(v.getShortName(), v);
        }
        Map<String, Map<String, Object>> timeEncodings = boundsTimeUnits(ncVariables);
        Set<String> stackable = stackableCharDimensions(ncVariables);
        Map<String, Variable> variables = new LinkedHashMap<>();
        Set<String> coordNames = new LinkedHashSet<>();
        for (ucar.nc2.Variable v : ncVariables.values()) {
            String name = v.getShortName();
            List<String> dims = v.getDimensions().stream().map(d -> d.getShortName() == null ? "dim" : d.getShortName())
                    .toList();
            boolean stack = !dims.isEmpty() && stackable.contains(dims.get(dims.size() - 1));
            Variable decoded = decode(v, path, dims, stack, options, modified, timeEncodings.get(name));
            variables.put(name, decoded);
            if (decoded.dims().size() == 1 && decoded.dims().get(0).equals(name)) {
                coordNames.add(name);
                decoded = decoded.load();   // dimension coordinates are indexes: read them now, as xarray does
                variables.put(name, decoded);
            }
        }
        if (options.decodeCoords()) {
            CfDecoding.decodeCoordinates(variables, coordNames);
        }
        Map<String, Object> attrs = Attributes.of(group.getAttributes());
        Map<String, Variable> ordered = new LinkedHashMap<>(variables);
        return Dataset.withResources(ordered, coordNames, attrs, List.of());
    }

    private static void collectGroups(Group group, List<String> names) {
        for (Group g : group.getGroups()) {
            names.add(g.getFullName());
            collectGroups(g, names);
        }
    }

    /**
     * Char dimensions that can be folded into strings, as xarray decides: no variable is named like the
     * dimension, and every variable using it is a char array with it last.
     */
    private static Set<String> stackableCharDimensions(Map<String, ucar.nc2.Variable> variables) {
        Set<String> candidates = new LinkedHashSet<>();
        for (ucar.nc2.Variable v : variables.values()) {
            if (v.getDataType() == DataType.CHAR && v.getRank() > 0) {
                candidates.add(v.getDimension(v.getRank() - 1).getShortName());
            }
        }
        candidates.removeIf(variables::containsKey);
        for (ucar.nc2.Variable v : variables.values()) {
            for (int k = 0; k < v.getRank(); k++) {
                String dim = v.getDimension(k).getShortName();
                if (candidates.contains(dim) && (v.getDataType() != DataType.CHAR || k != v.getRank() - 1)) {
                    candidates.remove(dim);
                }
            }
        }
        return candidates;
    }

    /** Bounds of a time variable without their own units take the time's units and calendar, as xarray does. */
    private static Map<String, Map<String, Object>> boundsTimeUnits(Map<String, ucar.nc2.Variable> variables) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ucar.nc2.Variable v : variables.values()) {
            ucar.nc2.Attribute unitsAttribute = v.findAttribute("units");
            Object units = unitsAttribute == null ? null : Attributes.value(unitsAttribute);
            ucar.nc2.Attribute bounds = v.findAttribute("bounds");
            if (units instanceof String u && TimeUnits.isTimeUnit(u) && bounds != null && bounds.isString()) {
                ucar.nc2.Variable b = variables.get(bounds.getStringValue());
                if (b != null && b.findAttribute("units") == null) {
                    Map<String, Object> inherited = new LinkedHashMap<>();
                    inherited.put("units", u);
                    ucar.nc2.Attribute calendar = v.findAttribute("calendar");
                    if (calendar != null && calendar.isString()) {
                        inherited.put("calendar", calendar.getStringValue());
                    }
                    out.put(b.getShortName(), inherited);
                }
            }
        }
        return out;
    }

    private static Variable decode(ucar.nc2.Variable v, String path, List<String> dims, boolean stackChars,
                                   OpenOptions options, long modified, Map<String, Object> inheritedTime)
            throws IOException {
        String name = v.getShortName();
        DataType type = v.getDataType();
        Map<String, Object> attrs = Attributes.of(v.getAttributes());
        Map<String, Object> encoding = new LinkedHashMap<>();
        encoding.put("source", path);
        encoding.put("original_shape", Arrays.stream(v.getShape()).asLongStream().toArray());
        if (v.getSPobject() instanceof H5header.Vinfo hdf5) {
            // NetCDF-Java adds _FillValue and _ChunkSizes attributes from HDF5 storage messages even where
            // the file has no such attribute (netCDF-C, and so xarray, shows none): keep only real ones
            String messages = String.valueOf(hdf5);
            for (String synthesized : List.of("_FillValue", "_ChunkSizes")) {
                if (attrs.containsKey(synthesized) && !hasHdf5Attribute(messages, synthesized)) {
                    attrs.remove(synthesized);
                }
            }
            encoding.putAll(Hdf5Chunks.storageEncoding(path, v.getFullName()));   // zlib, complevel, shuffle ...
            if (hdf5.isChunked() && hdf5.getChunking() != null) {
                int[] chunking = hdf5.getChunking();
                encoding.put("chunksizes", Arrays.stream(chunking, 0, Math.max(0, chunking.length - 1)).asLongStream()
                        .toArray());
            }
        }
        if (type == DataType.CHAR) {
            return charVariable(v, dims, stackChars, attrs, encoding);
        }
        if (type == DataType.STRING) {
            Array values = v.read();
            Set<Object> masked = new HashSet<>();
            for (String key : List.of("_FillValue", "missing_value")) {
                if (attrs.get(key) instanceof String marker) {   // masked as xarray masks strings
                    masked.add(marker);
                    encoding.put(key, attrs.remove(key));
                }
            }
            Object[] labels = new Object[(int) values.getSize()];
            for (int i = 0; i < labels.length; i++) {
                String label = String.valueOf(values.getObject(i));
                labels[i] = masked.contains(label) ? null : label;
            }
            return Variable.labels(dims, Arrays.stream(v.getShape()).asLongStream().toArray(), labels, attrs)
                    .withEncoding(encoding);
        }
        boolean unsigned = v.isUnsigned();
        DType raw = NetcdfSource.dtypeOf(type, unsigned);
        if (raw == null) {
            throw new UnsupportedOperationException("Variable '" + v.getFullName() + "' in " + path + " has the type "
                    + type + (type == DataType.STRUCTURE ? " (compound)" : "") + ", which Lazuli cannot read; open another"
                    + " group, or read the file with NetCDF-Java directly");
        }
        Object unsignedAttr = attrs.remove("_Unsigned");
        if (unsignedAttr != null) {
            encoding.put("_Unsigned", unsignedAttr);
        }
        encoding.put("dtype", unsigned ? unsignedName(type) : raw.numpyName());
        long[] shape = Arrays.stream(v.getShape()).asLongStream().toArray();
        NetcdfSource source = new NetcdfSource(path, v.getFullNameEscaped(), name, shape, raw, unsigned, modified,
                v.getSPobject() instanceof H5header.Vinfo ? v.getFullName() : null,
                storageChunks(encoding.get("chunksizes"), shape));
        ChunkSpec chunks = chunkSpec(options, dims, shape, raw, encoding.get("chunksizes"));
        ChunkedArray data = ChunkedArray.fromSource(source, chunks);

        Map<String, Object> timeAttrs = inheritedTime != null ? inheritedTime : attrs;
        Object units = timeAttrs.get("units");
        boolean time = options.decodeTimes() && units instanceof String u && TimeUnits.isTimeUnit(u);
        if (options.maskAndScale() || time) {
            data = CfDecoding.mask(data, attrs, encoding, unsigned, type.getSize());
        }
        if (time) {
            return CfDecoding.decodeTime(data, dims, attrs, encoding, timeAttrs, name, path);
        }
        if (options.maskAndScale()) {
            data = CfDecoding.scale(data, attrs, encoding);
        }
        if (options.decodeTimedelta() && attrs.get("units") instanceof String u && TimeUnits.durationUnitNanos(u) > 0) {
            return CfDecoding.decodeTimedelta(data, dims, attrs, encoding, name, path);
        }
        boolean lazy = options.chunks() != null || options.autoChunks();
        return lazy ? Variable.lazy(dims, data, attrs, encoding) : Variable.onDemand(dims, data, attrs, encoding);
    }

    /** The stored chunk shape of a variable from its {@code chunksizes} encoding; all ones when contiguous. */
    private static long[] storageChunks(Object chunksizes, long[] shape) {
        long[] chunks = diskChunks(chunksizes, shape);
        for (int k = 0; k < chunks.length; k++) {
            chunks[k] = Math.max(1, chunks[k]);
        }
        return chunks;
    }

    /** Whether an HDF5 object's messages (NetCDF-Java's description of them) list a real attribute. */
    private static boolean hasHdf5Attribute(String messages, String name) {
        return messages.contains("Name= " + name + " ")
                || Pattern.compile("\\s" + name + "\\s+heapId").matcher(messages).find();
    }

    private static String unsignedName(DataType type) {
        return switch (type) {
            case BYTE -> "uint8";
            case SHORT -> "uint16";
            case INT -> "uint32";
            default -> "uint64";
        };
    }

    /** Block sizes from the open options: per dimension, -1 whole, {} the file's chunks, "auto" near 128 MiB. */
    private static ChunkSpec chunkSpec(OpenOptions options, List<String> dims, long[] shape, DType dtype,
                                       Object diskChunks) {
        long[] onDisk = diskChunks(diskChunks, shape);
        if (options.autoChunks()) {
            long[] auto = ChunkSpec.auto().resolve(shape, dtype).maxBlockShape();
            for (int k = 0; k < auto.length; k++) {
                if (onDisk[k] > 0 && auto[k] < shape[k]) {
                    auto[k] = Math.max(onDisk[k], auto[k] / onDisk[k] * onDisk[k]);
                }
            }
            return ChunkSpec.of(positive(auto));
        }
        Map<String, Integer> requested = options.chunks();
        long[] blocks = new long[shape.length];
        for (int k = 0; k < shape.length; k++) {
            Integer size = requested == null ? null : requested.get(dims.get(k));
            if (requested != null && requested.isEmpty()) {
                blocks[k] = onDisk[k] > 0 ? onDisk[k] : -1;
            } else if (size == null || size == -1) {
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

    private static long[] positive(long[] blocks) {
        return Arrays.stream(blocks).map(b -> Math.max(b, 1)).toArray();
    }

    private static long[] diskChunks(Object value, long[] shape) {
        double[] sizes = Attributes.numbers(value, false);
        long[] out = new long[shape.length];
        if (sizes.length == shape.length) {
            for (int k = 0; k < shape.length; k++) {
                out[k] = Math.min((long) sizes[k], Math.max(shape[k], 1));
            }
        }
        return out;
    }

    /** Char arrays become strings along their last dimension (a char dimension coordinate stays per character). */
    private static Variable charVariable(ucar.nc2.Variable v, List<String> dims, boolean stackChars,
                                         Map<String, Object> attrs, Map<String, Object> encoding) throws IOException {
        Array values = v.read();
        long[] shape = Arrays.stream(v.getShape()).asLongStream().toArray();
        Object fill = attrs.remove("_FillValue");
        if (fill != null) {
            encoding.put("_FillValue", fill);
        }
        Object missing = attrs.remove("missing_value");
        if (missing != null) {
            encoding.put("missing_value", missing);
        }
        encoding.put("dtype", "|S1");
        Set<String> masked = new HashSet<>();
        for (Object m : new Object[] {fill, missing}) {
            if (m instanceof String text) {
                masked.add(text.replace("\0", ""));
            }
        }
        if (!stackChars || shape.length == 0) {
            Object[] labels = new Object[(int) values.getSize()];
            for (int i = 0; i < labels.length; i++) {
                String c = String.valueOf(values.getChar(i)).replace("\0", "");
                labels[i] = masked.contains(c) ? null : c;
            }
            return Variable.labels(dims, shape, labels, attrs).withEncoding(encoding);
        }
        int length = (int) shape[shape.length - 1];
        long[] outer = Arrays.copyOf(shape, shape.length - 1);
        int count = (int) (values.getSize() / Math.max(length, 1));
        Object[] labels = new Object[length == 0 ? (int) Arrays.stream(outer).reduce(1, (a, b) -> a * b) : count];
        char[] chars = (char[]) ((ArrayChar) values).get1DJavaArray(char.class);
        for (int i = 0; i < labels.length; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < length; j++) {
                char c = chars[i * length + j];
                if (c == 0) {
                    break;
                }
                s.append(c);
            }
            labels[i] = masked.contains(s.toString()) ? null : s.toString();
        }
        encoding.put("char_dim_name", dims.get(dims.size() - 1));
        return Variable.labels(dims.subList(0, dims.size() - 1), outer, labels, attrs).withEncoding(encoding);
    }

    static List<Dimension> dimensions(ucar.nc2.Variable v) {
        return v.getDimensions();
    }

    static Calendar calendar(Object attribute) {
        return Calendar.of(attribute instanceof String s ? s : null);
    }
}
