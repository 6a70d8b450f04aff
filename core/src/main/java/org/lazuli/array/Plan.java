package org.lazuli.array;

import java.io.Serializable;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.UnaryOp;

/**
 * The fused elementwise work of one block: a small serializable tree that a task evaluates tile by
 * tile ({@link FusedEvaluator}). Leaves are task inputs, source regions or constants.
 */
sealed interface Plan extends Serializable {
    DType dtype();

    /** The task's input at {@code slot}, a block of the output's shape. */
    record Input(int slot, DType dtype) implements Plan {
    }

    /** A hyperslab of a source, read (or generated) inside the task. */
    record Read(ArraySource source, long[] start, long[] step, long[] count) implements Plan {
        @Override
        public DType dtype() {
            return source.dtype();
        }
    }

    record Constant(double doubleValue, long longValue, DType dtype) implements Plan {
    }

    /** {@code input} evaluated at {@code inputShape}, then broadcast (right-aligned) to the block. */
    record Broadcast(Plan input, long[] inputShape) implements Plan {
        @Override
        public DType dtype() {
            return input.dtype();
        }
    }

    record Unary(UnaryOp op, Plan input, DType dtype) implements Plan {
    }

    record Binary(BinaryOp op, Plan left, Plan right, DType dtype) implements Plan {
    }

    record Where(Plan condition, Plan ifTrue, Plan ifFalse, DType dtype) implements Plan {
    }

    record Cast(Plan input, DType dtype) implements Plan {
    }

    record Clip(Plan input, double min, double max, DType dtype) implements Plan {
    }
}
