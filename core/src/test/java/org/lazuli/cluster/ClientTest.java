package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.exec.TaskFailedException;

class ClientTest {

    static int inc(int x) {
        return x + 1;
    }

    static LocalCluster small() {
        return LocalCluster.builder().workers(2).threadsPerWorker(1).memoryLimit("256MB").dashboardAddress("none").start();
    }

    @AfterEach
    void noClusterThreadsLeft() throws InterruptedException {
        ClusterThreads.assertNoneAlive();
    }

    @Test
    void aClientReportsTheTasksOfAnyClusterThroughTheClusterInterface() {
        try (LocalCluster local = LocalCluster.builder().workers(1).threadsPerWorker(1).dashboardAddress("none").start()) {
            ChunkedArray.ones(new long[] {8}, new long[] {2}).sum().compute(local.scheduler());
            Cluster other = new Cluster() {   // not a LocalCluster: only the interface speaks for it
                public Scheduler scheduler() {
                    return local.scheduler();
                }

                public List<Cluster.WorkerInfo> workers() {
                    return local.workers();
                }

                public void scale(int workers) {
                    local.scale(workers);
                }

                public Optional<URI> dashboardLink() {
                    return Optional.empty();
                }

                public EventStream events() {
                    return local.events();
                }

                public void restart() {
                    local.restart();
                }

                public String dumpState() {
                    return local.dumpState();
                }

                public void close() {
                }
            };
            try (Client client = Client.connect(other)) {
                long done = local.workers().stream().mapToLong(Cluster.WorkerInfo::done).sum();
                assertTrue(done >= 4, local.workers().toString());
                assertTrue(client.toString().contains("tasks processing=0 waiting=0 done=" + done), client.toString());
            }
            assertEquals(Optional.of(new Cluster.MemoryThresholds(local.spillFraction(), local.pauseFraction())),
                    local.memoryThresholds());
        }
    }

    @Test
    void theTutorialSectionWorks() {
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(4).memoryLimit("2GB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster)) {
            String summary = client.toString();
            assertTrue(summary.contains("workers=1") && summary.contains("threads=4") && summary.contains("memory=1.86 GiB")
                    && summary.contains("dashboard=none"), summary);
            assertTrue(client.dashboardLink().isEmpty());
            String html = client.toHtml();
            assertTrue(html.contains("<td>" + cluster.workers().get(0).name() + "</td><td>4</td>")
                    && html.contains("<td>1.86 GiB</td>") && !html.contains("Dashboard:"), html);
            Delayed<Integer> a = Delayed.of(() -> inc(1));
            Delayed<Integer> b = a.map(v -> inc(v));
            Delayed<Integer> total = Delayed.combine(a, b, (p, q) -> p + q);
            int value = total.compute();
            assertEquals(5, value);
            TaskFuture<Integer> f = client.submit(() -> inc(10));
            List<TaskFuture<Integer>> fs = client.map(v -> inc(v), List.of(1, 2, 3));
            List<Integer> all = client.gather(fs);
            int one = f.result();
            assertEquals(11, one);
            assertEquals(List.of(2, 3, 4), all);
        }
    }

    @Test
    void anOpenClientIsTheDefaultScheduler() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (LocalCluster cluster = small(); Client client = Client.connect(cluster)) {
            AutoCloseable watch = cluster.events().subscribe(e -> {
                if (e instanceof SchedulerEvent.TaskFinished done) {
                    threads.add(done.thread());
                }
            });
            assertSame(cluster.scheduler(), Schedulers.current());
            double sum = ChunkedArray.ones(new long[] {100, 100}, new long[] {10, 10}).sum().compute().getDouble();
            assertEquals(10_000, sum);
            assertTrue(threads.stream().allMatch(t -> t.startsWith(cluster.name())), threads.toString());
            assertTrue(client.toString().contains("done="), client.toString());
            watch.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertNotSame(Schedulers.shared(), null);
        assertFalse(Schedulers.current() instanceof ClusterScheduler, "closing the client restores the default");
    }

