package org.lazuli.io.zarr;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** The numcodecs compressors besides blosc, with numcodecs' byte formats, and their lookup by id. */
final class Compressors {
    /** The compressor and filter ids Lazuli reads. */
    static final List<String> IDS = List.of("blosc", "zstd", "zlib", "gzip", "lz4", "delta");

    private Compressors() {
    }

    /**
     * The codec a v2 {@code compressor} or {@code filters} entry describes; {@code itemSize} is the array's,
     * {@code where} names the array in errors.
     */
    static Codec of(Map<String, Object> config, ZarrDType dtype, String where) {
        Object id = config.get("id");
        return switch (String.valueOf(id)) {
            case "blosc" -> new Blosc(String.valueOf(config.getOrDefault("cname", "lz4")), number(config, "clevel", 5),
                    number(config, "shuffle", 1), number(config, "blocksize", 0), Math.max(dtype.itemSize(), 1));
            case "zstd" -> new Zstd(number(config, "level", 1));
            case "zlib" -> new Zlib(number(config, "level", 1));
            case "gzip" -> new Gzip(number(config, "level", 1));
            case "lz4" -> new Lz4(number(config, "acceleration", 1));
            case "delta" -> {
                ZarrDType type = ZarrDType.v2(String.valueOf(config.get("dtype")), where);
                Object astype = config.get("astype");
                if (astype != null && !ZarrDType.v2(String.valueOf(astype), where).equals(type)) {
                    throw new IllegalArgumentException("Zarr array " + where + " has a delta filter to another type ("
                            + config.get("dtype") + " as " + astype + "), which Lazuli cannot read");
                }
                yield new Delta(type);
            }
            default -> throw new IllegalArgumentException("Zarr array " + where + " uses the codec '" + id + "', which"
                    + " Lazuli cannot decode; it decodes " + IDS + " (rewrite the store with one of them)");
        };
    }

    private static int number(Map<String, Object> config, String key, int otherwise) {
        return config.get(key) instanceof Number n ? n.intValue() : otherwise;
    }

