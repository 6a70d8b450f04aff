package org.lazuli.kernel;

/** Elementwise operations of one operand, with NumPy's semantics for each lane. */
public enum UnaryOp {
    NEGATE("negative"), ABS("absolute"), SQRT("sqrt"), EXP("exp"), LOG("log"), SIN("sin"), COS("cos"),
    FLOOR("floor"), CEIL("ceil"), ROUND("round"), NOT("not"), ISNAN("isnan"),
    TAN("tan"), ARCSIN("arcsin"), ARCCOS("arccos"), ARCTAN("arctan"), SINH("sinh"), COSH("cosh"), TANH("tanh"),
    DEG2RAD("deg2rad"), RAD2DEG("rad2deg"), LOG10("log10"), LOG2("log2"), LOG1P("log1p"), EXPM1("expm1"),
    TRUNC("trunc"), SIGN("sign"), ISFINITE("isfinite"), ISINF("isinf");

    private final String label;

    UnaryOp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for functions whose result is floating point even for integer input. */
    public boolean isTranscendental() {
        return switch (this) {
            case SQRT, EXP, LOG, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, TANH, DEG2RAD, RAD2DEG, LOG10, LOG2,
                    LOG1P, EXPM1 -> true;
            default -> false;
        };
    }

    /** True for the tests of floating-point values (NaN, finite, infinite), whose result is boolean. */
    public boolean isPredicate() {
        return this == ISNAN || this == ISFINITE || this == ISINF;
    }
}
