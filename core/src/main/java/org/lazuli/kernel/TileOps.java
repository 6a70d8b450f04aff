package org.lazuli.kernel;

/**
 * Loops over primitive tiles: the inner kernels of fused elementwise evaluation. Every method
 * processes {@code n} elements and writes {@code out}, which may alias an input. Integer arithmetic
 * runs in the long lane and is narrowed afterwards ({@link #narrow}); float32 is rounded after every
 * operation ({@link #roundToFloat}). Booleans travel as 0/1 in the long lane.
 */
public final class TileOps {
    private static final double LN2 = Math.log(2);

    private TileOps() {
    }

    public static void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        switch (op) {
            case ARCTAN2 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.atan2(a[i], b[i]);
                }
            }
            case HYPOT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.hypot(a[i], b[i]);
                }
            }
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(a[i], b[i]);
                }
            }
            case MOD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = floorMod(a[i], b[i]);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.max(a[i], b[i]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.min(a[i], b[i]);
                }
            }
            default -> throw new IllegalArgumentException(op + " does not produce floating-point values");
        }
    }

    /** NumPy's {@code np.mod} for floats: the result takes the sign of the divisor. */
    static double floorMod(double a, double b) {
        double r = a % b;
        if (r != 0 && (r < 0) != (b < 0)) {
            r += b;
        }
        return r;
    }

    public static void binary(BinaryOp op, long[] a, long[] b, long[] out, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    out[i] = power(a[i], b[i]);
                }
            }
            case MOD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b[i] == 0 ? 0 : Math.floorMod(a[i], b[i]);   // NumPy gives 0 (with a warning)
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.max(a[i], b[i]);
                }
            }
            case MINIMUM -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.min(a[i], b[i]);
                }
            }
            case AND -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (a[i] != 0 && b[i] != 0) ? 1 : 0;
                }
            }
            case OR -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (a[i] != 0 || b[i] != 0) ? 1 : 0;
                }
            }
            case XOR -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (a[i] != 0) != (b[i] != 0) ? 1 : 0;
                }
            }
            default -> throw new IllegalArgumentException(op + " is not an integer operation");
        }
    }

    /** Integer power with wrap-around, as NumPy's; negative exponents are an error there too. */
    static long power(long base, long exponent) {
        if (exponent < 0) {
            throw new ArithmeticException("Integers to negative integer powers are not allowed; convert to float first");
        }
        long result = 1;
        long b = base;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }

    /** Comparisons of doubles, writing 0/1; NaN compares false except for NE, as in IEEE and NumPy. */
    public static void compare(BinaryOp op, double[] a, double[] b, long[] out, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] == b[i] ? 1 : 0;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] != b[i] ? 1 : 0;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] < b[i] ? 1 : 0;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] <= b[i] ? 1 : 0;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] > b[i] ? 1 : 0;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] >= b[i] ? 1 : 0;
                }
            }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    public static void compare(BinaryOp op, long[] a, long[] b, long[] out, int n) {
        switch (op) {
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] == b[i] ? 1 : 0;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] != b[i] ? 1 : 0;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] < b[i] ? 1 : 0;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] <= b[i] ? 1 : 0;
                }
            }
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] > b[i] ? 1 : 0;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] >= b[i] ? 1 : 0;
                }
            }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    public static void unary(UnaryOp op, double[] a, double[] out, int n) {
        switch (op) {
            case NEGATE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = -a[i];
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(a[i]);
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sqrt(a[i]);
                }
            }
            case EXP -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.exp(a[i]);
                }
            }
            case LOG -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log(a[i]);
                }
            }
            case SIN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sin(a[i]);
                }
            }
            case COS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.cos(a[i]);
                }
            }
            case FLOOR -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.floor(a[i]);
                }
            }
            case CEIL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.ceil(a[i]);
                }
            }
            case ROUND -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.rint(a[i]);   // half to even, as np.round
                }
            }
            case TAN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.tan(a[i]);
                }
            }
            case ARCSIN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.asin(a[i]);
                }
            }
            case ARCCOS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.acos(a[i]);
                }
            }
            case ARCTAN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.atan(a[i]);
                }
            }
            case SINH -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.sinh(a[i]);
                }
            }
            case COSH -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.cosh(a[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.tanh(a[i]);
                }
            }
            case DEG2RAD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.toRadians(a[i]);
                }
            }
            case RAD2DEG -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.toDegrees(a[i]);
                }
            }
            case LOG10 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log10(a[i]);
                }
            }
            case LOG2 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log(a[i]) / LN2;
                }
            }
            case LOG1P -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.log1p(a[i]);
                }
            }
            case EXPM1 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.expm1(a[i]);
                }
            }
            case TRUNC -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] < 0 ? Math.ceil(a[i]) : Math.floor(a[i]);
                }
            }
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] != a[i] ? a[i] : Math.signum(a[i]);
                }
            }
            default -> throw new IllegalArgumentException(op + " does not produce floating-point values");
        }
    }

    public static void unary(UnaryOp op, long[] a, long[] out, int n) {
        switch (op) {
            case NEGATE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = -a[i];
                }
            }
            case ABS -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.abs(a[i]);
                }
            }
            case FLOOR, CEIL, ROUND, TRUNC -> System.arraycopy(a, 0, out, 0, n);
            case SIGN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Long.signum(a[i]);
                }
            }
            case NOT -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] == 0 ? 1 : 0;
                }
            }
            default -> throw new IllegalArgumentException(op + " is not an integer operation");
        }
    }

    /** 0/1 for a test of doubles: NaN, finite or infinite. */
    public static void predicate(UnaryOp op, double[] a, long[] out, int n) {
        switch (op) {
            case ISNAN -> isNaN(a, out, n);
            case ISFINITE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Double.isFinite(a[i]) ? 1 : 0;
                }
            }
            case ISINF -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Double.isInfinite(a[i]) ? 1 : 0;
                }
            }
            default -> throw new IllegalArgumentException(op + " is not a test of values");
        }
    }

    /** 0/1 for NaN-ness of doubles. */
    public static void isNaN(double[] a, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] != a[i] ? 1 : 0;
        }
    }

    /**
     * Narrows long-lane values to a stored integer width, wrapping as C casts do.
     *
     * @param bits     8, 16, 32 or 64
     * @param unsigned whether the stored type is unsigned (uint8)
     */
    public static void narrow(long[] v, int n, int bits, boolean unsigned) {
        if (bits == 64) {
            return;
        }
        if (unsigned) {
            long mask = (1L << bits) - 1;
            for (int i = 0; i < n; i++) {
                v[i] &= mask;
            }
            return;
        }
        int shift = 64 - bits;
        for (int i = 0; i < n; i++) {
            v[i] = (v[i] << shift) >> shift;
        }
    }

    /** Turns any non-zero into 1 (storing into bool). */
    public static void toBool(long[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = v[i] != 0 ? 1 : 0;
        }
    }

    /** Rounds every value to the nearest float32, as NumPy's float32 loops do after each operation. */
    public static void roundToFloat(double[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = (float) v[i];
        }
    }

    public static void toDouble(long[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i];
        }
    }

    /** C-style truncation of doubles to longs (NumPy's float → int cast). */
    public static void toLong(double[] a, long[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (long) a[i];
        }
    }

    public static void clip(double[] a, double min, double max, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.min(Math.max(a[i], min), max);
        }
    }

    public static void clip(long[] a, long min, long max, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = Math.min(Math.max(a[i], min), max);
        }
    }
}
