package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;

class DiagnosticsTest {

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    @Test
    void aSubmissionSummaryCountsTasksAndEdgesByPrefix() {
        ChunkedArray x = ChunkedArray.ones(new long[] {30000}, new long[] {10}).add(1.0).sum();
        List<org.lazuli.graph.Task> tasks = List.copyOf(x.taskGraph().tasks());
        java.util.Map<String, Integer> byPrefix = new java.util.TreeMap<>();
        java.util.Map<String, Integer> edges = new java.util.TreeMap<>();
        for (org.lazuli.graph.Task t : tasks) {       // the plain way: one prefix lookup per task and per edge
            byPrefix.merge(t.key().prefix(), 1, Integer::sum);
            t.dependencies().forEach(d -> edges.merge(d.prefix() + " -> " + t.key().prefix(), 1, Integer::sum));
        }
        SchedulerEvent.GraphShape summary = SchedulerEvent.GraphShape.of(tasks);
        assertEquals(byPrefix, new java.util.TreeMap<>(summary.tasksByPrefix()));
        assertEquals(edges, new java.util.TreeMap<>(summary.prefixEdges()));
        assertTrue(summary.keys().isEmpty(), "past 2,000 tasks only the prefixes are kept");
        List<org.lazuli.graph.Task> few = List.copyOf(ChunkedArray.ones(new long[] {100}, new long[] {10}).sum().taskGraph().tasks());
        assertEquals(few.size(), SchedulerEvent.GraphShape.of(few).keys().size());
    }

    @Test
    void eachEventKindCarriesItsOwnFields() throws Exception {
        List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
        ChunkedArray x = ChunkedArray.ones(new long[] {40, 40}, new long[] {10, 10});
        ChunkedArray sum = x.add(1.0).sum();
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
             Client client = Client.connect(cluster);
             AutoCloseable watch = cluster.events().subscribe(events::add)) {
            assertEquals(2 * 1600.0, sum.compute().getDouble());
        }
        SchedulerEvent.Submitted submitted = (SchedulerEvent.Submitted) events.get(0);
        assertEquals(sum.taskCount(), submitted.taskCount());
        assertEquals(sum.taskCount(), submitted.graph().keys().size());
        List<SchedulerEvent.TaskFinished> finished = events.stream().filter(e -> e instanceof SchedulerEvent.TaskFinished)
                .map(e -> (SchedulerEvent.TaskFinished) e).toList();
        assertEquals(sum.taskCount(), finished.size());
        assertEquals(submitted.lastKey(), finished.get(finished.size() - 1).key(), "the last task is the one announced");
        for (SchedulerEvent.TaskFinished done : finished) {
            assertTrue(done.stopNanos() >= done.startNanos() && done.nanos() == done.stopNanos());
            assertTrue(done.worker().endsWith("worker-1") && done.thread().startsWith(done.worker()), done.toString());
            assertTrue(done.resultBytes() > 0, done.toString());
        }
    }

    @Test
    void progressReachesEveryTask() {
        List<Progress.Update> updates = new CopyOnWriteArrayList<>();
        ChunkedArray x = ChunkedArray.ones(new long[] {1000}, new long[] {10}).sum();
        int total = x.taskCount();
        x.compute(org.lazuli.exec.Schedulers.current(), Progress.listener(total, updates::add));
        Progress.Update last = updates.get(updates.size() - 1);
        assertEquals(total, last.done());
        assertEquals(1.0, last.fraction());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DenseArray sum = Progress.show(x, true, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertEquals(1000.0, sum.getDouble());
        String bar = console.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("100%") && bar.contains(total + "/" + total + " tasks"), bar);
    }

    @Test
    void performanceReportShowsTheTaskStream(@TempDir Path tmp) throws Exception {
        Path report = tmp.resolve("report.html");
        try (LocalCluster cluster = ClientTest.small(); Client client = Client.connect(cluster)) {
            try (PerformanceReport ignored = client.performanceReport(report)) {
                ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 1).add(1.0).mean().compute();
            }
        }
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("mean-chunk") && html.contains("<rect"), html);
        assertTrue(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""),
                "no external resources");
    }

    @Test
    void dumpStateExplainsAStalledComputation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            ChunkedArray slow = ChunkedArray.arange(4, 2).astype(org.lazuli.array.DType.FLOAT64).mapBlocks(block -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return block;
            }).sum();
            TaskFuture<DenseArray> result = client.compute(slow);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            String state = client.dumpState();
            assertTrue(state.contains("processing ('map_blocks-") && state.contains("waiting ('sum-"), state);
            assertTrue(state.contains("1 processing"), state);
            release.countDown();
            assertEquals(6.0, result.result(10, TimeUnit.SECONDS).getDouble());
        }
    }

    /** Busy work until this thread has used {@code nanos} of CPU; returns the CPU time it used. */
    private static long spinCpu(long nanos) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        long used;
        do {
            used = bean.getCurrentThreadCpuTime() - start;
        } while (used < nanos);
        return used;
    }

    @Test
    void workersReportTheCpuTimeTheirThreadsUsed() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled());
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            long before = cluster.workers().stream().mapToLong(Cluster.WorkerInfo::cpuNanos).sum();
            // each task spins until its own thread has used 100 ms of CPU, measured independently by the JVM
            List<Long> spent = client.gather(client.map(i -> spinCpu(100_000_000L), List.of(1, 2, 3, 4)));
            long used = cluster.workers().stream().mapToLong(Cluster.WorkerInfo::cpuNanos).sum() - before;
            long spun = spent.stream().mapToLong(Long::longValue).sum();
            assertTrue(used >= spun, "workers' CPU " + used + " ns covers the tasks' own " + spun + " ns");
            assertTrue(cluster.workers().stream().allMatch(w -> w.cpuNanos() > 0), cluster.workers().toString());
        }
    }

    @Test
    void heldResultsAreCountedByPrefixUntilReleased() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            // one block waits on one thread; the other thread runs the rest, whose results the sum needs later
            ChunkedArray slow = ChunkedArray.arange(8, 2).astype(org.lazuli.array.DType.FLOAT64).mapBlocks(block -> {
                if (block.getDouble(0) == 6.0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return block;
            });
            ChunkedArray sum = slow.sum();
            java.util.Set<String> prefixes = new java.util.HashSet<>();
            sum.taskGraph().tasks().forEach(t -> prefixes.add(t.key().prefix()));
            TaskFuture<DenseArray> total = client.compute(sum);
            awaitHeld(cluster, held -> !held.isEmpty());
            java.util.Map<String, Long> held = cluster.heldByPrefix();
            assertTrue(prefixes.containsAll(held.keySet()), held + " against the graph's " + prefixes);
            release.countDown();
            assertEquals(28.0, total.result(10, TimeUnit.SECONDS).getDouble());
            awaitHeld(cluster, java.util.Map::isEmpty);
        }
    }

    private static void awaitHeld(LocalCluster cluster, java.util.function.Predicate<java.util.Map<String, Long>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.test(cluster.heldByPrefix())) {
            assertTrue(System.nanoTime() < deadline, "held results: " + cluster.heldByPrefix());
            Thread.sleep(10);
        }
    }
}
