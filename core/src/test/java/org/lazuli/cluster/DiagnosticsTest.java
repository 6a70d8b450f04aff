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
        SchedulerEvent.Submitted summary = SchedulerEvent.Submitted.of(tasks);
        assertEquals(byPrefix, new java.util.TreeMap<>(summary.tasksByPrefix()));
        assertEquals(edges, new java.util.TreeMap<>(summary.prefixEdges()));
        assertTrue(summary.keys().isEmpty(), "past 2,000 tasks only the prefixes are kept");
        List<org.lazuli.graph.Task> few = List.copyOf(ChunkedArray.ones(new long[] {100}, new long[] {10}).sum().taskGraph().tasks());
        assertEquals(few.size(), SchedulerEvent.Submitted.of(few).keys().size());
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
}