    private static Map<String, Object> config(String id, String key, int value) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("id", id);
        config.put(key, value);
        return config;
    }

    /** The exact size a chunk must decode to; a damaged chunk decodes to another. */
    private static byte[] exactly(byte[] decoded, int expected, String codec) throws IOException {
        if (expected >= 0 && decoded.length != expected) {
            throw new IOException(codec + " decoded " + decoded.length + " bytes where the chunk has " + expected);
        }
        return decoded;
    }

    /** numcodecs' Zstd: a standard zstd frame (aircompressor writes its own fixed level; the level is kept as given). */
    record Zstd(int level) implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
            try {
                long size = ZstdDecompressor.getDecompressedSize(encoded, 0, encoded.length);
                int capacity = decodedBytes >= 0 ? decodedBytes : (int) Math.min(Math.max(size, 0), Integer.MAX_VALUE - 8);
                byte[] out = new byte[capacity];
                int n = new ZstdDecompressor().decompress(encoded, 0, encoded.length, out, 0, out.length);
                return exactly(n == out.length ? out : Arrays.copyOf(out, n), decodedBytes, "zstd");
            } catch (RuntimeException e) {
                throw new IOException("zstd could not decompress the chunk: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] encode(byte[] raw) {
            ZstdCompressor compressor = new ZstdCompressor();
            byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
            int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        }

        @Override
        public Map<String, Object> config() {
            return Compressors.config("zstd", "level", level);
        }
    }

    /** numcodecs' LZ4: the decoded size as a little-endian int32, then one LZ4 block. */
    record Lz4(int acceleration) implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
            if (encoded.length < 4) {
                throw new IOException("not an lz4 chunk: " + encoded.length + " bytes, less than its 4-byte size");
            }
            int size = ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (size < 0 || (decodedBytes >= 0 && size != decodedBytes)) {
                throw new IOException("lz4 chunk says it holds " + size + " bytes where the chunk has " + decodedBytes);
            }
            byte[] out = new byte[size];
            try {
                int n = new Lz4Decompressor().decompress(encoded, 4, encoded.length - 4, out, 0, size);
                return exactly(n == size ? out : Arrays.copyOf(out, n), decodedBytes, "lz4");
            } catch (RuntimeException e) {
                throw new IOException("lz4 could not decompress the chunk: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] encode(byte[] raw) {
            Lz4Compressor compressor = new Lz4Compressor();
            byte[] out = new byte[4 + compressor.maxCompressedLength(raw.length)];
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(raw.length);
            int n = compressor.compress(raw, 0, raw.length, out, 4, out.length - 4);
            return Arrays.copyOf(out, 4 + n);
        }

        @Override
        public Map<String, Object> config() {
            return Compressors.config("lz4", "acceleration", acceleration);
        }
    }

    /** numcodecs' Zlib: a zlib stream (the JDK's zlib). */
    record Zlib(int level) implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(encoded);
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(decodedBytes, 64));
                byte[] buffer = new byte[Math.max(Math.min(decodedBytes, 1 << 20), 4096)];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IOException("the zlib stream ends early, after " + out.size() + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
                return exactly(out.toByteArray(), decodedBytes, "zlib");
            } catch (DataFormatException e) {
                throw new IOException("zlib could not inflate the chunk: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }

        @Override
        public byte[] encode(byte[] raw) {
            Deflater deflater = new Deflater(level);
            try {
                deflater.setInput(raw);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
                byte[] buffer = new byte[1 << 16];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }

        @Override
        public Map<String, Object> config() {
            return Compressors.config("zlib", "level", level);
        }
    }

    /** numcodecs' GZip: a gzip stream. */
    record Gzip(int level) implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(encoded))) {
                return exactly(in.readAllBytes(), decodedBytes, "gzip");
            }
        }

        @Override
        public byte[] encode(byte[] raw) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2 + 64);
            try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
                {
                    def.setLevel(level);
                }
            }) {
                out.write(raw);
            }
            return bytes.toByteArray();
        }

        @Override
        public Map<String, Object> config() {
            return Compressors.config("gzip", "level", level);
        }
    }

    /** Zarr v3's crc32c: the bytes followed by their CRC-32C, little-endian, checked on the way back. */
    record Crc32c() implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) throws IOException {
            if (encoded.length < 4) {
                throw new IOException("a crc32c chunk of " + encoded.length + " bytes has no room for its checksum");
            }
            int n = encoded.length - 4;
            CRC32C crc = new CRC32C();
            crc.update(encoded, 0, n);
            int stored = ByteBuffer.wrap(encoded, n, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if ((int) crc.getValue() != stored) {
                throw new IOException("the crc32c checksum does not match the chunk's bytes");
            }
            return Arrays.copyOf(encoded, n);
        }

        @Override
        public byte[] encode(byte[] raw) {
            CRC32C crc = new CRC32C();
            crc.update(raw);
            byte[] out = Arrays.copyOf(raw, raw.length + 4);
            ByteBuffer.wrap(out, raw.length, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            return out;
        }

        @Override
        public Map<String, Object> config() {
            return Map.of("id", "crc32c");
        }

        @Override
        public Map<String, Object> v3Config() {
            return Map.of("name", "crc32c");
        }
    }

    /** numcodecs' Delta filter: each element stored as its difference from the one before. */
    record Delta(ZarrDType type) implements Codec {
        @Override
        public byte[] decode(byte[] encoded, int decodedBytes) {
            byte[] out = encoded.clone();
            ByteBuffer b = ByteBuffer.wrap(out).order(type.order());
            int n = out.length / Math.max(type.itemSize(), 1);
            switch (type.kind() == 'f' ? -type.itemSize() : type.itemSize()) {
                case 1 -> {
                    for (int i = 1; i < n; i++) {
                        out[i] = (byte) (out[i] + out[i - 1]);
                    }
                }
                case 2 -> {
                    for (int i = 1; i < n; i++) {
                        b.putShort(2 * i, (short) (b.getShort(2 * i) + b.getShort(2 * i - 2)));
                    }
                }
                case 4 -> {
                    for (int i = 1; i < n; i++) {
                        b.putInt(4 * i, b.getInt(4 * i) + b.getInt(4 * i - 4));
                    }
                }
                case 8 -> {
                    for (int i = 1; i < n; i++) {
                        b.putLong(8 * i, b.getLong(8 * i) + b.getLong(8 * i - 8));
                    }
                }
                case -4 -> {
                    for (int i = 1; i < n; i++) {
                        b.putFloat(4 * i, b.getFloat(4 * i) + b.getFloat(4 * i - 4));
                    }
                }
                default -> {
                    for (int i = 1; i < n; i++) {
                        b.putDouble(8 * i, b.getDouble(8 * i) + b.getDouble(8 * i - 8));
                    }
                }
            }
            return out;
        }

        @Override
        public byte[] encode(byte[] raw) {
            byte[] out = raw.clone();
            ByteBuffer in = ByteBuffer.wrap(raw).order(type.order());
            ByteBuffer b = ByteBuffer.wrap(out).order(type.order());
            int n = out.length / Math.max(type.itemSize(), 1);
            int size = type.itemSize();
            for (int i = 1; i < n; i++) {
                switch (type.kind() == 'f' ? -size : size) {
                    case 1 -> out[i] = (byte) (raw[i] - raw[i - 1]);
                    case 2 -> b.putShort(2 * i, (short) (in.getShort(2 * i) - in.getShort(2 * i - 2)));
                    case 4 -> b.putInt(4 * i, in.getInt(4 * i) - in.getInt(4 * i - 4));
                    case 8 -> b.putLong(8 * i, in.getLong(8 * i) - in.getLong(8 * i - 8));
                    case -4 -> b.putFloat(4 * i, in.getFloat(4 * i) - in.getFloat(4 * i - 4));
                    default -> b.putDouble(8 * i, in.getDouble(8 * i) - in.getDouble(8 * i - 8));
                }
            }
            return out;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("dtype", type.typestr());
            config.put("id", "delta");
            return config;
        }
    }
}
