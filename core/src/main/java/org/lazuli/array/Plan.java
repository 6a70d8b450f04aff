package org.lazuli.array;

import java.io.Serializable;
import java.util.List;

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

        @Override
        public List<Plan> inputs() {
            return List.of(input);
        }
    }

    /** One elementwise operation of plans evaluated at the block's shape. */
    record Elementwise(ElementwiseOp op, List<Plan> inputs, DType dtype) implements Plan {
        public Elementwise {
            inputs = List.copyOf(inputs);
        }

        /** The same operation over other inputs. */
        Elementwise over(List<Plan> replaced) {
            return new Elementwise(op, replaced, dtype);
        }
    }

    /** The plans this one is evaluated from (the leaves have none). */
    default List<Plan> inputs() {
        return List.of();
    }
}
