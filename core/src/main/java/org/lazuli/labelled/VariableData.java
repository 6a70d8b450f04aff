package org.lazuli.labelled;

import java.io.Serializable;
import java.util.Arrays;
import org.lazuli.array.ChunkSpec;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;

/**
 * What a {@link Variable} holds, one of four kinds (xarray's NumPy data, lazily indexed backend arrays,
 * dask arrays, and object arrays of labels). Operations on a variable keep or change its kind by the
 * rules each kind's documentation gives.
 */
sealed interface VariableData extends Serializable {
    long[] shape();

    /**
     * Numbers in memory: a chunked array over in-memory blocks (one block, or cheap views of it).
     * Operations compute at once, as NumPy's do.
     */
    record InMemory(ChunkedArray array) implements VariableData {
        static InMemory of(DenseArray values) {
            return new InMemory(ChunkedArray.fromDense(values, ChunkSpec.of(whole(values.shape()))));
        }

        @Override
        public long[] shape() {
            return array.shape();
        }
    }

    /**
     * Numbers in a file, read when first needed (xarray's lazily indexed arrays, without dask): selections
     * stay on demand and read only the part selected, once its values are asked for; any other
     * operation reads and holds the result in memory.
     */
    record OnDemand(ChunkedArray array) implements VariableData {
        @Override
        public long[] shape() {
            return array.shape();
        }
    }

    /** Chunked numbers (dask arrays): every operation builds an expression and computes nothing. */
    record Chunked(ChunkedArray array) implements VariableData {
        @Override
        public long[] shape() {
            return array.shape();
        }
    }

    /** Strings, dates, durations or stacked labels, row-major, always in memory (coordinates). */
    record Labels(long[] labelShape, Object[] values) implements VariableData {
        @Override
        public long[] shape() {
            return labelShape.clone();
        }
    }

    /** The numeric data, or null for labels. */
    default ChunkedArray numbers() {
        return this instanceof InMemory m ? m.array() : this instanceof OnDemand d ? d.array()
                : this instanceof Chunked c ? c.array() : null;
    }

    /** Whole-dimension block sizes (-1) for a shape. */
    static long[] whole(long[] shape) {
        long[] chunks = new long[shape.length];
        Arrays.fill(chunks, -1);
        return chunks;
    }
}
