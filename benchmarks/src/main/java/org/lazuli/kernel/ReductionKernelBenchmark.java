package org.lazuli.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.descriptive.Variance;
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
 * Why reduction kernels are our own loops: the variance and sum of a 1000 x 1000 block, by
 * commons-statistics (the numerically stable reference our tests compare with) and by
 * {@link ReductionState} (the same merge formulas over struct-of-arrays states, tile by tile).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReductionKernelBenchmark {
    private double[] block;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        block = new double[1_000_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = random.nextDouble();
        }
    }

    @Benchmark
    public double varianceCommonsStatistics() {
        return Variance.of(block).getAsDouble();
    }

    @Benchmark
    public double varianceLazuliKernel() {
        ReductionState state = ReductionState.create(Statistic.MOMENTS, false, false, 1);
        for (int from = 0; from < block.length; from += 1024) {
            state.acceptRun(0, block, from, Math.min(1024, block.length - from), 0);
        }
        return state.finishDouble(1)[0];
    }

    @Benchmark
    public double sumNaiveLoop() {
        double s = 0;
        for (double v : block) {
            s += v;
        }
        return s;
    }

    @Benchmark
    public double sumLazuliKernel() {
        ReductionState state = ReductionState.create(Statistic.SUM, false, false, 1);
        for (int from = 0; from < block.length; from += 1024) {
            state.acceptRun(0, block, from, Math.min(1024, block.length - from), 0);
        }
        return state.finishDouble(0)[0];
    }
}
