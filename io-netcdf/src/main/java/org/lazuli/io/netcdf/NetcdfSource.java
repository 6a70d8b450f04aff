package org.lazuli.io.netcdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.lazuli.array.ArraySource;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import ucar.ma2.Array;
import ucar.ma2.InvalidRangeException;
import ucar.ma2.Range;
import ucar.nc2.Variable;

/**
 * A numeric NetCDF variable as an {@link ArraySource}: every read is one strided hyperslab through
 * this thread's handle of the file. Captures the path and the variable's name, never a handle, so
 * tasks reading it can run on any thread or JVM that sees the file.
 *
 * <p>Unsigned types are widened where Java has no unsigned type of the same size (uint16 → int32,
 * uint32 → int64); uint8 is kept as uint8.
 */
final class NetcdfSource implements ArraySource {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String variable;
    private final String shortName;
    private final long[] shape;
    private final DType dtype;
    private final boolean unsigned;
    private final long modified;
    /** The variable's path inside an HDF5 (NetCDF-4) file, unescaped, or null for NetCDF-3. */
    private final String hdf5Path;
    /** The variable's storage chunks (NetCDF-4), or all ones (contiguous). */
    private final long[] storageChunks;
    private final Reader reader;

    /**
     * Who reads the variable's hyperslabs, chosen once when the file is opened. The two direct readers
     * decline a strided read, or one in a JVM where the file is not open (a task on another machine);
     * NetCDF-Java then reads it.
     */
    enum Reader {
        /** Positional reads of a NetCDF-3 file's bytes ({@link Netcdf3Reader}). */
        NETCDF3,
        /** NetCDF-4 chunks read and inflated directly ({@link Hdf5Chunks}). */
        HDF5_CHUNKS,
        /** NetCDF-Java's own reads, for everything else. */
        NETCDF_JAVA
    }

    NetcdfSource(String path, String variable, String shortName, long[] shape, DType dtype, boolean unsigned,
                 long modified, String hdf5Path, long[] storageChunks) {
        this.reader = hdf5Path != null ? (Hdf5Chunks.serves(path, hdf5Path, shape.length) ? Reader.HDF5_CHUNKS
                : Reader.NETCDF_JAVA) : Netcdf3Reader.serves(path, shortName, dtype) ? Reader.NETCDF3 : Reader.NETCDF_JAVA;
        this.hdf5Path = hdf5Path;
        this.storageChunks = storageChunks.clone();
        this.path = path;
        this.variable = variable;
        this.shortName = shortName;
        this.shape = shape.clone();
        this.dtype = dtype;
        this.unsigned = unsigned;
        this.modified = modified;
    }

    /** The dtype of a NetCDF type after widening unsigned types; null when unsupported. */
    static DType dtypeOf(ucar.ma2.DataType type, boolean unsigned) {
        return switch (type) {
            case DOUBLE -> DType.FLOAT64;
            case FLOAT -> DType.FLOAT32;
            case LONG -> DType.INT64;
            case INT -> unsigned ? DType.INT64 : DType.INT32;
            case SHORT -> unsigned ? DType.INT32 : DType.INT16;
            case BYTE -> unsigned ? DType.UINT8 : DType.INT8;
            default -> null;
        };
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long[] storageChunks() {
        return storageChunks.clone();
    }

    @Override
    public String token() {
        return "netcdf:" + path + ":" + variable + ":" + modified;
    }

    @Override
    public String label() {
        return "open_dataset";
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        return readInto(start, step, count, null);
    }

    /** A NetCDF-3 variable's values go straight into the caller's storage, when given; other reads are new blocks. */
    @Override
    public DenseArray readInto(long[] start, long[] step, long[] count, Supplier<Object> storage) {
        long total = 1;
        for (long c : count) {
            total *= c;
        }
        if (total == 0) {
            return DenseArray.zeros(dtype, count);
        }
        try {
            DenseArray fast = switch (reader) {
                case NETCDF3 -> Netcdf3Reader.read(path, shortName, dtype, start, step, count, storage);
                case HDF5_CHUNKS -> Hdf5Chunks.read(path, hdf5Path, dtype, start, step, count);
                case NETCDF_JAVA -> null;
            };
            if (fast != null) {
                return fast;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + variable + " from " + path + ": " + e.getMessage(), e);
        }
        List<Range> ranges = new ArrayList<>();
        boolean[] reversed = new boolean[count.length];
        for (int k = 0; k < count.length; k++) {
            long last = start[k] + (count[k] - 1) * step[k];
            try {
                if (step[k] > 0) {
                    ranges.add(new Range((int) start[k], (int) last, (int) step[k]));
                } else {
                    ranges.add(new Range((int) last, (int) start[k], (int) -step[k]));
                    reversed[k] = true;
                }
            } catch (InvalidRangeException e) {
                throw new IllegalArgumentException("Bad hyperslab of " + variable + ": " + e.getMessage(), e);
            }
        }
        Array data;
        try {
            data = HandleCache.read(path, file -> {
                Variable v = file.findVariable(variable);
                if (v == null) {
                    throw new IOException("Variable '" + variable + "' is no longer in " + path + "; was the file replaced?");
                }
                try {
                    return count.length == 0 ? v.read() : v.read(ranges);
                } catch (InvalidRangeException e) {
                    throw new IOException("Bad hyperslab " + ranges + " of '" + variable + "'", e);
                } catch (RuntimeException | OutOfMemoryError e) {   // an allocation sized from corrupt data that failed
                    throw new IOException("Reading '" + variable + "' " + ranges + " failed: "
                            + NetcdfFiles.describe(e) + "; the file may be corrupt", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + variable + " from " + path + ": " + e.getMessage(), e);
        }
        DenseArray block = convert(data, count);
        for (int k = 0; k < count.length; k++) {
            if (reversed[k]) {
                block = Conversions.reverse(block, k);
            }
        }
        return block;
    }

    /** The read values without a copy: NetCDF-Java's array is fresh for every read and not kept. */
    private DenseArray convert(Array data, long[] count) {
        Object storage = data.get1DJavaArray(data.getElementType());
        if (storage instanceof int[] ints && dtype == DType.INT64) {
            storage = Conversions.unsignedInts(ints);
        } else if (storage instanceof short[] shorts && dtype == DType.INT32) {
            storage = Conversions.unsignedShorts(shorts);
        }
        return DenseArray.adopt(dtype, storage, count);
    }

    /** Who reads this variable. */
    Reader reader() {
        return reader;
    }

    @Override
    public String toString() {
        return "NetcdfSource[" + path + ":" + variable + ", " + reader + "]";
    }
}
