package org.lazuli.array;

import java.util.UUID;

/** Computed blocks held in memory: the source behind {@link ChunkedArray#persist()}. */
final class BlockStore implements ArraySource {
    private static final long serialVersionUID = 1L;

    private final Chunks chunks;
    private final DType dtype;
    private final DenseArray[] blocks;   // row-major over the block grid
    private final String token;

    BlockStore(Chunks chunks, DType dtype, DenseArray[] blocks, String token) {
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
        return blocks[flat];
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
