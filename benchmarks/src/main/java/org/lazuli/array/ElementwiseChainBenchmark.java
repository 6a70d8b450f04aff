package org.lazuli.array;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One elementwise op against a chain of five, each materialising its result (4000 x 4000, 16 blocks).
 * Fusion evaluates the whole chain per tile, so the five-op chain allocates no more blocks than one
 * op: run with {@code -prof gc} and compare {@code gc.alloc.rate.norm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ElementwiseChainBenchmark {
    private ChunkedArray x;

    @Setup
    public void setUp() {
        x = ChunkedArray.random(new long[] {4000, 4000}, new long[] {1000, 1000}, 1L).persist();
    }

    @Benchmark
    public DenseArray oneOp() {
        return x.add(1.0).compute();
    }

    @Benchmark
    public DenseArray fiveOps() {
        return x.add(1.0).multiply(2.0).subtract(0.5).abs().sqrt().compute();
    }
}
