package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a chunk's byte pipeline (a Zarr v2 compressor or filter, a v3 bytes-to-bytes codec):
 * {@link #encode} on the way to the store, {@link #decode} on the way back. Values, like the source
 * that holds them, so that reading tasks travel to other JVMs.
 */
interface Codec extends Serializable {

    /** Decodes {@code encoded}; {@code decodedBytes} is the size expected (a whole chunk's bytes). */
    byte[] decode(byte[] encoded, int decodedBytes) throws IOException;

    byte[] encode(byte[] raw) throws IOException;

    /** The codec as Zarr v2 metadata writes it ({@code {"id": "blosc", "cname": "lz4", ...}}). */
    Map<String, Object> config();

    /** The codec as Zarr v3 metadata writes it ({@code {"name": "zstd", "configuration": {...}}}). */
    default Map<String, Object> v3Config() {
        Map<String, Object> configuration = new LinkedHashMap<>(config());
        Object id = configuration.remove("id");
        if (!List.of("zstd", "gzip").contains(String.valueOf(id))) {
            throw new IllegalArgumentException("The codec " + id + " has no Zarr v3 form; use blosc, zstd, gzip or"
                    + " crc32c in Zarr v3");
        }
        if (id.equals("zstd")) {
            configuration.put("checksum", false);
        }
        return Map.of("name", id, "configuration", configuration);
    }
}
