package org.lazuli.io.netcdf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.HashMap;
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

    /**
     * Parses the header, or returns null when the file is not CDF-1/CDF-2 or uses streaming record
     * counts. Reads 64 KiB first and more only for larger headers.
     */
    static Netcdf3Layout parse(FileChannel channel) throws IOException {
        long size = channel.size();
        for (long want = 1 << 16; ; want *= 8) {
            int length = (int) Math.min(size, Math.min(want, Integer.MAX_VALUE - 8));
            ByteBuffer header = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
            while (header.hasRemaining() && channel.read(header, header.position()) >= 0) {
                // read until full or end of file
            }
            header.flip();
            try {
                return parse(header);
            } catch (java.nio.BufferUnderflowException e) {
                if (length >= size) {
                    return null;   // a truncated header: let NetCDF-Java report it
                }
            }
        }
    }

    private static Netcdf3Layout parse(ByteBuffer header) {
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
        int count = header.getInt();
        long[] dimLengths = new long[count];
        int recordDim = -1;
        for (int i = 0; i < count; i++) {
            skipName(header);
            long length = Integer.toUnsignedLong(header.getInt());
            if (length == 0) {
                recordDim = i;
                length = numRecords;
            }
            dimLengths[i] = length;
        }
        if (tag != 0 && tag != NC_DIMENSION) {
            return null;
        }
        skipAttributes(header);
        tag = header.getInt();
        count = header.getInt();
        if (tag != 0 && tag != NC_VARIABLE) {
            return null;
        }
        Map<String, Storage> variables = new HashMap<>();
        long recordSize = 0;
        int recordVariables = 0;
        long lastRecordVsize = 0;
        long unpaddedSingle = 0;
        for (int i = 0; i < count; i++) {
            String name = readName(header);
            int rank = header.getInt();
            long[] shape = new long[rank];
            boolean isRecord = false;
            long perRecord = 1;
            for (int k = 0; k < rank; k++) {
                int dim = header.getInt();
                shape[k] = dimLengths[dim];
                if (k == 0 && dim == recordDim) {
                    isRecord = true;
                } else {
                    perRecord *= dimLengths[dim];
                }
            }
            skipAttributes(header);
            int type = header.getInt();
            long vsize = Integer.toUnsignedLong(header.getInt());
            long begin = version == 1 ? Integer.toUnsignedLong(header.getInt()) : header.getLong();
            int typeSize = typeSize(type);
            if (typeSize < 0) {
                return null;
            }
            if (isRecord) {
                recordVariables++;
                recordSize += vsize;
                lastRecordVsize = vsize;
                unpaddedSingle = perRecord * typeSize;
            }
            variables.put(name, new Storage(begin, isRecord, typeSize, type, shape));
        }
        if (recordVariables == 1) {
            recordSize = recordSize - lastRecordVsize + unpaddedSingle;   // a lone record variable is not padded
        }
        return new Netcdf3Layout(variables, recordSize);
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
        int length = b.getInt();
        byte[] bytes = new byte[length];
        b.get(bytes);
        b.position(b.position() + pad(length));
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void skipName(ByteBuffer b) {
        int length = b.getInt();
        b.position(b.position() + length + pad(length));
    }

    private static void skipAttributes(ByteBuffer b) {
        int tag = b.getInt();
        int count = b.getInt();
        if (tag != 0 && tag != NC_ATTRIBUTE) {
            throw new IllegalStateException("Bad NetCDF-3 attribute list tag " + tag);
        }
        for (int i = 0; i < count; i++) {
            skipName(b);
            int type = b.getInt();
            int n = b.getInt();
            int bytes = n * Math.max(typeSize(type), 1);
            b.position(b.position() + bytes + pad(bytes));
        }
    }

    private static int pad(int length) {
        return (4 - length % 4) % 4;
    }
}
