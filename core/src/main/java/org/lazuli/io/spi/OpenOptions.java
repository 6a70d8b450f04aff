package org.lazuli.io.spi;

import java.util.Map;

/**
 * How to open a dataset: chunks per dimension (null: not chunked, eager on demand; an empty map: the
 * file's own chunks; -1: a whole dimension), CF decoding switches, and a group path.
 *
 * @param chunks       block size per dimension, or null
 * @param autoChunks   "auto" chunking (about 128 MiB blocks aligned to the file's chunks)
 * @param maskAndScale apply _FillValue/missing_value masking and scale_factor/add_offset
 * @param decodeTimes  decode CF time coordinates to dates
 * @param decodeCoords turn the "coordinates" attribute into coordinates
 * @param group        a group path ("/forecast") or null for the root
 * @param storageOptions how to reach a remote store (an S3 endpoint, region, credentials), as xarray's
 *                       {@code storage_options}; each backend names the keys it knows
 * @param decodeTimedelta decode variables whose units are a bare time unit ("days", "hours", … without
 *                        "since", as a forecast step) to {@link java.time.Duration}s, as xarray's
 *                        {@code decode_timedelta} (which follows {@code decode_times} unless set)
 */
public record OpenOptions(Map<String, Integer> chunks, boolean autoChunks, boolean maskAndScale, boolean decodeTimes,
                          boolean decodeCoords, String group, Map<String, String> storageOptions,
                          boolean decodeTimedelta) {
    public OpenOptions {
        chunks = chunks == null ? null : Map.copyOf(chunks);
        storageOptions = storageOptions == null ? Map.of() : Map.copyOf(storageOptions);
    }

    /** Options whose timedelta decoding follows {@code decodeTimes}. */
    public OpenOptions(Map<String, Integer> chunks, boolean autoChunks, boolean maskAndScale, boolean decodeTimes,
                       boolean decodeCoords, String group, Map<String, String> storageOptions) {
        this(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, group, storageOptions, decodeTimes);
    }

    /** Options without storage options (a local file or folder). */
    public OpenOptions(Map<String, Integer> chunks, boolean autoChunks, boolean maskAndScale, boolean decodeTimes,
                       boolean decodeCoords, String group) {
        this(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, group, Map.of());
    }

    public static OpenOptions defaults() {
        return new OpenOptions(null, false, true, true, true, null);
    }

    public OpenOptions withChunks(Map<String, Integer> newChunks) {
        return new OpenOptions(newChunks, false, maskAndScale, decodeTimes, decodeCoords, group, storageOptions,
                decodeTimedelta);
    }

    public OpenOptions withAutoChunks() {
        return new OpenOptions(null, true, maskAndScale, decodeTimes, decodeCoords, group, storageOptions,
                decodeTimedelta);
    }

    public OpenOptions withMaskAndScale(boolean on) {
        return new OpenOptions(chunks, autoChunks, on, decodeTimes, decodeCoords, group, storageOptions,
                decodeTimedelta);
    }

    /** Times decoded or not; timedeltas follow (set {@link #withDecodeTimedelta} after this to differ). */
    public OpenOptions withDecodeTimes(boolean on) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, on, decodeCoords, group, storageOptions, on);
    }

    public OpenOptions withDecodeTimedelta(boolean on) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, group, storageOptions, on);
    }

    public OpenOptions withDecodeCoords(boolean on) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, on, group, storageOptions,
                decodeTimedelta);
    }

    public OpenOptions withGroup(String newGroup) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, newGroup, storageOptions,
                decodeTimedelta);
    }

    /**
     * How to reach a remote store, as xarray's {@code storage_options}: for {@code s3://} stores
     * {@code endpoint_url}, {@code region}, {@code key} and {@code secret}, {@code anon}, {@code ca_bundle}.
     */
    public OpenOptions withStorageOptions(Map<String, String> options) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, group, options,
                decodeTimedelta);
    }
}
