package org.lazuli.io.spi;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@code Dataset.toNetcdf} writes: the format and, per variable, xarray's {@code encoding} keys.
 * Immutable; every {@code with…} returns a new object.
 *
 * <pre>{@code
 * ds.toNetcdf(path, WriteOptions.defaults().withFormat("NETCDF4")
 *         .withEncoding("tas", Map.of("zlib", true, "complevel", 4, "shuffle", true, "chunksizes", List.of(1, 180, 360)))
 *         .withUnlimitedDims("time"));
 * }</pre>
 *
 * @param format        "NETCDF4", "NETCDF4_CLASSIC", "NETCDF3_64BIT" or "NETCDF3_CLASSIC"
 * @param encodings     per variable, keys as xarray's: zlib, complevel, shuffle, chunksizes, contiguous,
 *                      dtype, scale_factor, add_offset, _FillValue, missing_value, units, calendar
 * @param unlimitedDims dimensions written as UNLIMITED
 * @param group         the group the dataset is written into ("model/run1", created with its parents;
 *                      NETCDF4 only), or "" for the root group
 */
public record WriteOptions(String format, Map<String, Map<String, Object>> encodings, Set<String> unlimitedDims,
                           String group) {
    /** The formats, as xarray names them. */
    public static final List<String> FORMATS = List.of("NETCDF4", "NETCDF4_CLASSIC", "NETCDF3_64BIT", "NETCDF3_CLASSIC");

    /** The encoding keys a variable may be given, as xarray's netCDF4 backend accepts them. */
    public static final Set<String> ENCODING_KEYS = Set.of("zlib", "complevel", "shuffle", "chunksizes", "contiguous",
            "dtype", "scale_factor", "add_offset", "_FillValue", "missing_value", "units", "calendar");

    public WriteOptions {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("Unknown NetCDF format '" + format + "'; use one of " + FORMATS);
        }
        group = group == null ? "" : group.replaceAll("^/+|/+$", "");
        if (!group.isEmpty() && !format.equals("NETCDF4")) {
            throw new IllegalArgumentException("Group '" + group + "' cannot be written as " + format
                    + ": only NETCDF4 has groups; write NETCDF4, or leave the group out");
        }
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        encodings.forEach((variable, encoding) -> {
            for (String key : encoding.keySet()) {
                if (!ENCODING_KEYS.contains(key)) {
                    throw new IllegalArgumentException("Unexpected encoding key '" + key + "' for variable '" + variable
                            + "'; valid keys are " + new java.util.TreeSet<>(ENCODING_KEYS));
                }
            }
            copy.put(variable, Map.copyOf(encoding));
        });
        encodings = java.util.Collections.unmodifiableMap(copy);
        unlimitedDims = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(unlimitedDims));
    }

    /**
     * NETCDF4 (xarray's default format), no extra encodings, no unlimited dimension. NETCDF4 is written
     * through the netCDF C library; {@code toNetcdf(path)} without options writes NETCDF3_64BIT where that
     * library is missing, as xarray falls back to scipy's writer.
     */
    public static WriteOptions defaults() {
        return new WriteOptions("NETCDF4", Map.of(), Set.of(), "");
    }

    /** Options writing into the root group. */
    public WriteOptions(String format, Map<String, Map<String, Object>> encodings, Set<String> unlimitedDims) {
        this(format, encodings, unlimitedDims, "");
    }

    public WriteOptions withFormat(String newFormat) {
        return new WriteOptions(newFormat, encodings, unlimitedDims, group);
    }

    /** Adds (or replaces) one variable's encoding; keys as xarray's. */
    public WriteOptions withEncoding(String variable, Map<String, Object> encoding) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>(encodings);
        all.put(variable, encoding);
        return new WriteOptions(format, all, unlimitedDims, group);
    }

    public WriteOptions withUnlimitedDims(String... dims) {
        return new WriteOptions(format, encodings, Set.of(dims), group);
    }

    /**
     * Writes the dataset into group {@code path} ("model/run1", parents created) of a new NETCDF4 file,
     * as xarray's {@code to_netcdf(path, group=...)}; {@code OpenOptions.withGroup} reads it back.
     */
    public WriteOptions withGroup(String path) {
        return new WriteOptions(format, encodings, unlimitedDims, path);
    }

    /** Whether the format is HDF5-based (NetCDF-4), which NetCDF-Java writes through the netCDF C library. */
    public boolean isNetcdf4() {
        return format.startsWith("NETCDF4");
    }
}
