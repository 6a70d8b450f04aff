package org.lazuli.kernel;

/** Elementwise operations of one operand, with NumPy's semantics for each lane. */
public enum UnaryOp {
    NEGATE("negative"), ABS("absolute"), SQRT("sqrt"), EXP("exp"), LOG("log"), SIN("sin"), COS("cos"),
    FLOOR("floor"), CEIL("ceil"), ROUND("round"), NOT("not"), ISNAN("isnan");

    private final String label;

    UnaryOp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for functions whose result is floating point even for integer input. */
    public boolean isTranscendental() {
        return this == SQRT || this == EXP || this == LOG || this == SIN || this == COS;
    }
}
