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
 */
public record OpenOptions(Map<String, Integer> chunks, boolean autoChunks, boolean maskAndScale, boolean decodeTimes,
                          boolean decodeCoords, String group) {
    public OpenOptions {
        chunks = chunks == null ? null : Map.copyOf(chunks);
    }

    public static OpenOptions defaults() {
        return new OpenOptions(null, false, true, true, true, null);
    }

    public OpenOptions withChunks(Map<String, Integer> newChunks) {
        return new OpenOptions(newChunks, false, maskAndScale, decodeTimes, decodeCoords, group);
    }

    public OpenOptions withAutoChunks() {
        return new OpenOptions(null, true, maskAndScale, decodeTimes, decodeCoords, group);
    }

    public OpenOptions withMaskAndScale(boolean on) {
        return new OpenOptions(chunks, autoChunks, on, decodeTimes, decodeCoords, group);
    }

    public OpenOptions withDecodeTimes(boolean on) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, on, decodeCoords, group);
    }

    public OpenOptions withDecodeCoords(boolean on) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, on, group);
    }

    public OpenOptions withGroup(String newGroup) {
        return new OpenOptions(chunks, autoChunks, maskAndScale, decodeTimes, decodeCoords, newGroup);
    }
}
