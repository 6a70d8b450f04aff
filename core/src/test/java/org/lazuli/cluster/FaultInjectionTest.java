package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.TaskFailedException;

/**
 * Randomised fault injection on local clusters, deterministic by seed: tasks that throw exceptions
 * and Errors, slow tasks, event subscribers that throw, timeouts, cancellations, interrupts,
 * {@code close()} during work and concurrent computations from 8 threads. Every computation must end within a hard limit, the ones
 * without a fault must give the exact answer, the faulty ones must fail with their fault, and no
 * thread may outlive its cluster.
 */
class FaultInjectionTest {
    private static final int RUNS = 1_000;
    private static final long HARD_LIMIT_SECONDS = 30;
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-injection-caller");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopCallers() {
        CALLERS.shutdownNow();
    }

    /** What a task does when it runs. */
    enum Fault { NONE, EXCEPTION, STACK_OVERFLOW, OUT_OF_MEMORY, ASSERTION, SLOW }

    /** The outcomes, counted, so that the run shows it exercised every path. */
    private final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();

    @Test
    void everyComputationEndsAndTheRightOnesSucceed() throws Exception {
        List<String> problems = new ArrayList<>();
        for (int seed = 0; seed < RUNS; seed++) {
            try {
                runOne(seed);
            } catch (AssertionError | Exception e) {
                problems.add("seed " + seed + ": " + e);
            }
            if (problems.size() > 10) {
                break;
            }
        }
        ClusterThreads.assertNoneAlive();
        System.out.println("Fault injection, " + RUNS + " runs: " + outcomes);
        assertEquals(List.of(), problems);
        for (String expected : List.of("values", "task failed", "timed out", "cancelled", "closed", "concurrent")) {
            assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith(expected)), expected + " in " + outcomes);
        }
    }

    private void runOne(int seed) throws Exception {
        Random random = new Random(seed);
        int scenario = random.nextInt(6);
        try (LocalCluster cluster = LocalCluster.builder().workers(1 + random.nextInt(2))
                .threadsPerWorker(1 + random.nextInt(2)).memoryLimit(random.nextBoolean() ? "64MB" : "256kB")
                .dashboardAddress("none").start();
             Client client = Client.connect(cluster);
             AutoCloseable subscriber = random.nextInt(4) == 0
                     ? cluster.events().subscribe(e -> inject(Fault.values()[1 + random.nextInt(4)])) : () -> { }) {
            switch (scenario) {
                case 0 -> arrayWithFaults(random);
                case 1 -> futuresWithFaults(client, random);
                case 2 -> timeoutOrCancel(client, random);
                case 3 -> interruptedCaller(random);
                case 4 -> closedDuringWork(cluster, random);
                default -> concurrentComputations(random);
            }
            // whatever happened, the cluster still computes (unless the scenario closed it)
            if (scenario != 4) {
                assertEquals(64.0, ChunkedArray.ones(new long[] {8, 8}, new long[] {4, 4}).sum().compute(Duration.ofSeconds(HARD_LIMIT_SECONDS)).getDouble());
            }
        }
    }

    private static Fault pick(Random random) {
        Fault[] all = Fault.values();
        return random.nextInt(3) == 0 ? all[1 + random.nextInt(all.length - 1)] : Fault.NONE;
    }

    /** A 64 x 64 array in 16 blocks; one block (if any) carries the fault. */
    private static ChunkedArray faulty(Random random, Fault fault, long seed) {
        int faultyBlock = random.nextInt(16);
        ChunkedArray base = ChunkedArray.random(new long[] {64, 64}, new long[] {16, 16}, seed);
        // the faulty block is recognised by its first value
        double marker = base.compute(org.lazuli.exec.SynchronousScheduler.instance())
                .getDouble(16L * (faultyBlock / 4), 16L * (faultyBlock % 4));
        return base.mapBlocks(block -> {
            if (block.getDouble(0, 0) == marker || fault == Fault.SLOW) {
                inject(fault);
            }
            return block;
        });
    }

    private static void inject(Fault fault) {
        switch (fault) {
            case EXCEPTION -> throw new IllegalStateException("injected");
            case STACK_OVERFLOW -> throw new StackOverflowError("injected");
            case OUT_OF_MEMORY -> throw new OutOfMemoryError("injected");
            case ASSERTION -> throw new AssertionError("injected");
            case SLOW -> sleep(1);
            default -> { }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static <T> T within(java.util.concurrent.Callable<T> call) throws Exception {
        Future<T> f = CALLERS.submit(call);
        try {
            return f.get(HARD_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("HANG: did not end within " + HARD_LIMIT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError("an Error reached the caller instead of a failure", e.getCause());
        }
    }

    /** Computes {@code x.sum()} and checks the outcome against the fault. */
    private void checkSum(Fault fault, long seed, Random random) throws Exception {
        ChunkedArray x = faulty(random, fault, seed);
        double expected = ChunkedArray.random(new long[] {64, 64}, new long[] {16, 16}, seed).sum()
                .compute(org.lazuli.exec.SynchronousScheduler.instance()).getDouble();
        try {
            double got = within(() -> x.sum().compute().getDouble());
            assertTrue(fault == Fault.NONE || fault == Fault.SLOW, "a " + fault + " went unnoticed");
            assertEquals(expected, got, 0.0, "bit-identical to the synchronous scheduler");
            count("values");
        } catch (TaskFailedException e) {
            assertTrue(fault != Fault.NONE && fault != Fault.SLOW, "failed without a fault: " + e);
            assertEquals("injected", e.getCause().getMessage(), "the task's own failure is the cause");
            count("task failed: " + fault);
        }
    }

    private void arrayWithFaults(Random random) throws Exception {
        checkSum(pick(random), random.nextLong(), random);
    }

    private void futuresWithFaults(Client client, Random random) throws Exception {
        int n = 1 + random.nextInt(20);
        int failing = random.nextInt(3) == 0 ? random.nextInt(n) : -1;
        Fault fault = failing >= 0 ? Fault.values()[1 + random.nextInt(4)] : Fault.NONE;
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(i);
        }
        List<TaskFuture<Integer>> futures = client.map(v -> {
            if (v == failing) {
                inject(fault);
            }
            return v * v;
        }, inputs);
        TaskFuture<Integer> total = client.submit((List<Integer> squares) -> squares.stream().mapToInt(i -> i).sum(),
                client.submit(() -> 0).result() == 0 ? gathered(client, futures) : null);
        try {
            int sum = within(() -> total.result());
            assertEquals(-1, failing, "a failing future went unnoticed");
            assertEquals((n - 1) * n * (2 * n - 1) / 6, sum);
            count("values (futures)");
        } catch (TaskFailedException e) {
            assertTrue(failing >= 0, "failed without a fault: " + e);
            count("task failed (futures): " + fault);
        }
    }

    /** The list of results as a future on the cluster (a failing input fails it). */
    private static TaskFuture<List<Integer>> gathered(Client client, List<TaskFuture<Integer>> futures) {
        TaskFuture<List<Integer>> acc = client.scatter(List.of());
        for (TaskFuture<Integer> f : futures) {
            acc = client.submit((List<Integer> list, Integer v) -> {
                List<Integer> out = new ArrayList<>(list);
                out.add(v);
                return out;
            }, acc, f);
        }
        return acc;
    }

    private void timeoutOrCancel(Client client, Random random) throws Exception {
        ChunkedArray slow = ChunkedArray.ones(new long[] {32}, new long[] {1}).mapBlocks(b -> {
            sleep(5);
            return b;
        });
        if (random.nextBoolean()) {
            try {
                double got = within(() -> slow.sum().compute(Duration.ofMillis(random.nextInt(40))).getDouble());
                assertEquals(32.0, got);
                count("values (before the timeout)");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
                count("timed out");
            }
        } else {
            TaskFuture<DenseArray> f = client.compute(slow.sum());
            sleep(random.nextInt(30));
            boolean cancelled = f.cancel();
            try {
                double got = within(() -> f.result().getDouble());
                assertTrue(!cancelled, "a cancelled future gave a result");
                assertEquals(32.0, got);
                count("values (before the cancel)");
            } catch (CancellationException e) {
                assertTrue(cancelled);
                count("cancelled");
            }
        }
    }

    private void interruptedCaller(Random random) throws Exception {
        ChunkedArray slow = ChunkedArray.ones(new long[] {32}, new long[] {1}).mapBlocks(b -> {
            sleep(3);
            return b;
        });
        Future<Double> caller = CALLERS.submit(() -> slow.sum().compute().getDouble());
        sleep(random.nextInt(30));
        caller.cancel(true);   // interrupts the computing thread
        try {
            double got = caller.get(HARD_LIMIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(32.0, got);
            count("values (before the interrupt)");
        } catch (CancellationException e) {
            count("cancelled (interrupt)");
        }
    }

    private void closedDuringWork(LocalCluster cluster, Random random) throws Exception {
        ChunkedArray slow = ChunkedArray.ones(new long[] {32}, new long[] {1}).mapBlocks(b -> {
            sleep(2);
            return b;
        });
        Future<Double> caller = CALLERS.submit(() -> slow.sum().compute().getDouble());
        sleep(random.nextInt(40));
        Future<?> closing = CALLERS.submit(cluster::close);
        closing.get(HARD_LIMIT_SECONDS, TimeUnit.SECONDS);   // close() always returns
        try {
            double got = caller.get(HARD_LIMIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(32.0, got);
            count("values (before close)");
        } catch (java.util.concurrent.ExecutionException e) {
            assertTrue(e.getCause() instanceof CancellationException || e.getCause() instanceof IllegalStateException,
                    String.valueOf(e.getCause()));
            count("closed");
        } catch (TimeoutException e) {
            throw new AssertionError("HANG: a computation outlived close()");
        }
    }

    private void concurrentComputations(Random random) throws Exception {
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Random own = new Random(random.nextLong());
            callers.add(CALLERS.submit(() -> {
                checkSum(pick(own), own.nextLong(), own);
                return null;
            }));
        }
        for (Future<?> c : callers) {
            try {
                c.get(HARD_LIMIT_SECONDS * 2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw new AssertionError(e.getCause());
            }
        }
        count("concurrent");
    }
}
