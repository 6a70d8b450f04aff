package org.lazuli.kernel;

/** Elementwise operations of two operands, with NumPy's semantics for each lane. */
public enum BinaryOp {
    ADD("add"), SUBTRACT("subtract"), MULTIPLY("multiply"), DIVIDE("divide"), POW("power"), MOD("mod"),
    MAXIMUM("maximum"), MINIMUM("minimum"),
    EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge"),
    AND("and"), OR("or"), XOR("xor"), ARCTAN2("arctan2"), HYPOT("hypot");

    private final String label;

    BinaryOp(String label) {
        this.label = label;
    }

    /** Name used in task keys and messages. */
    public String label() {
        return label;
    }

    public boolean isComparison() {
        return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
    }

    /** True for functions computed in floating point whatever the operands' type (as true division). */
    public boolean isFloatingFunction() {
        return this == DIVIDE || this == ARCTAN2 || this == HYPOT;
    }

    public boolean isLogical() {
        return this == AND || this == OR || this == XOR;
    }
}