    @Test
    void aFailingTaskReRaisesWithItsKeyDependentsFailOthersContinue() {
        try (LocalCluster cluster = small(); Client client = Client.connect(cluster)) {
            TaskFuture<Integer> bad = client.submit(() -> {
                throw new IllegalStateException("broken input");
            });
            TaskFuture<Integer> dependent = client.submit((Integer x) -> x + 1, bad);
            TaskFuture<Integer> fine = client.submit(() -> 41 + 1);
            TaskFailedException e = assertThrows(TaskFailedException.class, bad::result);
            assertEquals(bad.key(), e.key());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("broken input", e.getCause().getMessage());
            assertThrows(TaskFailedException.class, dependent::result);
            assertEquals(42, fine.result());
            assertEquals("error", bad.status());
            assertTrue(bad.exception().isPresent());
            assertTrue(cluster.recentErrors().get(0).contains("broken input"), cluster.recentErrors().toString());
        }
    }

    @Test
    void futuresFeedOtherTasksOnTheCluster() {
        try (LocalCluster cluster = small(); Client client = Client.connect(cluster)) {
            TaskFuture<Integer> x = client.submit(() -> 20);
            TaskFuture<Integer> y = client.submit((Integer v) -> v * 2, x);
            TaskFuture<Integer> z = client.submit((Integer p, Integer q) -> p + q, x, y);
            assertEquals(60, z.result(10, TimeUnit.SECONDS));
            TaskFuture<List<Integer>> scattered = client.scatter(List.of(1, 2, 3));
            TaskFuture<Integer> size = client.submit((List<Integer> l) -> l.size(), scattered);
            assertEquals(3, size.result());
            List<TaskFuture<Integer>> many = client.map((Integer v) -> v * v, List.of(1, 2, 3, 4, 5));
            List<Integer> seen = new ArrayList<>();
            for (TaskFuture<Integer> done : Client.asCompleted(many)) {
                assertTrue(done.done());
                seen.add(done.result());
            }
            seen.sort(Integer::compareTo);
            assertEquals(List.of(1, 4, 9, 16, 25), seen);
            TaskFuture<DenseArray> array = client.compute(ChunkedArray.arange(10, 3).sum());
            assertEquals(45, array.result().getLong());
        }
    }

    @Test
    void aBlockedTaskCanBeCancelledAndCallbacksRun() throws InterruptedException {
        try (LocalCluster cluster = small(); Client client = Client.connect(cluster)) {
            CountDownLatch started = new CountDownLatch(1);
            TaskFuture<String> blocked = client.submit(() -> {
                started.countDown();
                Thread.sleep(600_000);
                return "never";
            });
            AtomicInteger callbacks = new AtomicInteger();
            blocked.addDoneCallback(f -> callbacks.incrementAndGet());
            blocked.addDoneCallback(f -> {
                throw new IllegalStateException("a broken callback");
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertTrue(blocked.cancel());
            assertThrows(CancellationException.class, blocked::result);
            assertEquals("cancelled", blocked.status());
            assertEquals(1, callbacks.get());
            assertEquals(7, client.submit(() -> 7).result(), "the cluster stays usable");
            IllegalStateException timeout = assertThrows(IllegalStateException.class,
                    () -> client.submit(() -> {
                        Thread.sleep(5_000);
                        return 1;
                    }).result(50, TimeUnit.MILLISECONDS));
            assertTrue(timeout.getMessage().contains("did not finish within 50 milliseconds"), timeout.getMessage());
        }
    }

    @Test
    void clusterOptionsAndLifecycle() {
        UnsupportedOperationException processes = assertThrows(UnsupportedOperationException.class,
                () -> LocalCluster.builder().processes(true).start());
        assertTrue(processes.getMessage().contains("SparkCluster"), processes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalCluster.builder().workers(0));
        assertThrows(IllegalArgumentException.class, () -> LocalCluster.builder().memoryLimit("lots"));
        try (LocalCluster cluster = small(); Client client = Client.connect(cluster)) {
            assertEquals(2, cluster.workers().size());
            client.scale(3);
            assertEquals(3, cluster.workers().size());
            assertEquals(4950L, ChunkedArray.arange(100, 7).sum().compute().getLong());
            client.scale(1);
            assertEquals(1, cluster.workers().size());
            assertEquals(4950L, ChunkedArray.arange(100, 7).sum().compute().getLong());
            client.restart();
            assertEquals(3, client.submit(() -> 3).result());
            assertTrue(client.dumpState().contains("workers:"), client.dumpState());
        }
        try (Client local = Client.local()) {
            assertEquals(Runtime.getRuntime().availableProcessors(),
                    local.cluster().workers().stream().mapToInt(Cluster.WorkerInfo::threads).sum());
        }
    }
}
