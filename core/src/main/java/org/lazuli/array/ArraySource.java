package org.lazuli.array;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Where a chunked array's values come from: an in-memory array, a generator, or (from an I/O
 * module) a variable in a file. A source reads strided hyperslabs on demand; every leaf task of a
 * computation reads exactly one.
 *
 * <p>Implementations are immutable values: they capture what to read (a path, a variable name),
 * never an open handle, so that tasks can be shipped to other JVMs. {@link #read} may be called from
 * several threads at once and must be safe for that.
 */
public interface ArraySource extends Serializable {

    long[] shape();

    DType dtype();

    /**
     * A stable identity of the content (file path and variable, seed and shape …): equal tokens mean
     * equal values, which lets identical reads share tasks.
     */
    String token();

    /**
     * Reads the elements at {@code start[k] + i * step[k]} for {@code i < count[k]} on every axis.
     * Steps may be negative (reading backwards); counts may be 0.
     */
    DenseArray read(long[] start, long[] step, long[] count);

    /**
     * As {@link #read}, and may fill {@code storage.get()} instead of a new array: a primitive array of
     * the dtype's storage type ({@link DenseArray#allocate}) with exactly the read's element count, which
     * the caller owns and reuses once it has consumed the block (a reduction reading its input where it
     * lies). A source that fills it must write every element. The default reads a new block.
     */
    default DenseArray readInto(long[] start, long[] step, long[] count, Supplier<Object> storage) {
        return read(start, step, count);
    }

    /**
     * The shape of the pieces the source stores and decodes whole (a NetCDF-4 variable's chunks): reads
     * whose edges fall on multiples of it decode no stored piece twice. All ones (the default) where
     * any read costs only what it covers (memory, generators, contiguous files).
     */
    default long[] storageChunks() {
        long[] ones = new long[shape().length];
        Arrays.fill(ones, 1);
        return ones;
    }

    /** A short name for task keys ("random", "open-dataset" …). */
    default String label() {
        return "source";
    }
}
