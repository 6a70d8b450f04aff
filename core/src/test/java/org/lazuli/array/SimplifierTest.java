package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lazuli.kernel.BinaryOp;
import org.lazuli.kernel.UnaryOp;

/**
 * The simplification pass: each rule rewrites what it should and keeps dtype, shape and chunks; the
 * builder itself no longer rewrites; folded constants follow NumPy's arithmetic.
 */
class SimplifierTest {

    private static Expr source() {
        double[] values = new double[12 * 10];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5;
        }
        return Exprs.source(new DenseSource(DenseArray.of(values, 12, 10)), Chunks.regular(new long[] {12, 10},
                new long[] {4, 5}));
    }

    private static Expr simplified(Expr e) {
        Expr s = new Simplifier().simplify(e);
        assertEquals(e.dtype(), s.dtype(), "dtype kept");
        assertEquals(e.chunks(), s.chunks(), "shape and chunks kept");
        return s;
    }

    private static Expr rows(Expr e, long from, long count) {
        long[] shape = e.shape();
        return Exprs.slice(e, new long[] {from, 0}, new long[] {1, 1}, new long[] {count, shape[1]});
    }

    @Test
    void aSliceIsBuiltAsASliceAndMovedIntoTheSourceRegionByThePass() {
        Expr x = source();
        Expr sliced = rows(Exprs.binary(BinaryOp.MULTIPLY, x, Exprs.scalar(2.0, DType.FLOAT64)), 3, 6);
        assertInstanceOf(Expr.Slice.class, sliced, "the builder does not rewrite");

        Expr.Elementwise product = assertInstanceOf(Expr.Elementwise.class, simplified(sliced));
        Expr.Source region = assertInstanceOf(Expr.Source.class, product.inputs().get(0));
        assertArrayEquals(new long[] {3, 0}, region.start());
        assertArrayEquals(new long[] {6, 10}, region.shape());
        assertInstanceOf(Expr.Scalar.class, ((Expr.Broadcast) product.inputs().get(1)).input(),
                "the scalar is not sliced: it is broadcast to the region");
    }

    @Test
    void equalSelectionsBuiltInEitherOrderGetOneName() {
        Expr x = source();
        Expr one = Exprs.scalar(1.0, DType.FLOAT64);
        Expr sliceFirst = Exprs.binary(BinaryOp.ADD, rows(x, 2, 5), one);
        Expr sliceLast = rows(Exprs.binary(BinaryOp.ADD, x, one), 2, 5);
        assertNotEquals(sliceFirst.name(), sliceLast.name(), "as built");
        assertEquals(simplified(sliceFirst).name(), simplified(sliceLast).name(), "as lowered: the tasks are shared");
    }

    @Test
    void aSliceStopsAtWhatItCannotPass() {
        Expr transposed = Exprs.transpose(source(), new int[] {1, 0});
        Expr.Slice slice = assertInstanceOf(Expr.Slice.class, simplified(rows(transposed, 1, 4)));
        assertSame(transposed, slice.input());
    }

    @Test
    void constantsAreFoldedWithNumPysArithmetic() {
        // int8 wraps around: 100 + 100 = -56
        Expr.Scalar wrapped = assertInstanceOf(Expr.Scalar.class, simplified(Exprs.binary(BinaryOp.ADD,
                Exprs.scalar(100L, DType.INT8), Exprs.scalar(100L, DType.INT8))));
        assertEquals(-56, wrapped.longValue());
        // float32 rounds after the operation
        Expr.Scalar rounded = assertInstanceOf(Expr.Scalar.class, simplified(Exprs.binary(BinaryOp.ADD,
                Exprs.scalar(0.1, DType.FLOAT32), Exprs.scalar(0.2, DType.FLOAT32))));
        assertEquals((double) (0.1f + 0.2f), rounded.doubleValue());
        // a cast truncates toward zero; NaN is truthy as a bool
        Expr.Scalar truncated = assertInstanceOf(Expr.Scalar.class,
                simplified(Exprs.cast(Exprs.scalar(-3.7, DType.FLOAT64), DType.INT32)));
        assertEquals(-3, truncated.longValue());
        Expr.Scalar truthy = assertInstanceOf(Expr.Scalar.class,
                simplified(Exprs.cast(Exprs.scalar(Double.NaN, DType.FLOAT64), DType.BOOL)));
        assertEquals(1, truthy.longValue());
        // the folded scalar is the same value a task computes from the unfolded one
        Expr sqrt = Exprs.unary(UnaryOp.SQRT, Exprs.scalar(2L, DType.INT64));
        assertEquals(Math.sqrt(2), ((Expr.Scalar) simplified(sqrt)).doubleValue());
        assertEquals(Math.sqrt(2), ChunkedArray.of(sqrt).compute().getDouble());
    }

    @Test
    void predicatesOfIntegersAreConstants() {
        Expr ints = Exprs.cast(source(), DType.INT32);
        Expr.Broadcast finite = assertInstanceOf(Expr.Broadcast.class, simplified(Exprs.unary(UnaryOp.ISFINITE, ints)));
        assertEquals(1, ((Expr.Scalar) finite.input()).longValue());
        Expr.Broadcast nan = assertInstanceOf(Expr.Broadcast.class, simplified(Exprs.unary(UnaryOp.ISNAN, ints)));
        assertEquals(0, ((Expr.Scalar) nan.input()).longValue());
        assertInstanceOf(Expr.Elementwise.class, simplified(Exprs.unary(UnaryOp.ISNAN, source())), "floats are read");
    }

    @Test
    void rechunksOfSourcesAndOfRechunksCollapse() {
        Expr x = source();
        Chunks rows = Chunks.regular(new long[] {12, 10}, new long[] {1, 10});
        Chunks columns = Chunks.regular(new long[] {12, 10}, new long[] {12, 1});
        Expr.Source read = assertInstanceOf(Expr.Source.class, simplified(Exprs.rechunk(x, rows)));
        assertSame(((Expr.Source) x).source(), read.source());

        Expr squared = Exprs.binary(BinaryOp.MULTIPLY, x, x);
        Expr.Rechunk once = assertInstanceOf(Expr.Rechunk.class,
                simplified(Exprs.rechunk(Exprs.rechunk(squared, rows), columns)));
        assertSame(squared, once.input());
    }

    @Test
    void aSharedSubexpressionIsRewrittenOnceAndStaysShared() {
        Expr part = rows(source(), 0, 4);
        Expr.Elementwise sum = assertInstanceOf(Expr.Elementwise.class, simplified(Exprs.binary(BinaryOp.ADD, part,
                Exprs.unary(UnaryOp.NEGATE, part))));
        Expr left = sum.inputs().get(0);
        Expr negated = ((Expr.Elementwise) sum.inputs().get(1)).inputs().get(0);
        assertInstanceOf(Expr.Source.class, left);
        assertSame(left, negated);
        assertEquals(List.of(), left.inputs());
    }
}
