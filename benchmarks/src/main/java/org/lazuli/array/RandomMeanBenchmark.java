package org.lazuli.array;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic exercise: {@code random((n, n), chunks=(1000, 1000)).mean()}, in a 1 GB heap. The
 * array is 3.2 GB at n = 20000 and 12.8 GB at n = 40000, so it must stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RandomMeanBenchmark {
    @Param({"20000", "40000"})
    long n;

    @Benchmark
    public double mean() {
        return ChunkedArray.random(new long[] {n, n}, new long[] {1000, 1000}, 42L).mean().compute().getDouble();
    }
}
