package org.lazuli.array;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.FusedEvaluator.ConstLeaf;
import org.lazuli.array.FusedEvaluator.Node;
import org.lazuli.kernel.UnaryOp;

/**
 * The simplification pass, run over an expression just before it is lowered to tasks (dask's
 * {@code optimize}): every rewrite keeps the values, dtype, shape and chunks of the node it replaces,
 * and the tree is rewritten bottom-up until no rule applies. The rules:
 *
 * <ul>
 *   <li>a slice moves down into source regions ({@link SlicePushDown});</li>
 *   <li>an elementwise operation of constants is computed now, by its own kernel, and a cast of a
 *       constant is a constant; {@code isnan}, {@code isinf} and {@code isfinite} of integers are
 *       constants;</li>
 *   <li>a rechunk of a source is the source read in the new chunks, and a rechunk of a rechunk is one
 *       rechunk.</li>
 * </ul>
 *
 * One pass serves one lowering: shared sub-expressions are rewritten once and stay shared.
 */
final class Simplifier {
    /** What each node seen became (a rewritten node maps to itself: it is a fixed point). */
    private final Map<Expr, Expr> done = new IdentityHashMap<>();

    /** {@code e} with every rule applied, below and at it. */
    Expr simplify(Expr e) {
        Expr known = done.get(e);
        if (known != null) {
            return known;
        }
        List<Expr> inputs = e.inputs();
        List<Expr> simplified = new ArrayList<>(inputs.size());
        boolean changed = false;
        for (Expr input : inputs) {
            Expr s = simplify(input);
            simplified.add(s);
            changed |= s != input;
        }
        Expr node = changed ? e.withInputs(simplified) : e;
        Expr rewritten = rewrite(node);
        Expr result = rewritten == null ? node : simplify(rewritten);
        done.put(e, result);
        done.put(result, result);
        return result;
    }

    /** One rule applied at {@code e} (whose inputs are simplified), or null where none applies. */
    private static Expr rewrite(Expr e) {
        if (e instanceof Expr.Slice s) {
            return SlicePushDown.push(s);
        }
        if (e instanceof Expr.Elementwise op) {
            return fold(op);
        }
        if (e instanceof Expr.Rechunk r) {
            if (r.input() instanceof Expr.Source s) {
                return Exprs.region(s.source(), s.start(), s.step(), r.chunks());
            }
            if (r.input() instanceof Expr.Rechunk inner) {
                return Exprs.rechunk(inner.input(), r.chunks());
            }
        }
        return null;
    }

    /** Constant folding of one elementwise operation, or null where its value is not known yet. */
    private static Expr fold(Expr.Elementwise e) {
        if (e.op() instanceof ElementwiseOp.Apply1 apply && apply.op().isPredicate()
                && !e.inputs().get(0).dtype().isFloat()) {
            // integers are finite, never NaN or infinite
            long value = apply.op() == UnaryOp.ISFINITE ? 1 : 0;
            return Exprs.broadcastTo(Exprs.scalar(value, DType.BOOL), e.chunks());
        }
        List<Node> constants = new ArrayList<>();
        for (Expr input : e.inputs()) {
            if (!(input instanceof Expr.Scalar s)) {
                return null;
            }
            constants.add(new ConstLeaf(s.dtype(), s.doubleValue(), s.longValue()));
        }
        Node kernel = e.op().kernel(constants, e.dtype());
        if (kernel.longLane) {
            long[] value = new long[1];
            kernel.evalL(0, 1, value);
            return Exprs.scalar(value[0], e.dtype());
        }
        double[] value = new double[1];
        kernel.evalD(0, 1, value);
        return Exprs.scalar(value[0], e.dtype());
    }
}
