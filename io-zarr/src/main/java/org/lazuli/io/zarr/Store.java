package org.lazuli.io.zarr;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a Zarr hierarchy's keys live ({@code ".zgroup"}, {@code "tas/.zarray"}, {@code "tas/0.1.2"}): a
 * local folder, an HTTP server or an S3 bucket. A store is a value (a location, never an open handle), so
 * that the tasks reading and writing chunks travel to other JVMs; every method may be called from many
 * threads at once.
 */
interface Store extends Serializable {

    /** The value of {@code key}, or null when the store has no such key (a chunk never written). */
    byte[] get(String key) throws IOException;

    /**
     * {@code length} bytes of {@code key} from {@code offset} (a chunk inside a v3 shard), or when
     * {@code offset} is negative its last {@code length} bytes (a shard's index); null when the store has no
     * such key. Remote stores ask for the range alone.
     */
    default byte[] getRange(String key, long offset, int length) throws IOException {
        byte[] whole = get(key);
        if (whole == null) {
            return null;
        }
        if (offset < 0) {
            offset = whole.length - length;
        }
        if (offset < 0 || offset + length > whole.length) {
            throw new IOException(describe(key) + " has " + whole.length + " bytes; bytes " + offset + " to "
                    + (offset + length) + " were asked for (a shard index pointing past its shard)");
        }
        return Arrays.copyOfRange(whole, (int) offset, (int) offset + length);
    }

    /**
     * The value of {@code key} read into the buffer {@code allocate} gives for its size (a native one, for
     * a native codec to read in place), flipped for reading; null when the store has no such key.
     */
    default ByteBuffer getInto(String key, IntFunction<ByteBuffer> allocate) throws IOException {
        byte[] value = get(key);
        if (value == null) {
            return null;
        }
        ByteBuffer buffer = allocate.apply(value.length);
        buffer.put(value).flip();
        return buffer;
    }

    /**
     * The file holding {@code key}, opened for reading in place, where the store is a folder on this
     * machine (a codec then reads only the parts it needs, into small buffers); null elsewhere, or when
     * there is no such key. The caller closes it.
     */
    default FileChannel openLocal(String key) throws IOException {
        return null;
    }

    /**
     * Stores under {@code key} what {@code writer} writes, at any positions, into a new file, where the
     * store is a folder on this machine (a codec then writes a value in parts from small buffers); false
     * elsewhere, then {@link #put(String, ByteBuffer)}. As with {@code put}, a reader sees all of it or nothing.
     */
    default boolean putLocal(String key, LocalWriter writer) throws IOException {
        return false;
    }

    /** Writes a value into a new file. */
    @FunctionalInterface
    interface LocalWriter {
        void write(FileChannel file) throws IOException;
    }

    /** Stores the remaining bytes of {@code value} under {@code key}, as {@link #put(String, byte[])}. */
    default void put(String key, ByteBuffer value) throws IOException {
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        put(key, bytes);
    }

    /** Stores {@code value} under {@code key}, replacing what was there; a reader sees all of it or nothing. */
    void put(String key, byte[] value) throws IOException;

    /** The names directly under {@code prefix} ("" the root): keys and sub-folders, unordered. */
    List<String> list(String prefix) throws IOException;

    /** Removes every key under {@code prefix} ("" the whole store). */
    void deleteAll(String prefix) throws IOException;

    /** Where a key is, for messages ("/data/era5.zarr/t2m/0.0.0", "https://host/era5.zarr/t2m/0.0.0"). */
    String describe(String key);

    /** What else to say when the store's metadata was not found ("; …"), or "". */
    default String missingHint() {
        return "";
    }
}
