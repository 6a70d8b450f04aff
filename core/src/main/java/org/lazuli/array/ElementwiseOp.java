package org.lazuli.array;

import static org.lazuli.array.FusedEvaluator.TILE;
import static org.lazuli.array.FusedEvaluator.finishD;
import static org.lazuli.array.FusedEvaluator.finishL;

import java.io.Serializable;
import java.util.List;
import org.lazuli.array.FusedEvaluator.Node;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.TileOps;
import org.lazuli.kernel.UnaryOp;

/**
 * One elementwise operation, defined once: its name, NumPy's type rule and its kernel. The expression
 * ({@link Expr.Elementwise}), the block's plan ({@link Plan.Elementwise}) and the tile evaluator all
 * carry an operation of this type, so adding one means adding a record here and nothing else.
 */
sealed interface ElementwiseOp extends Serializable {

    /** The name's prefix (NumPy's ufunc name). */
    String label();

    /**
     * NumPy's type resolution: the dtype input {@code index} (of dtype {@code input}) is converted to
     * before the kernel runs, given the common dtype of the inputs that are combined. Throws where NumPy
     * refuses the operation for the type.
     */
    DType operandType(int index, DType input, DType common);

    /** The result's dtype given the operands' converted dtypes. */
    DType resultType(List<DType> operands);

    /** What besides the inputs' names tells two such operations apart in a name (for {@link Tokens#name}). */
    default List<Object> nameParts(DType result) {
        return List.of();
    }

    /** The tile evaluator of this operation over its inputs' evaluators. */
    Node kernel(List<Node> inputs, DType result);

    /** A function of one operand ({@code sqrt}, {@code isnan}, {@code not} ...). */
    record Apply1(UnaryOp op) implements ElementwiseOp {
        @Override
        public String label() {
            return op == UnaryOp.NOT ? "invert" : op.label();
        }

        @Override
        public DType operandType(int index, DType input, DType common) {
            return switch (op) {
                case ISNAN, ISFINITE, ISINF, ABS -> input;
                case NOT -> DType.BOOL;
                case NEGATE -> {
                    if (input.isBool()) {
                        throw new IllegalArgumentException("The numpy boolean negative, the `-` operator, is not"
                                + " supported; use not() instead");
                    }
                    yield input;
                }
                case FLOOR, CEIL, ROUND, TRUNC, SIGN -> input.isBool() ? DType.FLOAT32 : input;
                default -> input.floatResult();
            };
        }

        @Override
        public DType resultType(List<DType> operands) {
            return op.isPredicate() || op == UnaryOp.NOT ? DType.BOOL : operands.get(0);
        }

        @Override
        public Node kernel(List<Node> inputs, DType result) {
            return new UnaryNode(op, inputs.get(0), result);
        }
    }

    /** A function of two operands of the same dtype and shape. */
    record Apply2(BinaryOp op) implements ElementwiseOp {
        @Override
        public String label() {
            return op.label();
        }

        @Override
        public DType operandType(int index, DType input, DType common) {
            if (op.isLogical()) {
                return DType.BOOL;
            }
            if (op.isFloatingFunction()) {
                return common.isFloat() ? common : DType.FLOAT64;
            }
            if (common.isBool() && op == BinaryOp.SUBTRACT) {
                throw new IllegalArgumentException("numpy boolean subtract, the `-` operator, is not supported;"
                        + " use xor() instead");
            }
            if (common.isBool() && (op == BinaryOp.POW || op == BinaryOp.MOD)) {
                return DType.INT8;
            }
            return common;
        }

        @Override
        public DType resultType(List<DType> operands) {
            return op.isComparison() ? DType.BOOL : operands.get(0);
        }

        @Override
        public List<Object> nameParts(DType result) {
            return List.of(result);
        }

        @Override
        public Node kernel(List<Node> inputs, DType result) {
            return new BinaryNode(op, inputs.get(0), inputs.get(1), result);
        }
    }

    /** {@code where(condition, ifTrue, ifFalse)}: the values are combined in their common dtype. */
    record Select() implements ElementwiseOp {
        @Override
        public String label() {
            return "where";
        }

        @Override
        public DType operandType(int index, DType input, DType common) {
            return index == 0 ? DType.BOOL : common;
        }

        @Override
        public DType resultType(List<DType> operands) {
            return operands.get(1);
        }

        @Override
        public Node kernel(List<Node> inputs, DType result) {
            return new WhereNode(inputs.get(0), inputs.get(1), inputs.get(2), result);
        }
    }

    /** NumPy's {@code astype}. */
    record CastTo(DType dtype) implements ElementwiseOp {
        @Override
        public String label() {
            return "astype";
        }

        @Override
        public DType operandType(int index, DType input, DType common) {
            return input;
        }

        @Override
        public DType resultType(List<DType> operands) {
            return dtype;
        }

        @Override
        public List<Object> nameParts(DType result) {
            return List.of(dtype);
        }

        @Override
        public Node kernel(List<Node> inputs, DType result) {
            return new CastNode(inputs.get(0), result);
        }
    }

    /** Values limited to {@code [min, max]}, in the input's dtype. */
    record ClipTo(double min, double max) implements ElementwiseOp {
        public ClipTo {
            if (min > max) {
                throw new IllegalArgumentException("clip needs min <= max, got min=" + min + ", max=" + max);
            }
        }

        @Override
        public String label() {
            return "clip";
        }

        @Override
        public DType operandType(int index, DType input, DType common) {
            return input;
        }

        @Override
        public DType resultType(List<DType> operands) {
            return operands.get(0);
        }

