package org.lazuli.array;

import java.io.Serializable;
import java.util.UUID;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.TaskKey;

/**
 * Computed blocks: the source behind {@link ChunkedArray#persist()}. Held in memory here, or kept by
 * the cluster that computed them (a {@link ResultStore}) and fetched by key when read.
 */
final class BlockStore implements ArraySource {
    private static final long serialVersionUID = 1L;

    /** The blocks, row-major over the block grid. */
    private interface Blocks extends Serializable {
        DenseArray get(int flat);
    }

    private record InMemory(DenseArray[] blocks) implements Blocks {
        @Override
        public DenseArray get(int flat) {
            return blocks[flat];
        }
    }

    private record Kept(ResultStore store, TaskKey[] keys) implements Blocks {
        @Override
        public DenseArray get(int flat) {
            return (DenseArray) store.get(keys[flat]);
        }
    }

    private final Chunks chunks;
    private final DType dtype;
    private final Blocks blocks;
    private final String token;

    BlockStore(Chunks chunks, DType dtype, DenseArray[] blocks, String token) {
        this(chunks, dtype, new InMemory(blocks), token);
    }

    /** Blocks a cluster keeps: {@code keys[i]} names block {@code i}. */
    BlockStore(Chunks chunks, DType dtype, ResultStore store, TaskKey[] keys, String token) {
        this(chunks, dtype, new Kept(store, keys), token);
    }

    private BlockStore(Chunks chunks, DType dtype, Blocks blocks, String token) {
        this.chunks = chunks;
        this.dtype = dtype;
        this.blocks = blocks;
        this.token = token != null ? token : UUID.randomUUID().toString();
    }

    Chunks chunks() {
        return chunks;
    }

    DenseArray block(int[] index) {
        int[] counts = chunks.blockCounts();
        int flat = 0;
        for (int k = 0; k < counts.length; k++) {
            flat = flat * counts[k] + index[k];
        }
        return blocks.get(flat);
    }

    @Override
    public long[] shape() {
        return chunks.shape();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public String token() {
        return "persisted:" + token;
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        int nd = count.length;
        int[] blockIndex = new int[nd];
        boolean exactBlock = true;
        for (int k = 0; k < nd && exactBlock; k++) {
            blockIndex[k] = chunks.blockOf(k, start[k]);
            exactBlock = step[k] == 1 && chunks.blockOffset(k, blockIndex[k]) == start[k]
                    && chunks.blockSize(k, blockIndex[k]) == count[k];
        }
        if (exactBlock) {
            return block(blockIndex);
        }
        return BlockOps.gather(dtype, chunks, this::block, start, step, count);
    }

    @Override
    public String label() {
        return "persisted";
    }
}
