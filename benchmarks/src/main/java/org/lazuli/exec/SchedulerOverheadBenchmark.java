package org.lazuli.exec;

import java.util.concurrent.TimeUnit;
import org.lazuli.array.ChunkedArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scheduler overhead: {@code ones(100000, chunks=10).sum()} is 10,000 chunk tasks of 10 elements (plus
 * the combine tree), so its time is almost all per-task cost: lowering, ordering, dispatch. Divide the
 * score by {@link ChunkedArray#taskCount()} (printed at setup) for the cost per task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SchedulerOverheadBenchmark {

    private static ChunkedArray graph() {
        return ChunkedArray.ones(new long[] {100_000}, new long[] {10}).sum();
    }

    @Benchmark
    public double threaded() {
        return graph().compute().getDouble();
    }

    @Benchmark
    public double synchronous() {
        return graph().compute(SynchronousScheduler.instance()).getDouble();
    }
}
