package org.lazuli.io.netcdf;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each variable's bytes lie in a NetCDF-3 file (classic or 64-bit offset), parsed from the
 * header as the format specification describes it. Used to read hyperslabs with bulk big-endian
 * conversions, which is several times faster than NetCDF-Java's element-wise path.
 */
final class Netcdf3Layout {
    /** One variable's storage. */
    record Storage(long begin, boolean record, int typeSize, int type, long[] shape) {
    }

    private static final int NC_DIMENSION = 10;
    private static final int NC_VARIABLE = 11;
    private static final int NC_ATTRIBUTE = 12;

    private final Map<String, Storage> variables;
    private final long recordSize;

    private Netcdf3Layout(Map<String, Storage> variables, long recordSize) {
        this.variables = variables;
        this.recordSize = recordSize;
    }

    Storage storage(String name) {
        return variables.get(name);
    }

    long recordSize() {
        return recordSize;
    }

    /** What is wrong with a header, said in terms of the format; becomes an IOException naming the file. */
    private static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses and checks the header against the file: counts and lengths that the header's bytes
     * cannot hold, dimension references out of range, and data that would lie past the end of the
     * file (a truncated copy) fail here, naming the file and what is wrong, before anything is
     * allocated from those numbers. Returns null when the file is not CDF-1/CDF-2 or uses streaming
     * record counts. Reads 64 KiB first and more only for larger headers.
     */
    static Netcdf3Layout parse(FileChannel channel, String path) throws IOException {
        long size = channel.size();
        for (long want = 1 << 16; ; want *= 8) {
            int length = (int) Math.min(size, Math.min(want, Integer.MAX_VALUE - 8));
            ByteBuffer header = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // read until full or end of file
            }
            header.flip();
            try {
                return parse(header, size);
            } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
                if (length >= size) {
                    throw new IOException(path + " is truncated: its NetCDF-3 header ends before the end of the file"
                            + " (" + size + " bytes); the copy or download may have been interrupted");
                }
            } catch (Corrupt e) {
                if (length >= size) {   // else the header may just be longer than what was read: read more
                    throw new IOException(path + " is not a valid NetCDF-3 file (" + size + " bytes): " + e.getMessage());
                }
            }
        }
    }

    private static Netcdf3Layout parse(ByteBuffer header, long fileSize) {
        if (header.remaining() < 8 || header.get() != 'C' || header.get() != 'D' || header.get() != 'F') {
            return null;
        }
        int version = header.get();
        if (version != 1 && version != 2) {
            return null;
        }
        long numRecords = Integer.toUnsignedLong(header.getInt());
        if (numRecords == 0xFFFFFFFFL) {
            return null;
        }
        int tag = header.getInt();
        if (tag != 0 && tag != NC_DIMENSION) {
            throw new Corrupt("the dimension list has tag " + tag + " at byte 8 (expected 10 or 0)");
        }
        int count = count(header, "dimensions", 8);
        long[] dimLengths = new long[count];
        int recordDim = -1;
        for (int i = 0; i < count; i++) {
            skipName(header);
            long length = Integer.toUnsignedLong(header.getInt());
            if (length == 0) {
                recordDim = i;
                length = numRecords;
            } else if (length > Integer.MAX_VALUE) {
                throw new Corrupt("dimension " + i + " has length " + length + ", past the format's limit");
            }
            dimLengths[i] = length;
        }
        skipAttributes(header);
        tag = header.getInt();
        if (tag != 0 && tag != NC_VARIABLE) {
            throw new Corrupt("the variable list has tag " + tag + " at byte " + (header.position() - 4)
                    + " (expected 11 or 0)");
        }
        count = count(header, "variables", 16);
        Map<String, Storage> variables = new HashMap<>();
        long recordSize = 0;
        int recordVariables = 0;
        long lastRecordVsize = 0;
        long unpaddedSingle = 0;
        Map<String, Long> ends = new LinkedHashMap<>();   // non-record data ends, then record sizes
        Map<String, long[]> recordParts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = readName(header);
            int rank = header.getInt();
            if (rank < 0 || rank > 1024) {
                throw new Corrupt("variable '" + name + "' has " + rank + " dimensions (at most 1024)");
            }
            long[] shape = new long[rank];
            boolean isRecord = false;
            long perRecord = 1;
            for (int k = 0; k < rank; k++) {
                int dim = header.getInt();
                if (dim < 0 || dim >= dimLengths.length) {
                    throw new Corrupt("variable '" + name + "' uses dimension " + dim + ", but the file defines "
                            + dimLengths.length);
                }
                shape[k] = dimLengths[dim];
                if (k == 0 && dim == recordDim) {
                    isRecord = true;
                } else {
                    perRecord = multiply(perRecord, dimLengths[dim], name);
                }
            }
            skipAttributes(header);
            int type = header.getInt();
            long vsize = Integer.toUnsignedLong(header.getInt());
            long begin = version == 1 ? Integer.toUnsignedLong(header.getInt()) : header.getLong();
            int typeSize = typeSize(type);
            if (typeSize < 0) {
                throw new Corrupt("variable '" + name + "' has type " + type + ", which NetCDF-3 does not define");
            }
            long bytes = multiply(perRecord, typeSize, name);
            if (begin < 0) {
                throw new Corrupt("variable '" + name + "' starts at byte " + begin);
            }
            if (isRecord) {
                recordVariables++;
                recordSize += vsize;
                lastRecordVsize = vsize;
                unpaddedSingle = bytes;
                recordParts.put(name, new long[] {begin, bytes});
            } else if (bytes > 0) {
                ends.put(name, begin + bytes);   // empty variables may point past the end: they have no data
            }
            variables.put(name, new Storage(begin, isRecord, typeSize, type, shape));
        }
        if (recordVariables == 1) {
            recordSize = recordSize - lastRecordVsize + unpaddedSingle;   // a lone record variable is not padded
        }
        for (Map.Entry<String, long[]> part : recordParts.entrySet()) {
            if (numRecords > 0 && part.getValue()[1] > 0) {
                long[] at = part.getValue();
                ends.put(part.getKey(), at[0] + (numRecords - 1) * recordSize + at[1]);
            }
        }
        for (Map.Entry<String, Long> end : ends.entrySet()) {
            if (end.getValue() > fileSize) {
                throw new Corrupt("the file is truncated: variable '" + end.getKey() + "' needs its data up to byte "
                        + end.getValue() + " (the header counts " + numRecords + " records of " + recordSize
                        + " bytes); the copy or download may have been interrupted");
            }
        }
        return new Netcdf3Layout(variables, recordSize);
    }

    /** A list's entry count, refused when the header's remaining bytes cannot hold that many entries. */
    private static int count(ByteBuffer header, String what, int minimumEntryBytes) {
        int count = header.getInt();
        if (count < 0 || (long) count * minimumEntryBytes > header.remaining()) {
            throw new Corrupt("the header lists " + Integer.toUnsignedString(count) + " " + what + ", more than the "
                    + header.remaining() + " bytes left in it can hold");
        }
        return count;
    }

    private static long multiply(long a, long b, String variable) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new Corrupt("variable '" + variable + "' has more elements than a file can hold");
        }
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2 -> 1;
            case 3 -> 2;
            case 4, 5 -> 4;
            case 6 -> 8;
            default -> -1;
        };
    }

    private static String readName(ByteBuffer b) {
        int length = nameLength(b);
        byte[] bytes = new byte[length];
        b.get(bytes);
        b.position(b.position() + pad(length));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int nameLength(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new Corrupt("a name at byte " + (b.position() - 4) + " is " + Integer.toUnsignedString(length)
                    + " bytes long, more than the header has left");
        }
        return length;
    }

    private static void skipName(ByteBuffer b) {
        int length = nameLength(b);
        b.position(b.position() + length + pad(length));
    }

    private static void skipAttributes(ByteBuffer b) {
        int tag = b.getInt();
        if (tag != 0 && tag != NC_ATTRIBUTE) {
            throw new Corrupt("an attribute list at byte " + (b.position() - 4) + " has tag " + tag + " (expected 12 or 0)");
        }
        int count = count(b, "attributes", 12);
        for (int i = 0; i < count; i++) {
            skipName(b);
            int type = b.getInt();
            int n = b.getInt();
            int size = typeSize(type);
            if (size < 0) {
                throw new Corrupt("an attribute at byte " + (b.position() - 8) + " has type " + type
                        + ", which NetCDF-3 does not define");
            }
            long bytes = Integer.toUnsignedLong(n) * size;
            if (n < 0 || bytes > b.remaining()) {
                throw new Corrupt("an attribute at byte " + (b.position() - 8) + " holds " + Integer.toUnsignedString(n)
                        + " values, more than the header has left");
            }
            b.position(b.position() + (int) bytes + pad((int) bytes));
        }
    }

    private static int pad(int length) {
        return (4 - length % 4) % 4;
    }
}
