package org.lazuli.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.Delayed;
import org.lazuli.cluster.SchedulerEvent;
import org.lazuli.cluster.TaskFuture;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;

/** The same graphs on Spark's local mode (executor threads in this JVM) as on the synchronous scheduler. */
class SparkLocalTest {
    private static SparkCluster spark;

    @BeforeAll
    static void start() {
        spark = SparkCluster.builder().master("local[2]").appName("lazuli-local-test").dashboardAddress("none").start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        spark.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!lazuliThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), lazuliThreads(), "closing the cluster stops every thread it started");
        assertTrue(spark.sparkContext().sc().isStopped());
    }

    private static List<String> lazuliThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("lazuli-spark")).toList();
    }

    @Test
    void chunkedReductionsMatchTheSynchronousScheduler() {
        ChunkedArray x = ChunkedArray.random(new long[] {300, 200}, new long[] {70, 45}, 7L);
        ChunkedArray y = ChunkedArray.ones(new long[] {300, 200}, new long[] {100, 100});
        ChunkedArray z = x.add(y).multiply(2.0);
        for (ChunkedArray reduced : List.of(z.mean(), z.sum(0), z.std(1), x.max(), z.var(0, 1))) {
            DenseArray expected = reduced.compute(SynchronousScheduler.instance());
            DenseArray actual = reduced.compute(spark.scheduler());
            assertArrayEquals(expected.shape(), actual.shape());
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0, "bit-identical: same tasks, same tree");
        }
    }

    @Test
    void wholeArraysComeBackAssembledInOrder() {
        ChunkedArray x = ChunkedArray.random(new long[] {50, 40}, new long[] {20, 15}, 3L);
        ChunkedArray t = x.transpose().rechunk(7, 9).subtract(1.0);
        assertArrayEquals(t.compute(SynchronousScheduler.instance()).toDoubleArray(), t.compute(spark.scheduler()).toDoubleArray(), 0.0);
    }

    @Test
    void clientMakesSparkTheDefaultForComputeFuturesAndDelayed() {
        try (Client client = Client.connect(spark)) {
            double mean = ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 42L).mean().compute().getDouble();
            double expected = ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 42L).mean()
                    .compute(SynchronousScheduler.instance()).getDouble();
            assertEquals(expected, mean, 0.0);

            Delayed<Integer> a = Delayed.of(() -> 1 + 1);
            Delayed<Integer> total = Delayed.combine(a, a.map(v -> v * 10), Integer::sum);
            assertEquals(22, total.compute());

            List<Integer> inputs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                inputs.add(i);
            }
            List<TaskFuture<Integer>> squares = client.map(v -> v * v, inputs);
            List<Integer> gathered = client.gather(squares);
            for (int i = 0; i < 1000; i++) {
                assertEquals(i * i, gathered.get(i));
            }
            TaskFuture<Integer> f = client.submit(() -> 20);
            TaskFuture<Integer> g = client.submit((Integer v) -> v + 1, f);
            assertEquals(21, g.result());
            assertEquals(7.0, client.compute(ChunkedArray.ones(new long[] {7}, new long[] {2}).sum()).result().getDouble());
        }
    }

    @Test
    void persistKeepsBlocksOnTheExecutorsAsACachedRdd() {
        ChunkedArray x = ChunkedArray.random(new long[] {300, 200}, new long[] {100, 50}, 9L).multiply(3.0);
        int cachedBefore = spark.sparkContext().getPersistentRDDs().size();
        ChunkedArray kept = x.persist(spark.scheduler());
        assertEquals(cachedBefore + 1, spark.sparkContext().getPersistentRDDs().size(), "one cached RDD holds the blocks");
        assertTrue(kept.toString().contains("persisted"), kept.toString());
        DenseArray expected = x.compute(SynchronousScheduler.instance());
        // read back on the driver, and by tasks on the executors (a slice across block edges, then a reduction)
        assertArrayEquals(expected.toDoubleArray(), kept.compute(SynchronousScheduler.instance()).toDoubleArray(), 0.0);
        assertArrayEquals(x.slice(0, 50, 250).compute(SynchronousScheduler.instance()).toDoubleArray(),
                kept.slice(0, 50, 250).compute(spark.scheduler()).toDoubleArray(), 0.0);
        assertEquals(x.sum().compute(SynchronousScheduler.instance()).getDouble(), kept.sum().compute(spark.scheduler()).getDouble(), 0.0);
        try (Client client = Client.connect(spark)) {
            ChunkedArray persisted = x.persist();          // the default scheduler's cluster keeps it
            assertEquals(expected.getDouble(150, 120), persisted.compute().getDouble(150, 120));
        }
        spark.restart();
        TaskFailedException gone = assertThrows(TaskFailedException.class, () -> kept.compute(spark.scheduler()));
        assertInstanceOf(IllegalStateException.class, gone.getCause());
        assertTrue(gone.getCause().getMessage().contains("cluster was restarted; persist again"), gone.getMessage());
    }

    /** Holds the long job's task until the quick future is done (local mode: the executors share this JVM). */
    private static final CountDownLatch QUICK_DONE = new CountDownLatch(1);

    @Test
    void aLongComputationDoesNotHoldBackFuturesSubmittedAfterIt() throws InterruptedException {
        try (Client client = Client.connect(spark)) {
            ChunkedArray slow = ChunkedArray.ones(new long[] {1}, new long[] {1}).mapBlocks(block -> {
                try {
                    QUICK_DONE.await(60, TimeUnit.SECONDS);   // one core busy until the quick future is done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return block;
            });
            TaskFuture<DenseArray> long1 = client.compute(slow.sum());
            try {
                TaskFuture<Integer> quick = client.submit(() -> 42);
                // held back behind the long job, the quick future would wait for the latch it releases: a timeout
                assertEquals(42, quick.result(45, TimeUnit.SECONDS), "ran beside the long job, not after it");
                assertFalse(long1.done(), "the long job was still running");
            } finally {
                QUICK_DONE.countDown();
            }
            assertEquals(1.0, long1.result().getDouble());
        }
    }

    @Test
    void cancellingTheOnlyFutureOfAJobStopsTheSparkJob() throws Exception {
        try (Client client = Client.connect(spark)) {
            ChunkedArray slow = ChunkedArray.ones(new long[] {2}, new long[] {1}).mapBlocks(block -> {
                java.util.concurrent.locks.LockSupport.parkNanos(60_000_000_000L);    // returns early when interrupted
                return block;
            });
            TaskFuture<DenseArray> running = client.compute(slow.sum());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (spark.sparkContext().statusTracker().getActiveJobIds().length == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, spark.sparkContext().statusTracker().getActiveJobIds().length, "the job started");
            running.cancel();
            while (spark.sparkContext().statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, spark.sparkContext().statusTracker().getActiveJobIds().length, "the job stopped, not ran 60 s");
        }
    }

    /** Not serializable, so it cannot travel between JVMs. */
    static final class Opaque {
        final int value = 3;
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aTaskThatCannotBeSerializedFailsWithTheReasonInsteadOfHanging() {
        try (Client client = Client.connect(spark)) {
            Opaque opaque = new Opaque();
            TaskFuture<Integer> captures = client.submit(() -> opaque.value);
            TaskFailedException captured = assertThrows(TaskFailedException.class, captures::result);
            assertInstanceOf(IllegalArgumentException.class, captured.getCause());
            assertTrue(captured.getCause().getMessage().startsWith("Task " + captures.key() + " captures a value that"
                    + " cannot be serialized (org.lazuli.spark.SparkLocalTest$Opaque)"), captured.getCause().getMessage());

            TaskFailedException returned = assertThrows(TaskFailedException.class, client.submit(Opaque::new)::result);
            assertTrue(returned.getCause().getMessage().contains("returns a value that cannot be serialized"
                    + " (org.lazuli.spark.SparkLocalTest$Opaque)"), returned.getCause().getMessage());
            assertEquals(5, client.submit(() -> 5).result(), "the cluster stays usable");
        }
    }

    @Test
    void aFailingTaskFailsItsComputationWithTheTaskKeyAndTheOriginalException() {
        ChunkedArray x = ChunkedArray.ones(new long[] {10}, new long[] {5});
        ChunkedArray broken = x.mapBlocks(block -> {
            throw new ArithmeticException("bad block");
        });
        TaskFailedException error = assertThrows(TaskFailedException.class, () -> broken.sum().compute(spark.scheduler()));
        assertInstanceOf(ArithmeticException.class, error.getCause());
        assertTrue(error.key().prefix().contains("map"), error.key().toString());
        assertTrue(spark.recentErrors().get(0).contains("bad block"), spark.recentErrors().toString());

        try (Client client = Client.connect(spark)) {
            TaskFuture<Integer> ok = client.submit(() -> 1);
            TaskFuture<Integer> bad = client.submit(() -> Integer.parseInt("x"));
            assertEquals(1, ok.result());
            TaskFailedException futureError = assertThrows(TaskFailedException.class, bad::result);
            assertInstanceOf(NumberFormatException.class, futureError.getCause());
        }
        assertEquals(20.0, x.multiply(2).sum().compute(spark.scheduler()).getDouble(), "the cluster stays usable");
    }

    @Test
    void eventsAndListenersSeeEveryGraphTaskBeforeComputeReturns() throws Exception {
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        ChunkedArray x = ChunkedArray.random(new long[] {100, 100}, new long[] {25, 25}, 5L);
        ChunkedArray mean = x.mean();
        try (AutoCloseable subscription = spark.events().subscribe(events::add);
             Client client = Client.connect(spark)) {
            assertTrue(spark.events().isActive() && subscription != null);
            client.compute(mean).result();
        }
        SchedulerEvent.Submitted submitted = assertInstanceOf(SchedulerEvent.Submitted.class, events.get(0));
        assertEquals(mean.taskCount(), submitted.taskCount());
        assertEquals(mean.taskCount(), submitted.graph().tasksByPrefix().values().stream().mapToInt(n -> n).sum());
        List<SchedulerEvent.TaskFinished> finished = events.stream()
                .filter(e -> e instanceof SchedulerEvent.TaskFinished).map(e -> (SchedulerEvent.TaskFinished) e).toList();
        assertEquals(mean.taskGraph().tasks().stream().map(t -> t.key()).collect(java.util.stream.Collectors.toSet()),
                finished.stream().map(SchedulerEvent.TaskFinished::key).collect(java.util.stream.Collectors.toSet()));
        assertTrue(finished.stream().allMatch(e -> e.worker().equals("executor-driver") && e.stopNanos() >= e.startNanos()));

        List<org.lazuli.cluster.Progress.Update> updates = new CopyOnWriteArrayList<>();
        int total = mean.taskCount();
        mean.compute(spark.scheduler(), org.lazuli.cluster.Progress.listener(total, updates::add));
        org.lazuli.cluster.Progress.Update last = updates.get(updates.size() - 1);
        assertEquals(total, last.done(), "every task reported before compute() returned");
        assertEquals(1.0, last.fraction());
    }

    @Test
    void anUnreachableMasterIsReportedAtStartWithWhatToDo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SparkCluster.builder()
                .master("spark://127.0.0.1:" + closedPort).dashboardAddress("none").start());
        assertTrue(error.getMessage().startsWith("Cannot reach the Spark master spark://127.0.0.1:" + closedPort), error.getMessage());
        assertTrue(error.getMessage().contains("Is it running?"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkCluster.builder().master(" "));
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> SparkCluster.builder().workerMemory("lots"));
        assertTrue(memory.getMessage().contains("lots"), memory.getMessage());
    }

    @Test
    void localModeHasOneExecutorAndExplainsWhyItCannotScale() {
        List<Cluster.WorkerInfo> workers = spark.workers();
        assertEquals(1, workers.size());
        assertEquals("executor-driver", workers.get(0).name());
        assertEquals(2, workers.get(0).threads());
        UnsupportedOperationException scale = assertThrows(UnsupportedOperationException.class, () -> spark.scale(3));
        assertTrue(scale.getMessage().contains("spark://"), scale.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> spark.adapt(1, 4));
        assertTrue(spark.toString().contains("master=local[2]"), spark.toString());
    }

    @Test
    void executorsReportTheCpuTimeOfTheirTasks() throws InterruptedException {
        long before = spark.workers().get(0).cpuNanos();
        // the task spins until its own thread has used 100 ms of CPU, measured by the executor's JVM
        long spun;
        try (Client client = Client.connect(spark)) {
            spun = client.submit(() -> {
                java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
                long start = bean.getCurrentThreadCpuTime();
                long used;
                do {
                    used = bean.getCurrentThreadCpuTime() - start;
                } while (used < 100_000_000L);
                return used;
            }).result();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (spark.workers().get(0).cpuNanos() - before < spun && System.nanoTime() < deadline) {
            Thread.sleep(20);      // Spark's listener bus reports the task's metrics just after its result
        }
        long used = spark.workers().get(0).cpuNanos() - before;
        assertTrue(used >= spun, "executor CPU " + used + " ns covers the task's own " + spun + " ns");
    }
}
