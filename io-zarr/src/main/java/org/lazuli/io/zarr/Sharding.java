package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of a Zarr v3 array whose codecs start with {@code sharding_indexed}: each stored object (a
 * shard) holds a grid of inner chunks, encoded one by one and concatenated, with an index of
 * (offset, nbytes) pairs, little-endian uint64, per inner chunk in C order ({@code 2^64-1} twice for a
 * chunk never written), at the shard's end or start and optionally followed by its crc32c.
 *
 * @param shardShape    the shard shape (the array's chunk grid); a whole number of inner chunks per axis
 * @param indexAtEnd    where the index is: the end (the default) or the start
 * @param indexChecksum whether a crc32c follows the index
 */
record Sharding(int[] shardShape, boolean indexAtEnd, boolean indexChecksum) implements Serializable {
    private static final long EMPTY = -1L;   // 2^64-1 as a signed long

    /** The index of a shard that does not exist: every chunk reads as the fill value. */
    static final long[] MISSING = new long[0];

    /** Parses a {@code sharding_indexed} configuration's index settings for an array of {@code chunks} inner chunks. */
    @SuppressWarnings("unchecked")
    static Sharding of(int[] shardShape, int[] chunks, Map<String, Object> config, String where) {
        for (int k = 0; k < chunks.length; k++) {
            if (shardShape[k] % chunks[k] != 0) {
                throw new IllegalArgumentException("Zarr array " + where + " has shards " + Arrays.toString(shardShape)
                        + " that are not a whole number of its inner chunks " + Arrays.toString(chunks));
            }
        }
        Object location = config.getOrDefault("index_location", "end");
        if (!"end".equals(location) && !"start".equals(location)) {
            throw new IllegalArgumentException("Zarr array " + where + " has the shard index_location " + location
                    + "; expected \"start\" or \"end\"");
        }
        boolean checksum = false;
        for (Object entry : config.get("index_codecs") instanceof List<?> list ? list : List.of()) {
            Map<String, Object> codec = (Map<String, Object>) entry;
            Map<String, Object> codecConfig = (Map<String, Object>) codec.getOrDefault("configuration", Map.of());
            switch (String.valueOf(codec.get("name"))) {
                case "bytes" -> {
                    if ("big".equals(codecConfig.get("endian"))) {
                        throw new IllegalArgumentException("Zarr array " + where + " has a big-endian shard index;"
                                + " Lazuli reads little-endian ones (zarr-python's)");
                    }
                }
                case "crc32c" -> checksum = true;
                default -> throw new IllegalArgumentException("Zarr array " + where + " encodes its shard index with "
                        + codec.get("name") + "; Lazuli reads bytes and crc32c index codecs");
            }
        }
        return new Sharding(shardShape.clone(), "end".equals(location), checksum);
    }

    /** Inner chunks per shard along {@code axis}. */
    int chunksPerShard(int axis, int[] chunks) {
        return shardShape[axis] / chunks[axis];
    }

    /** Inner chunks in one shard. */
    int chunksInShard(int[] chunks) {
        int n = 1;
        for (int k = 0; k < chunks.length; k++) {
            n *= chunksPerShard(k, chunks);
        }
        return n;
    }

    /** The shard holding inner chunk {@code chunk}. */
    long[] shardOf(long[] chunk, int[] chunks) {
        long[] shard = new long[chunk.length];
        for (int k = 0; k < chunk.length; k++) {
            shard[k] = chunk[k] / chunksPerShard(k, chunks);
        }
        return shard;
    }

    /** Where inner chunk {@code chunk} is in its shard's index, counted in C order. */
    int positionInShard(long[] chunk, int[] chunks) {
        int position = 0;
        for (int k = 0; k < chunk.length; k++) {
            int per = chunksPerShard(k, chunks);
            position = position * per + (int) (chunk[k] % per);
        }
        return position;
    }

    private int indexBytes(int[] chunks) {
        return 16 * chunksInShard(chunks) + (indexChecksum ? 4 : 0);
    }

    /** The shard's index as (offset, nbytes) pairs, or {@link #MISSING} when the shard was never written. */
    long[] readIndex(Store store, String key, int[] chunks) throws IOException {
        int size = indexBytes(chunks);
        byte[] bytes = store.getRange(key, indexAtEnd ? -size : 0, size);
        if (bytes == null) {
            return MISSING;
        }
        if (indexChecksum) {
            try {
                bytes = new Compressors.Crc32c().decode(bytes, size - 4);
            } catch (IOException e) {
                throw new IOException("the index of shard " + store.describe(key) + " is damaged (" + e.getMessage()
                        + "); write the shard again", e);
            }
        }
        long[] index = new long[2 * chunksInShard(chunks)];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(index);
        return index;
    }

    /** Inner chunk {@code position}'s stored bytes, as the index says; null for a chunk never written. */
    static byte[] readChunk(Store store, String key, long[] index, int position) throws IOException {
        long offset = index[2 * position];
        long nbytes = index[2 * position + 1];
        if (offset == EMPTY && nbytes == EMPTY) {
            return null;
        }
        if (offset < 0 || nbytes < 0 || nbytes > Integer.MAX_VALUE - 8) {
            throw new IOException("the index of shard " + store.describe(key) + " gives chunk " + position
                    + " offset " + Long.toUnsignedString(offset) + " and " + Long.toUnsignedString(nbytes)
                    + " bytes, which no shard holds; the shard is damaged: write it again");
        }
        byte[] bytes = store.getRange(key, offset, (int) nbytes);
        if (bytes == null) {
            throw new IOException("shard " + store.describe(key) + " disappeared while it was read");
        }
        return bytes;
    }

    /** A shard's bytes: the inner chunks (null for one not written) in C order, then the index. */
    byte[] assemble(List<byte[]> encodedChunks) {
        int n = encodedChunks.size();
        ByteBuffer index = ByteBuffer.allocate(16 * n).order(ByteOrder.LITTLE_ENDIAN);
        long offset = indexAtEnd ? 0 : 16L * n + (indexChecksum ? 4 : 0);
        long total = 0;
        for (byte[] chunk : encodedChunks) {
            total += chunk == null ? 0 : chunk.length;
        }
        ByteBuffer data = ByteBuffer.allocate((int) total);
        for (byte[] chunk : encodedChunks) {
            if (chunk == null) {
                index.putLong(EMPTY).putLong(EMPTY);
            } else {
                index.putLong(offset + data.position()).putLong(chunk.length);
                data.put(chunk);
            }
        }
        byte[] indexBytes = indexChecksum ? new Compressors.Crc32c().encode(index.array()) : index.array();
        ByteBuffer shard = ByteBuffer.allocate(indexBytes.length + (int) total);
        if (indexAtEnd) {
            shard.put(data.array()).put(indexBytes);
        } else {
            shard.put(indexBytes).put(data.array());
        }
        return shard.array();
    }

    /** The {@code sharding_indexed} codec entry of a {@code zarr.json}, around the inner chunks' codecs. */
    Map<String, Object> v3Codec(int[] chunks, List<Object> innerCodecs) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("chunk_shape", chunks);
        configuration.put("codecs", innerCodecs);
        List<Object> indexCodecs = new ArrayList<>();
        indexCodecs.add(Map.of("name", "bytes", "configuration", Map.of("endian", "little")));
        if (indexChecksum) {
            indexCodecs.add(Map.of("name", "crc32c"));
        }
        configuration.put("index_codecs", indexCodecs);
        configuration.put("index_location", indexAtEnd ? "end" : "start");
        return Map.of("name", "sharding_indexed", "configuration", configuration);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sharding s && Arrays.equals(shardShape, s.shardShape) && indexAtEnd == s.indexAtEnd
                && indexChecksum == s.indexChecksum;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shardShape) * 31 + (indexAtEnd ? 1 : 0) + (indexChecksum ? 2 : 0);
    }

    @Override
    public String toString() {
        return "Sharding" + Arrays.toString(shardShape);
    }
}
