package org.lazuli.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.lazuli.array.ChunkedArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the cluster's event stream on the 10,000-task graph ({@code ones(100000, chunks=10).sum()}):
 * no subscriber against one that records every event (what the dashboard does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventStreamBenchmark {
    @Param({"false", "true"})
    boolean subscribed;

    private LocalCluster cluster;
    private AutoCloseable subscription;
    private final LongAdder seen = new LongAdder();

    @Setup(Level.Trial)
    public void start() {
        cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
        if (subscribed) {
            subscription = cluster.events().subscribe(e -> seen.increment());
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        cluster.close();
    }

    @Benchmark
    public double tenThousandTasks() {
        return ChunkedArray.ones(new long[] {100_000}, new long[] {10}).sum().compute(cluster.scheduler()).getDouble();
    }
}