        @Override
        public List<Object> nameParts(DType result) {
            return List.of(min, max);
        }

        @Override
        public Node kernel(List<Node> inputs, DType result) {
            return new ClipNode(inputs.get(0), min, max, result);
        }
    }

    // ---- kernels ------------------------------------------------------------------------------

    final class UnaryNode extends Node {
        private final UnaryOp op;
        private final Node input;
        private double[] scratch;

        UnaryNode(UnaryOp op, Node input, DType dtype) {
            super(dtype);
            this.op = op;
            this.input = input;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            input.evalD(start, len, out);
            TileOps.unary(op, out, out, len);
            finishD(dtype, out, len);
        }

        @Override
        void evalL(int start, int len, long[] out) {
            if (op.isPredicate()) {
                if (scratch == null) {
                    scratch = new double[TILE];
                }
                input.evalD(start, len, scratch);
                TileOps.predicate(op, scratch, out, len);
                return;
            }
            input.evalL(start, len, out);
            TileOps.unary(op, out, out, len);
            finishL(dtype, out, len);
        }
    }

    final class BinaryNode extends Node {
        private final BinaryOp op;
        private final Node left;
        private final Node right;
        private double[] scratchD;
        private double[] scratchD2;
        private long[] scratchL;

        BinaryNode(BinaryOp op, Node left, Node right, DType dtype) {
            super(dtype);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            if (scratchD == null) {
                scratchD = new double[TILE];
            }
            left.evalD(start, len, out);
            right.evalD(start, len, scratchD);
            TileOps.binary(op, out, scratchD, out, len);
            finishD(dtype, out, len);
        }

        @Override
        void evalL(int start, int len, long[] out) {
            if (op.isComparison() && !left.longLane) {
                if (scratchD == null) {
                    scratchD = new double[TILE];
                    scratchD2 = new double[TILE];
                }
                left.evalD(start, len, scratchD);
                right.evalD(start, len, scratchD2);
                TileOps.compare(op, scratchD, scratchD2, out, len);
                return;
            }
            if (scratchL == null) {
                scratchL = new long[TILE];
            }
            left.evalL(start, len, out);
            right.evalL(start, len, scratchL);
            if (op.isComparison()) {
                TileOps.compare(op, out, scratchL, out, len);
            } else {
                TileOps.binary(op, out, scratchL, out, len);
                finishL(dtype, out, len);
            }
        }
    }

    final class WhereNode extends Node {
        private final Node condition;
        private final Node ifTrue;
        private final Node ifFalse;
        private long[] mask;
        private double[] otherD;
        private long[] otherL;

        WhereNode(Node condition, Node ifTrue, Node ifFalse, DType dtype) {
            super(dtype);
            this.condition = condition;
            this.ifTrue = ifTrue;
            this.ifFalse = ifFalse;
        }

        private long[] mask(int start, int len) {
            if (mask == null) {
                mask = new long[TILE];
            }
            condition.evalL(start, len, mask);
            return mask;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            long[] m = mask(start, len);
            if (otherD == null) {
                otherD = new double[TILE];
            }
            ifTrue.evalD(start, len, out);
            ifFalse.evalD(start, len, otherD);
            for (int i = 0; i < len; i++) {
                if (m[i] == 0) {
                    out[i] = otherD[i];
                }
            }
        }

        @Override
        void evalL(int start, int len, long[] out) {
            long[] m = mask(start, len);
            if (otherL == null) {
                otherL = new long[TILE];
            }
            ifTrue.evalL(start, len, out);
            ifFalse.evalL(start, len, otherL);
            for (int i = 0; i < len; i++) {
                if (m[i] == 0) {
                    out[i] = otherL[i];
                }
            }
        }
    }

    /** Converts between lanes and element types with NumPy's {@code astype} semantics. */
    final class CastNode extends Node {
        private final Node input;
        private double[] scratchD;
        private long[] scratchL;

        CastNode(Node input, DType dtype) {
            super(dtype);
            this.input = input;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            if (input.longLane) {
                if (scratchL == null) {
                    scratchL = new long[TILE];
                }
                input.evalL(start, len, scratchL);
                TileOps.toDouble(scratchL, out, len);
            } else {
                input.evalD(start, len, out);
            }
            finishD(dtype, out, len);
        }

        @Override
        void evalL(int start, int len, long[] out) {
            if (input.longLane) {
                input.evalL(start, len, out);
            } else {
                if (scratchD == null) {
                    scratchD = new double[TILE];
                }
                input.evalD(start, len, scratchD);
                if (dtype == DType.BOOL) {
                    for (int i = 0; i < len; i++) {
                        out[i] = scratchD[i] != 0 ? 1 : 0;   // NaN is truthy, as in NumPy
                    }
                    return;
                }
                TileOps.toLong(scratchD, out, len);
            }
            finishL(dtype, out, len);
        }
    }

    final class ClipNode extends Node {
        private final Node input;
        private final double min;
        private final double max;

        ClipNode(Node input, double min, double max, DType dtype) {
            super(dtype);
            this.input = input;
            this.min = min;
            this.max = max;
        }

        @Override
        void evalD(int start, int len, double[] out) {
            input.evalD(start, len, out);
            TileOps.clip(out, min, max, len);
            finishD(dtype, out, len);
        }

        @Override
        void evalL(int start, int len, long[] out) {
            input.evalL(start, len, out);
            long lo = min == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) Math.ceil(min);
            long hi = max == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(max);
            TileOps.clip(out, lo, hi, len);
        }
    }
}
