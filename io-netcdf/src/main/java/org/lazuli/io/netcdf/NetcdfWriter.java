package org.lazuli.io.netcdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.io.spi.CfDecoding;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.TimeUnits;
import ucar.ma2.Array;
import ucar.ma2.ArrayChar;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.Group;
import ucar.nc2.NetcdfFileWriter;

/**
 * Writes a dataset as NetCDF-3 (classic or 64-bit offset) or NetCDF-4 (HDF5, through NetCDF-Java's
 * writer over the netCDF C library), variable by variable in slabs along the first dimension, so lazy data larger than memory is computed and written a slab at a time. The
 * variables' encodings are applied: packing with scale_factor/add_offset into their integer dtype,
 * NaN written as _FillValue, times encoded with their units and calendar, strings as char arrays.
 * NetCDF-4 variables are chunked, deflated and shuffled as their encodings say (xarray's zlib,
 * complevel, shuffle, chunksizes, contiguous); NETCDF4 keeps int64, NETCDF4_CLASSIC and NetCDF-3 narrow
 * it with a check. Writing goes to a temporary file renamed into place, so a failure leaves no partial file.
 */
public final class NetcdfWriter {
    /** Bytes computed and written at a time per variable. */
    private static final long SLAB_BYTES = 64L << 20;

    /** The formats: NetCDF-3 ones NetCDF-Java writes itself, NetCDF-4 ones through the netCDF C library. */
    public enum Format {
        CLASSIC, OFFSET_64BIT, NETCDF4, NETCDF4_CLASSIC;

        boolean isNetcdf4() {
            return this == NETCDF4 || this == NETCDF4_CLASSIC;
        }

        /** xarray's name of the format ("NETCDF4", "NETCDF3_64BIT" ...). */
        static Format of(String name) {
            return switch (name) {
                case "NETCDF4" -> NETCDF4;
                case "NETCDF4_CLASSIC" -> NETCDF4_CLASSIC;
                case "NETCDF3_64BIT" -> OFFSET_64BIT;
                case "NETCDF3_CLASSIC" -> CLASSIC;
                default -> throw new IllegalArgumentException("Unknown NetCDF format '" + name + "'");
            };
        }
    }

    /** How a NetCDF-4 variable is stored. */
    private record Storage(boolean chunked, long[] chunks, int deflateLevel, boolean shuffle) {
    }

    private NetcdfWriter() {
    }

    /** Writes {@code dataset} to {@code path}; {@code unlimited} names dimensions to write as UNLIMITED. */
    public static void write(Dataset dataset, Path path, Format format, Set<String> unlimited) {
        write(dataset, path, format, unlimited, "");
    }

    /** As {@link #write(Dataset, Path, Format, Set)}, into group {@code group} ("a/b"; "" the root). */
    public static void write(Dataset dataset, Path path, Format format, Set<String> unlimited, String group) {
        Path target = path.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + ".writing");
        try {
            Files.deleteIfExists(temporary);
            writeTo(dataset, temporary, format, unlimited, group);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    public static void write(Dataset dataset, Path path, Format format) {
        write(dataset, path, format, Set.of());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the write already failed; its exception is the one to report
        }
    }

    /** One variable as it will be stored. */
    private record Stored(String name, Variable variable, DataType type, List<String> dims, Map<String, Object> attrs,
                          ChunkedArray data, Object[] labels, int stringLength, ChunkedArray beforeNarrowing) {
        Stored(String name, Variable variable, DataType type, List<String> dims, Map<String, Object> attrs,
               ChunkedArray data, Object[] labels, int stringLength) {
            this(name, variable, type, dims, attrs, data, labels, stringLength, null);
        }
    }

