package org.lazuli.kernel;

/** Elementwise operations of two operands, with NumPy's semantics for each lane. */
public enum BinaryOp {
    ADD("add"), SUBTRACT("subtract"), MULTIPLY("multiply"), DIVIDE("divide"), POW("power"), MOD("mod"),
    MAXIMUM("maximum"), MINIMUM("minimum"),
    EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge"),
    AND("and"), OR("or"), XOR("xor");

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

    public boolean isLogical() {
        return this == AND || this == OR || this == XOR;
    }
}
