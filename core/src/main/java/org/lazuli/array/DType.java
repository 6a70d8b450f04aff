package org.lazuli.array;

import java.util.Locale;

/**
 * Element types of arrays, with NumPy's names and promotion rules.
 *
 * <p>Integers wrap around on overflow as NumPy's do; {@link #UINT8} holds 0..255. Arithmetic on
 * {@link #FLOAT32} rounds to float32 after every operation, as NumPy's float32 loops do.
 */
public enum DType {
    BOOL("bool", 1, Kind.BOOL),
    UINT8("uint8", 1, Kind.UNSIGNED),
    INT8("int8", 1, Kind.SIGNED),
    INT16("int16", 2, Kind.SIGNED),
    INT32("int32", 4, Kind.SIGNED),
    INT64("int64", 8, Kind.SIGNED),
    FLOAT32("float32", 4, Kind.FLOAT),
    FLOAT64("float64", 8, Kind.FLOAT);

    /** Broad families used by the promotion rules. */
    public enum Kind { BOOL, UNSIGNED, SIGNED, FLOAT }

    private final String numpyName;
    private final int itemSize;
    private final Kind kind;

    DType(String numpyName, int itemSize, Kind kind) {
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** NumPy's name of this type, e.g. {@code "float64"}. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isFloat() {
        return kind == Kind.FLOAT;
    }

    /** True for the signed and unsigned integer types (not bool). */
    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** The type NumPy gives to {@code a op b} for arrays of these types ({@code np.result_type}). */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.isBool()) {
            return b;
        }
        if (b.isBool()) {
            return a;
        }
        if (a.isFloat() || b.isFloat()) {
            DType integer = a.isFloat() ? b : a;
            DType floating = a.isFloat() ? a : b;
            if (!integer.isFloat() && floating == FLOAT32 && integer.itemSize() >= 4) {
                return FLOAT64;   // float32 cannot hold every int32/int64
            }
            return a.isFloat() && b.isFloat() ? (a.itemSize() >= b.itemSize() ? a : b) : floating;
        }
        if (a.kind() == b.kind()) {
            return a.itemSize() >= b.itemSize() ? a : b;
        }
        // uint8 with a signed type: the signed type if wider, else the next wider signed type
        DType signed = a.kind() == Kind.SIGNED ? a : b;
        return signed.itemSize() > 1 ? signed : INT16;
    }

    /**
     * The type of {@code array op scalar} under NumPy 2's rules (NEP 50): a Java integer scalar keeps
     * the array's integer type, a floating scalar turns integer arrays into float64 and keeps float32.
     */
    public static DType promoteWithScalar(DType array, boolean scalarIsFloat) {
        if (!scalarIsFloat) {
            return array.isBool() ? INT64 : array;
        }
        return array.isFloat() ? array : FLOAT64;
    }

    /** The floating type NumPy's transcendental functions (sqrt, exp, sin …) return for this input. */
    public DType floatResult() {
        if (isFloat()) {
            return this;
        }
        // NumPy gives float16 for 8-bit inputs; without float16 the nearest wider type is float32
        return itemSize() <= 2 ? FLOAT32 : FLOAT64;
    }

    /** Looks a type up by NumPy's name ("float64", "int32", "bool" …). */
    public static DType of(String numpyName) {
        String wanted = numpyName.toLowerCase(Locale.ROOT);
        for (DType type : values()) {
            if (type.numpyName.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown dtype '" + numpyName
                + "'; use one of float64, float32, int64, int32, int16, int8, uint8, bool");
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