    private static void writeTo(Dataset dataset, Path file, Format format, Set<String> unlimited, String groupPath)
            throws IOException {
        List<Stored> stored = new ArrayList<>();
        Map<String, Storage> storage = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : dataset.variables().entrySet()) {
            Stored s = encode(e.getKey(), e.getValue(), format == Format.NETCDF4);
            stored.add(s);
            storage.put(s.name(), storage(s, unlimited));
        }
        NetcdfFileWriter writer;
        if (format.isNetcdf4()) {
            requireNetcdfLibrary(file);
            writer = NetcdfFileWriter.createNew(format == Format.NETCDF4 ? NetcdfFileWriter.Version.netcdf4
                    : NetcdfFileWriter.Version.netcdf4_classic, file.toString(), chunking(storage));
        } else {
            writer = NetcdfFileWriter.createNew(NetcdfFileWriter.Version.netcdf3, file.toString());
            writer.setLargeFile(format == Format.OFFSET_64BIT);
        }
        try {
            writer.setFill(false);
            Group group = null;   // the root
            for (String name : groupPath.isEmpty() ? new String[0] : groupPath.split("/+")) {
                // NetcdfFileWriter.addGroup(null, name) returns the root group without adding to it
                group = writer.addGroup(group == null ? writer.addGroup(null, "") : group, name);
            }
            Map<String, Dimension> dims = new LinkedHashMap<>();
            for (Stored s : stored) {
                long[] shape = shapeOf(s);
                for (int k = 0; k < s.dims().size(); k++) {
                    String dim = s.dims().get(k);
                    if (!dims.containsKey(dim)) {
                        dims.put(dim, unlimited.contains(dim) ? writer.addDimension(group, dim, 0, true, true, false)
                                : writer.addDimension(group, dim, (int) shape[k]));
                    }
                }
            }
            Map<String, ucar.nc2.Variable> variables = new LinkedHashMap<>();
            for (Stored s : stored) {
                List<Dimension> vdims = s.dims().stream().map(dims::get).toList();
                ucar.nc2.Variable v = writer.addVariable(group, s.name(), s.type(), vdims);
                for (Map.Entry<String, Object> a : s.attrs().entrySet()) {
                    writer.addVariableAttribute(v, attribute(a.getKey(), a.getValue()));
                }
                variables.put(s.name(), v);
            }
            for (Map.Entry<String, Object> a : dataset.attrs().entrySet()) {
                writer.addGroupAttribute(group, attribute(a.getKey(), a.getValue()));
            }
            writer.create();
            for (Stored s : stored) {
                writeData(writer, variables.get(s.name()), s);
            }
        } catch (InvalidRangeException e) {
            throw closeAfter(writer, new IOException(e.getMessage(), e));
        } catch (IOException e) {
            throw closeAfter(writer, e);
        } catch (RuntimeException e) {
            throw closeAfter(writer, e);
        }
        writer.close();
    }

    /** Closes a writer after {@code failure}, which stays the exception reported. */
    private static <E extends Exception> E closeAfter(NetcdfFileWriter writer, E failure) {
        try {
            writer.close();
        } catch (IOException | RuntimeException closing) {
            failure.addSuppressed(closing);
        }
        return failure;
    }

    /** Whether the netCDF C library NETCDF4 is written through is installed. */
    static boolean hasNetcdfLibrary() {
        try {
            return ucar.nc2.jni.netcdf.Nc4Iosp.isClibraryPresent();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** NETCDF4 needs the netCDF C library; without it, say what to install (NetCDF-3 needs none). */
    private static void requireNetcdfLibrary(Path file) {
        if (!hasNetcdfLibrary()) {
            throw new IllegalStateException("Writing " + file.getFileName() + " as NetCDF-4 needs the netCDF C library,"
                    + " which was not found: install it (Debian/Ubuntu: apt-get install libnetcdf19; elsewhere libnetcdf,"
                    + " pointing -Djna.library.path at its folder), or write NETCDF3_64BIT, which needs no library");
        }
    }

    /** Chunking, deflate and shuffle from a variable's encoding (xarray's keys), checked against its shape. */
    private static Storage storage(Stored s, Set<String> unlimited) {
        Map<String, Object> encoding = s.variable().encoding();
        long[] shape = shapeOf(s);
        if (s.type() == DataType.STRING) {   // variable-length strings cannot be compressed (netCDF-C refuses filters)
            long[] chunks = new long[shape.length];
            for (int k = 0; k < shape.length; k++) {
                chunks[k] = unlimited.contains(s.dims().get(k)) ? 1 : Math.max(1, shape[k]);
            }
            return new Storage(s.dims().stream().anyMatch(unlimited::contains), chunks, 0, false);
        }
        boolean zlib = Boolean.TRUE.equals(encoding.get("zlib"));
        int level = zlib ? (encoding.get("complevel") instanceof Number n ? n.intValue() : 4) : 0;
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("Variable '" + s.name() + "': complevel must be 0 to 9, got " + level);
        }
        boolean shuffle = encoding.get("shuffle") instanceof Boolean b ? b && (zlib || encoding.containsKey("chunksizes"))
                : zlib;
        boolean growing = s.dims().stream().anyMatch(unlimited::contains);
        double[] sizes = Attributes.numbers(encoding.get("chunksizes"), false);
        // inherited storage (a file's contiguous layout, chunk sizes of another shape) gives way, as in xarray;
        // what the caller asked for was checked before (checkRequested)
        if (sizes.length != s.dims().size() || Arrays.stream(sizes).anyMatch(x -> x < 1)) {
            sizes = new double[0];
        }
        boolean contiguous = Boolean.TRUE.equals(encoding.get("contiguous")) && !zlib && !growing && sizes.length == 0;
        boolean chunked = !contiguous && (zlib || shuffle || growing || sizes.length > 0) && shape.length > 0;
        long[] chunks = new long[shape.length];
        if (sizes.length > 0 && s.labels() == null) {
            for (int k = 0; k < sizes.length; k++) {
                chunks[k] = unlimited.contains(s.dims().get(k)) ? (long) sizes[k]
                        : Math.max(1, Math.min((long) sizes[k], shape[k]));
            }
        } else {
            for (int k = 0; k < shape.length; k++) {
                chunks[k] = k < s.dims().size() && unlimited.contains(s.dims().get(k)) ? 1 : Math.max(1, shape[k]);
            }
        }
        return new Storage(chunked, chunks, level, shuffle);
    }

    /**
     * The storage a caller asks for in {@code WriteOptions} must fit the variable: chunk sizes one per
     * dimension and positive, and not contiguous together with compression or chunk sizes.
     */
    static void checkRequested(Dataset dataset, Map<String, Map<String, Object>> requested) {
        requested.forEach((name, encoding) -> {
            Variable v = dataset.variables().get(name);
            double[] sizes = Attributes.numbers(encoding.get("chunksizes"), false);
            if (encoding.containsKey("chunksizes") && (sizes.length != v.dims().size()
                    || Arrays.stream(sizes).anyMatch(x -> x < 1))) {
                throw new IllegalArgumentException("Variable '" + name + "' has " + v.dims().size() + " dimensions "
                        + v.dims() + " but chunksizes " + encoding.get("chunksizes") + " are not one positive size each");
            }
            if (Boolean.TRUE.equals(encoding.get("contiguous")) && (Boolean.TRUE.equals(encoding.get("zlib"))
                    || encoding.containsKey("chunksizes"))) {
                throw new IllegalArgumentException("Variable '" + name + "' cannot be contiguous and compressed or"
                        + " chunked; drop one of them");
            }
            if (encoding.get("complevel") instanceof Number level && (level.intValue() < 0 || level.intValue() > 9)) {
                throw new IllegalArgumentException("Variable '" + name + "': complevel must be 0 to 9, got " + level);
            }
        });
    }

    /** NetCDF-Java's per-variable storage choices, from the encodings. */
    private static ucar.nc2.write.Nc4Chunking chunking(Map<String, Storage> storage) {
        return new ucar.nc2.write.Nc4Chunking() {
            private Storage of(ucar.nc2.Variable v) {
                return storage.getOrDefault(v.getShortName(), new Storage(false, null, 0, false));
            }

            @Override
            public boolean isChunked(ucar.nc2.Variable v) {
                return of(v).chunked() || v.isUnlimited();
            }

            @Override
            public long[] computeChunking(ucar.nc2.Variable v) {
                Storage s = of(v);
                if (s.chunks() != null && s.chunks().length == v.getRank()) {
                    return s.chunks();
                }
                long[] chunks = new long[v.getRank()];
                for (int k = 0; k < chunks.length; k++) {
                    chunks[k] = v.getDimension(k).isUnlimited() ? 1 : Math.max(1, v.getDimension(k).getLength());
                }
                return chunks;
            }

            @Override
            public int getDeflateLevel(ucar.nc2.Variable v) {
                return of(v).deflateLevel();
            }

            @Override
            public boolean isShuffle(ucar.nc2.Variable v) {
                return of(v).shuffle();
            }
        };
    }

    private static long[] shapeOf(Stored s) {
        if (s.labels() != null) {
            long[] shape = s.variable().shape();
            if (s.type() == DataType.CHAR) {
                long[] withLength = Arrays.copyOf(shape, shape.length + 1);
                withLength[shape.length] = s.stringLength();
                return withLength;
            }
            return shape;
        }
        return s.data().shape();
    }

    /**
     * Applies a variable's encoding: packing, fill values, time units, timedeltas, strings. {@code netcdf4Model}:
     * the full NetCDF-4 model (NETCDF4), which holds int64 and strings as they are.
     */
    private static Stored encode(String name, Variable v, boolean netcdf4Model) {
        Map<String, Object> attrs = new LinkedHashMap<>(v.attrs());
        Map<String, Object> encoding = v.encoding();
        List<String> dims = new ArrayList<>(v.dims());
        if (v.isLabels()) {
            Object[] labels = v.labelValues().toArray();
            boolean dates = Arrays.stream(labels).anyMatch(l -> l instanceof CalendarDate);
            if (dates) {
                return encodeTimes(name, v, attrs, encoding, labels, dims);
            }
            if (CfDecoding.holdsDurations(v)) {
                CfDecoding.EncodedTimedelta encoded = CfDecoding.encodeTimedelta(labels, encoding);
                attrs.put("units", encoded.units());
                if (encoded.missing()) {
                    attrs.put("_FillValue", Double.NaN);
                }
                ChunkedArray data = ChunkedArray.fromDense(DenseArray.of(encoded.values(), v.shape()),
                        wholeChunks(v.shape()));
                return new Stored(name, v, DataType.DOUBLE, dims, attrs, data, null, 0);
            }
            boolean fill = encoding.get("_FillValue") instanceof String || encoding.get("missing_value") instanceof String;
            boolean chars = encoding.containsKey("char_dim_name") || String.valueOf(encoding.get("dtype")).endsWith("S1");
            if (netcdf4Model && (!chars || fill)) {
                // NETCDF4 holds strings as such (xarray writes str as NC_STRING), and a char array read from a file
                // is written back as one; but a char array's fill value is lost on the way through NetCDF-Java's
                // NetCDF-4 writer, so masked chars are written as strings with a string fill value
                String marker = encoding.get("_FillValue") instanceof String f ? f
                        : encoding.get("missing_value") instanceof String m ? m : "";
                for (String key : List.of("_FillValue", "missing_value")) {
                    if (encoding.get(key) instanceof String value) {
                        attrs.put(key, value);
                    }
                }
                Object[] strings = Arrays.stream(labels).map(l -> l == null ? marker : l).toArray();
                return new Stored(name, v, DataType.STRING, dims, attrs, null, strings, 0);
            }
            int length = 1;
            for (Object l : labels) {
                length = Math.max(length, l == null ? 0 : ((String) l).length());
            }
            String charDim = encoding.get("char_dim_name") instanceof String c ? c : "string" + length;
            dims.add(charDim);
            for (String key : List.of("_FillValue", "missing_value")) {
                if (encoding.get(key) instanceof String marker) {
                    attrs.put(key, marker.isEmpty() ? "\0" : marker);
                    String stored = marker.isEmpty() ? "" : marker;
                    labels = Arrays.stream(labels).map(l -> l == null ? stored : l).toArray();
                    break;
                }
            }
            return new Stored(name, v, DataType.CHAR, dims, attrs, null, labels, length);
        }
        ChunkedArray data = v.array();
        Object fill = encoding.get("_FillValue");
        Object missing = encoding.get("missing_value");
        double[] scales = Attributes.numbers(encoding.get("scale_factor"), false);
        double[] offsets = Attributes.numbers(encoding.get("add_offset"), false);
        DType target = storedType(encoding.get("dtype") instanceof String d ? d : null, data.dtype());
        boolean packed = scales.length > 0 || offsets.length > 0;
        if (packed) {
            if (offsets.length > 0) {
                data = data.subtract(offsets[0]);
                attrs.put("add_offset", encoding.get("add_offset"));
            }
            if (scales.length > 0) {
                data = data.divide(scales[0]);
                attrs.put("scale_factor", encoding.get("scale_factor"));
            }
            if (!target.isFloat()) {
                data = data.round();
            }
        }
        if (target.isFloat() && !data.dtype().isFloat()) {
            data = data.astype(target);
        }
        double[] fills = Attributes.numbers(fill, false);
        if (fills.length > 0) {
            data = ChunkedArray.where(data.isnan(), fills[0], data);
            attrs.put("_FillValue", fill);
        } else if (target.isFloat()) {
            attrs.put("_FillValue", target == DType.FLOAT32 ? (Object) Float.NaN : (Object) Double.NaN);
        } else if (data.dtype().isFloat() && !packed && target != data.dtype()) {
            target = data.dtype();
        }
        if (missing != null) {
            attrs.put("missing_value", missing);
        }
        if (encoding.get("_Unsigned") != null) {
            attrs.put("_Unsigned", encoding.get("_Unsigned"));
        }
        // NetCDF-4 holds int64 and uint8 (NC_UBYTE: a byte variable with _Unsigned, as NetCDF-Java writes it)
        DType written = netcdf4Model && (target == DType.INT64 || target == DType.UINT8) ? target : netcdf3Type(target);
        if (written == DType.UINT8) {
            attrs.put("_Unsigned", "true");
        }
        return new Stored(name, v, dataType(written), dims, attrs, data.astype(written), null, 0,
                written != target && target.isInteger() ? data : null);
    }

    private static Stored encodeTimes(String name, Variable v, Map<String, Object> attrs, Map<String, Object> encoding,
                                      Object[] labels, List<String> dims) {
        CalendarDate first = null;
        for (Object l : labels) {
            if (l instanceof CalendarDate d) {
                first = first == null || d.compareTo(first) < 0 ? d : first;
            }
        }
        Calendar calendar = encoding.get("calendar") instanceof String c ? Calendar.of(c) : first.calendar();
        String units = encoding.get("units") instanceof String u ? u
                : "days since " + String.format(Locale.ROOT, "%04d-01-01", Math.max(first.year(), 1));
        TimeUnits timeUnits = TimeUnits.parse(units, calendar);
        double[] values = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i] instanceof CalendarDate d ? timeUnits.encode(d) : Double.NaN;
        }
        attrs.put("units", units);
        attrs.put("calendar", encoding.get("calendar") instanceof String c ? c : calendar.cfName());
        if (Arrays.stream(values).anyMatch(Double::isNaN)) {
            attrs.put("_FillValue", Double.NaN);
        }
        ChunkedArray data = ChunkedArray.fromDense(DenseArray.of(values, v.shape()), wholeChunks(v.shape()));
        return new Stored(name, v, DataType.DOUBLE, dims, attrs, data, null, 0);
    }

    private static long[] wholeChunks(long[] shape) {
        long[] chunks = new long[shape.length];
        Arrays.fill(chunks, -1);
        return chunks;
    }

    private static DType storedType(String encoded, DType data) {
        if (encoded == null) {
            return data;
        }
        return switch (encoded) {
            case "uint16" -> DType.INT32;
            case "uint32" -> DType.INT64;
            case "S1" -> data;
            default -> DType.of(encoded);
        };
    }

    /** NetCDF-3 has no int64, unsigned or bool types: narrow with a check, as xarray does. */
    private static DType netcdf3Type(DType dtype) {
        return switch (dtype) {
            case INT64 -> DType.INT32;
            case UINT8 -> DType.INT16;
            case BOOL -> DType.INT8;
            default -> dtype;
        };
    }

    private static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> DataType.DOUBLE;
            case FLOAT32 -> DataType.FLOAT;
            case INT32 -> DataType.INT;
            case INT16 -> DataType.SHORT;
            case INT8, UINT8 -> DataType.BYTE;
            case INT64 -> DataType.LONG;
            default -> throw new IllegalStateException("No NetCDF type for " + dtype);
        };
    }

    private static void writeData(NetcdfFileWriter writer, ucar.nc2.Variable v, Stored s)
            throws IOException, InvalidRangeException {
        if (s.labels() != null && s.type() == DataType.STRING) {
            int[] shape = Arrays.stream(shapeOf(s)).mapToInt(Math::toIntExact).toArray();
            Array strings = Array.factory(DataType.STRING, shape);
            for (int i = 0; i < s.labels().length; i++) {
                strings.setObject(i, s.labels()[i]);
            }
            writer.write(v, strings);
            return;
        }
        if (s.labels() != null) {
            long[] shape = shapeOf(s);
            ArrayChar chars = new ArrayChar(Arrays.stream(shape).mapToInt(x -> (int) x).toArray());
            int length = s.stringLength();
            for (int i = 0; i < s.labels().length; i++) {
                String text = s.labels()[i] == null ? "" : (String) s.labels()[i];
                for (int j = 0; j < length; j++) {
                    chars.setChar(i * length + j, j < text.length() ? text.charAt(j) : '\0');
                }
            }
            writer.write(v, chars);
            return;
        }
        ChunkedArray data = s.data();
        long[] shape = data.shape();
        if (shape.length == 0) {
            writer.write(v, toArray(data.compute(), s.type()));
            return;
        }
        long rowBytes = data.dtype().itemSize();
        for (int k = 1; k < shape.length; k++) {
            rowBytes *= shape[k];
        }
        // a slab is held about three times (its blocks, the slab, NetCDF-Java's array): a small part of the heap
        long slabBytes = Math.min(SLAB_BYTES, Runtime.getRuntime().maxMemory() / 16);
        long rows = Math.max(1, slabBytes / Math.max(rowBytes, 1));
        for (long start = 0; start < shape[0]; start += rows) {
            long stop = Math.min(shape[0], start + rows);
            DenseArray slab = data.slice(0, start, stop).compute();
            if (s.beforeNarrowing() != null) {
                checkNarrowing(s, s.beforeNarrowing().slice(0, start, stop).compute(), slab.dtype());
            }
            int[] origin = new int[shape.length];
            origin[0] = (int) start;
            writer.write(v, origin, toArray(slab, s.type()));
        }
    }

    /** Integers narrowed for the format must fit its type: checked on the values before the cast. */
    private static void checkNarrowing(Stored s, DenseArray original, DType narrowed) {
        long min = narrowed == DType.INT32 ? Integer.MIN_VALUE : Short.MIN_VALUE;
        long max = narrowed == DType.INT32 ? Integer.MAX_VALUE : Short.MAX_VALUE;
        for (long value : original.toLongArray()) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("Variable '" + s.name() + "' holds " + original.dtype() + " values"
                        + " (such as " + value + ") that do not fit the format's " + narrowed + "; write NETCDF4, which"
                        + " keeps int64, or cast it (astype) before writing");
            }
        }
    }

    private static Array toArray(DenseArray block, DataType type) {
        int[] shape = Arrays.stream(block.shape()).mapToInt(x -> (int) x).toArray();
        Object storage = switch (type) {
            case DOUBLE -> block.toDoubleArray();
            case FLOAT -> block.toFloatArray();
            case INT -> block.toIntArray();
            case SHORT -> block.toShortArray();
            case BYTE -> block.toByteArray();
            case LONG -> block.toLongArray();
            default -> throw new IllegalStateException(type.toString());
        };
        return Array.factory(type, shape, storage);
    }

    private static Attribute attribute(String name, Object value) {
        if (value instanceof String s) {
            return new Attribute(name, s);
        }
        if (value instanceof Number n) {
            return new Attribute(name, n);
        }
        if (value instanceof String[] strings) {
            return new Attribute(name, String.join(", ", strings));
        }
        if (value instanceof double[] a) {
            return new Attribute(name, Array.factory(DataType.DOUBLE, new int[] {a.length}, a));
        }
        if (value instanceof float[] a) {
            return new Attribute(name, Array.factory(DataType.FLOAT, new int[] {a.length}, a));
        }
        if (value instanceof int[] a) {
            return new Attribute(name, Array.factory(DataType.INT, new int[] {a.length}, a));
        }
        if (value instanceof short[] a) {
            return new Attribute(name, Array.factory(DataType.SHORT, new int[] {a.length}, a));
        }
        if (value instanceof byte[] a) {
            return new Attribute(name, Array.factory(DataType.BYTE, new int[] {a.length}, a));
        }
        if (value instanceof long[] a) {
            double[] d = Arrays.stream(a).asDoubleStream().toArray();
            return new Attribute(name, Array.factory(DataType.DOUBLE, new int[] {a.length}, d));
        }
        return new Attribute(name, String.valueOf(value));
    }
}
