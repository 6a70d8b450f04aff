package org.lazuli.io.zarr;

import java.io.Serializable;
import java.nio.ByteOrder;
import org.lazuli.array.DType;

/**
 * A Zarr element type: NumPy's type string in v2 ({@code "<f4"}, {@code "|u1"}, {@code "<U8"}), a name in
 * v3 ({@code "float32"}), with the Lazuli dtype its values are held in. Unsigned types wider than a byte
 * are held in the next signed type, as the NetCDF backend holds them.
 *
 * @param kind     NumPy's kind: b, i, u, f, U (UTF-32 text), S (bytes), O (objects: variable-length text)
 * @param itemSize bytes per element in a chunk (0 for variable-length text)
 * @param bigEndian the byte order of the elements in a chunk (a flag: ByteOrder does not serialize)
 */
record ZarrDType(char kind, int itemSize, boolean bigEndian) implements Serializable {

    ZarrDType(char kind, int itemSize, ByteOrder order) {
        this(kind, itemSize, order == ByteOrder.BIG_ENDIAN);
    }

    /** The byte order of the elements in a chunk. */
    ByteOrder order() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Parses a v2 type string; {@code where} names the array in the error. */
    static ZarrDType v2(String typestr, String where) {
        if (typestr == null || typestr.length() < 2) {
            throw unsupported(typestr, where);
        }
        char endian = typestr.charAt(0);
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = typestr.charAt(1);
        if (endian != '<' && endian != '>' && endian != '|') {
            throw unsupported(typestr, where);
        }
        if (kind == 'O') {
            return new ZarrDType('O', 0, order);
        }
        int size;
        try {
            size = Integer.parseInt(typestr.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(typestr, where);
        }
        ZarrDType type = new ZarrDType(kind, kind == 'U' ? 4 * size : size, order);
        if (!type.isText() && type.dtype() == null) {
            throw unsupported(typestr, where);
        }
        return type;
    }

    /** Parses a v3 data type name ("float32", "uint8", "bool"); chunks' byte order comes from the bytes codec. */
    static ZarrDType v3(String name, ByteOrder order, String where) {
        return switch (name) {
            case "bool" -> new ZarrDType('b', 1, order);
            case "int8" -> new ZarrDType('i', 1, order);
            case "int16" -> new ZarrDType('i', 2, order);
            case "int32" -> new ZarrDType('i', 4, order);
            case "int64" -> new ZarrDType('i', 8, order);
            case "uint8" -> new ZarrDType('u', 1, order);
            case "uint16" -> new ZarrDType('u', 2, order);
            case "uint32" -> new ZarrDType('u', 4, order);
            case "uint64" -> new ZarrDType('u', 8, order);
            case "float32" -> new ZarrDType('f', 4, order);
            case "float64" -> new ZarrDType('f', 8, order);
            case "string" -> new ZarrDType('O', 0, order);
            default -> throw unsupported(name, where);
        };
    }

    /** The element type a Lazuli dtype is stored as. */
    static ZarrDType of(DType dtype) {
        return switch (dtype) {
            case BOOL -> new ZarrDType('b', 1, ByteOrder.LITTLE_ENDIAN);
            case UINT8 -> new ZarrDType('u', 1, ByteOrder.LITTLE_ENDIAN);
            case INT8, INT16, INT32, INT64 -> new ZarrDType('i', dtype.itemSize(), ByteOrder.LITTLE_ENDIAN);
            case FLOAT32, FLOAT64 -> new ZarrDType('f', dtype.itemSize(), ByteOrder.LITTLE_ENDIAN);
        };
    }

    /** Fixed-width UTF-32 text of {@code length} characters, as NumPy's {@code <U}. */
    static ZarrDType text(int length) {
        return new ZarrDType('U', 4 * Math.max(length, 1), ByteOrder.LITTLE_ENDIAN);
    }

    private static IllegalArgumentException unsupported(String type, String where) {
        return new IllegalArgumentException("Zarr array " + where + " has the data type '" + type + "', which Lazuli"
                + " cannot read; it reads bool, (u)int8-64, float32/64, fixed-width text (U, S) and variable-length"
                + " UTF-8 text");
    }

    /** Whether the values are text (labels, read whole), not numbers. */
    boolean isText() {
        return kind == 'U' || kind == 'S' || kind == 'O';
    }

    /** The dtype the values are held in; null for text. */
    DType dtype() {
        return switch (kind) {
            case 'b' -> itemSize == 1 ? DType.BOOL : null;
            case 'i' -> switch (itemSize) {
                case 1 -> DType.INT8;
                case 2 -> DType.INT16;
                case 4 -> DType.INT32;
                case 8 -> DType.INT64;
                default -> null;
            };
            case 'u' -> switch (itemSize) {
                case 1 -> DType.UINT8;
                case 2 -> DType.INT32;
                case 4, 8 -> DType.INT64;
                default -> null;
            };
            case 'f' -> switch (itemSize) {
                case 4 -> DType.FLOAT32;
                case 8 -> DType.FLOAT64;
                default -> null;
            };
            default -> null;
        };
    }

    /** NumPy's name, kept in the variable's encoding as "dtype" ("uint16", "float32", "<U5"). */
    String numpyName() {
        return switch (kind) {
            case 'b' -> "bool";
            case 'i' -> "int" + 8 * itemSize;
            case 'u' -> "uint" + 8 * itemSize;
            case 'f' -> "float" + 8 * itemSize;
            case 'U' -> "<U" + itemSize / 4;
            case 'S' -> "|S" + itemSize;
            default -> "object";
        };
    }

    /** The v2 type string. */
    String typestr() {
        char endian = itemSize == 1 || kind == 'S' ? '|' : bigEndian ? '>' : '<';
        return switch (kind) {
            case 'U' -> endian + "U" + itemSize / 4;
            case 'O' -> "|O";
            default -> "" + endian + kind + itemSize;
        };
    }

    /** The v3 data type name. */
    String v3Name() {
        return kind == 'O' || kind == 'U' ? "string" : numpyName();
    }
}
