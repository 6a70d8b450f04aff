package org.lazuli.io.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lazuli.labelled.Slice;

/**
 * How {@code Dataset.toNetcdf} and {@code Dataset.toZarr} write: the format and, per variable, xarray's
 * {@code encoding} keys. Immutable; every {@code with…} returns a new object.
 *
 * <pre>{@code
 * ds.toNetcdf(path, WriteOptions.defaults().withFormat("NETCDF4")
 *         .withEncoding("tas", Map.of("zlib", true, "complevel", 4, "shuffle", true, "chunksizes", List.of(1, 180, 360)))
 *         .withUnlimitedDims("time"));
 * ds.toZarr(store, WriteOptions.defaults().withZarrFormat(2).withMode("a").withAppendDim("time"));
 * }</pre>
 *
 * @param format        "NETCDF4", "NETCDF4_CLASSIC", "NETCDF3_64BIT" or "NETCDF3_CLASSIC"
 * @param encodings     per variable, keys as xarray's: for NetCDF zlib, complevel, shuffle, chunksizes,
 *                      contiguous; for Zarr chunks, compressor, filters, codecs; for both dtype, scale_factor,
 *                      add_offset, _FillValue, missing_value, units, calendar
 * @param unlimitedDims dimensions written as UNLIMITED
 * @param group         the group the dataset is written into ("model/run1", created with its parents;
 *                      NETCDF4 only), or "" for the root group
 * @param zarrFormat    the Zarr format version a new store is written in: 2 (as xarray's default) or 3
 * @param mode          how a Zarr store is written: "w-" (create; fail if it exists, xarray's default),
 *                      "w" (replace) or "a" (append along {@code appendDim}, or overwrite variables)
 * @param appendDim     the dimension appended along in mode "a", or null
 * @param region        for mode "a" without appendDim: integer slices of the store's dimensions to write
 *                      into (xarray's {@code region}); empty for the whole store
 * @param storageOptions how to reach a remote store (an S3 endpoint, region, credentials), as xarray's
 *                      {@code storage_options}; empty for a local target
 */
