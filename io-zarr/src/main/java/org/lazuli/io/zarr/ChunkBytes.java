package org.lazuli.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One chunk's decoded bytes, asked for in increasing order: held whole, or decoded a block at a time
 * as they are asked for ({@link FrameBlocks}).
 */
interface ChunkBytes extends AutoCloseable {
    /** The decoded chunk's size in bytes. */
    long size();

    /**
     * A buffer holding the chunk's bytes {@code [from, to)}, chunk byte {@code b} at index {@code b - base()}
     * (as the buffer is after this call). Bytes before {@code from} may no longer be asked for.
     */
    ByteBuffer cover(long from, long to) throws IOException;

    /** The chunk byte at index 0 of the buffer the last {@link #cover} returned. */
    long base();

    /** Releases what the chunk holds open. */
    @Override
    default void close() {
    }

    /** A chunk decoded whole. */
    static ChunkBytes whole(ByteBuffer decoded) {
        return new ChunkBytes() {
            @Override
            public long size() {
                return decoded.remaining();
            }

            @Override
            public ByteBuffer cover(long from, long to) {
                return decoded;
            }

            @Override
            public long base() {
                return 0;
            }
        };
    }
}
