package org.lazuli.array;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code (random + ones).sum()} on 10000 x 10000 with 1000 x 1000 chunks (dask threaded: about 0.82 s here). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RandomPlusOnesSumBenchmark {

    @Benchmark
    public double sum() {
        long[] shape = {10000, 10000};
        long[] chunks = {1000, 1000};
        return ChunkedArray.random(shape, chunks, 42L).add(ChunkedArray.ones(shape, chunks)).sum().compute().getDouble();
    }
}
