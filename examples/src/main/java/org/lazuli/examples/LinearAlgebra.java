package org.lazuli.examples;

import java.util.Arrays;
import org.lazuli.array.ChunkedArray;
import org.lazuli.nd4j.Nd4jArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J interop and a chunked matrix product on BLAS (the tutorial's ND4J lines). */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    public static void run() {
        INDArray left = Nd4j.rand(DataType.DOUBLE, 300, 200);
        INDArray right = Nd4j.rand(DataType.DOUBLE, 200, 250);
        long start = System.nanoTime();
        INDArray m = Nd4jArrays.toINDArray(Nd4jArrays.matmul(
                Nd4jArrays.toChunked(left, new long[] {100, 100}),
                Nd4jArrays.toChunked(right, new long[] {100, 100})).compute());
        double seconds = ChunkedArrays.seconds(start);
        double largestDifference = m.sub(left.mmul(right)).amaxNumber().doubleValue();
        System.out.printf("chunked matmul %s in %.3f s; largest difference from one ND4J mmul: %.1e%n",
                Arrays.toString(m.shape()), seconds, largestDifference);
        ChunkedArray v = ChunkedArray.arange(0, 4, 1, 2);
        System.out.println("dot(v, v) for v = 0..3: " + Nd4jArrays.dot(v, v).compute());
    }
}