public record WriteOptions(String format, Map<String, Map<String, Object>> encodings, Set<String> unlimitedDims,
                           String group, int zarrFormat, String mode, String appendDim, Map<String, Slice> region,
                           Map<String, String> storageOptions) {
    /** The formats, as xarray names them. */
    public static final List<String> FORMATS = List.of("NETCDF4", "NETCDF4_CLASSIC", "NETCDF3_64BIT", "NETCDF3_CLASSIC");

    /** The encoding keys a variable may be given, as xarray's netCDF4 backend accepts them. */
    public static final Set<String> ENCODING_KEYS = Set.of("zlib", "complevel", "shuffle", "chunksizes", "contiguous",
            "dtype", "scale_factor", "add_offset", "_FillValue", "missing_value", "units", "calendar");

    /** The encoding keys a variable may be given for Zarr, as xarray's zarr backend accepts them. */
    public static final Set<String> ZARR_ENCODING_KEYS = Set.of("chunks", "shards", "compressor", "filters", "codecs", "dtype",
            "scale_factor", "add_offset", "_FillValue", "missing_value", "units", "calendar");

    /** The Zarr write modes, as xarray names them. */
    public static final List<String> MODES = List.of("w-", "w", "a");

    public WriteOptions {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("Unknown NetCDF format '" + format + "'; use one of " + FORMATS);
        }
        group = group == null ? "" : group.replaceAll("^/+|/+$", "");
        if (!group.isEmpty() && !format.equals("NETCDF4")) {
            throw new IllegalArgumentException("Group '" + group + "' cannot be written as " + format
                    + ": only NETCDF4 has groups; write NETCDF4, or leave the group out");
        }
        if (zarrFormat != 2 && zarrFormat != 3) {
            throw new IllegalArgumentException("Zarr format " + zarrFormat + " does not exist; use 2 or 3");
        }
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("Unknown write mode '" + mode + "'; use one of " + MODES
                    + " (\"w-\" creates, \"w\" replaces, \"a\" appends or overwrites)");
        }
        if (appendDim != null && !mode.equals("a")) {
            throw new IllegalArgumentException("appendDim '" + appendDim + "' needs mode \"a\"; add withMode(\"a\")");
        }
        region = region == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(region));
        if (!region.isEmpty() && appendDim != null) {
            throw new IllegalArgumentException("A region and appendDim cannot be given together (as in xarray);"
                    + " write the region, then append");
        }
        Set<String> allKeys = new TreeSet<>(ENCODING_KEYS);
        allKeys.addAll(ZARR_ENCODING_KEYS);
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        encodings.forEach((variable, encoding) -> {
            for (String key : encoding.keySet()) {
                if (!allKeys.contains(key)) {
                    throw new IllegalArgumentException("Unexpected encoding key '" + key + "' for variable '" + variable
                            + "'; valid keys are " + ENCODING_KEYS.stream().sorted().toList() + " for NetCDF and "
                            + ZARR_ENCODING_KEYS.stream().sorted().toList() + " for Zarr");
                }
            }
            copy.put(variable, Collections.unmodifiableMap(new LinkedHashMap<>(encoding)));
        });
        encodings = Collections.unmodifiableMap(copy);
        unlimitedDims = Collections.unmodifiableSet(new LinkedHashSet<>(unlimitedDims));
        storageOptions = storageOptions == null ? Map.of() : Map.copyOf(storageOptions);
    }

    /** Options for a local target (no storage options). */
    public WriteOptions(String format, Map<String, Map<String, Object>> encodings, Set<String> unlimitedDims,
                        String group, int zarrFormat, String mode, String appendDim, Map<String, Slice> region) {
        this(format, encodings, unlimitedDims, group, zarrFormat, mode, appendDim, region, Map.of());
    }

    /** The keys of every variable's encoding that {@code allowed} (one format's keys) does not hold, refused. */
    public void requireEncodingKeys(Set<String> allowed, String formatName) {
        encodings.forEach((variable, encoding) -> {
            for (String key : encoding.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException("Encoding key '" + key + "' of variable '" + variable
                            + "' does not apply to " + formatName + "; valid keys are " + new TreeSet<>(allowed));
                }
            }
        });
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

    /** NetCDF options; a Zarr store written with them is Zarr v2, created new. */
    public WriteOptions(String format, Map<String, Map<String, Object>> encodings, Set<String> unlimitedDims,
                        String group) {
        this(format, encodings, unlimitedDims, group, 2, "w-", null, Map.of());
    }

    public WriteOptions withFormat(String newFormat) {
        return new WriteOptions(newFormat, encodings, unlimitedDims, group,
                zarrFormat, mode, appendDim, region, storageOptions);
    }

    /** Adds (or replaces) one variable's encoding; keys as xarray's. */
    public WriteOptions withEncoding(String variable, Map<String, Object> encoding) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>(encodings);
        all.put(variable, encoding);
        return new WriteOptions(format, all, unlimitedDims, group, zarrFormat, mode, appendDim, region, storageOptions);
    }

    public WriteOptions withUnlimitedDims(String... dims) {
        return new WriteOptions(format, encodings, Set.of(dims), group,
                zarrFormat, mode, appendDim, region, storageOptions);
    }

    /**
     * Writes the dataset into group {@code path} ("model/run1", parents created) of a new NETCDF4 file,
     * as xarray's {@code to_netcdf(path, group=...)}; {@code OpenOptions.withGroup} reads it back.
     */
    public WriteOptions withGroup(String path) {
        return new WriteOptions(format, encodings, unlimitedDims, path,
                zarrFormat, mode, appendDim, region, storageOptions);
    }

    /** The Zarr format of a new store: 2 (the default, as xarray's) or 3. */
    public WriteOptions withZarrFormat(int version) {
        return new WriteOptions(format, encodings, unlimitedDims, group,
                version, mode, appendDim, region, storageOptions);
    }

    /** "w-" creates a store and fails if one exists (the default), "w" replaces it, "a" appends or overwrites. */
    public WriteOptions withMode(String newMode) {
        return new WriteOptions(format, encodings, unlimitedDims, group,
                zarrFormat, newMode, appendDim, region, storageOptions);
    }

    /** Appends along {@code dim} to an existing store (needs mode "a"), as xarray's {@code append_dim}. */
    public WriteOptions withAppendDim(String dim) {
        return new WriteOptions(format, encodings, unlimitedDims, group, zarrFormat, mode, dim, region, storageOptions);
    }

    /**
     * Writes into part of an existing store (needs mode "a"): integer slices of its dimensions, as xarray's
     * {@code region}; the dataset's sizes must equal the region's.
     */
    public WriteOptions withRegion(Map<String, Slice> newRegion) {
        return new WriteOptions(format, encodings, unlimitedDims, group,
                zarrFormat, mode, appendDim, newRegion, storageOptions);
    }

    /**
     * How to reach a remote store, as xarray's {@code storage_options}: for {@code s3://} stores
     * {@code endpoint_url}, {@code region}, {@code key} and {@code secret}, {@code anon}, {@code ca_bundle}.
     */
    public WriteOptions withStorageOptions(Map<String, String> options) {
        return new WriteOptions(format, encodings, unlimitedDims, group, zarrFormat, mode, appendDim, region, options);
    }

    /** Whether the format is HDF5-based (NetCDF-4), which NetCDF-Java writes through the netCDF C library. */
    public boolean isNetcdf4() {
        return format.startsWith("NETCDF4");
    }
}
