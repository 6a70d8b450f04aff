package org.lazuli.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ExecutionStats;
import org.lazuli.exec.HeapRoom;
import org.lazuli.exec.PoolScheduling;
import org.lazuli.exec.ResultStore;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.exec.WorkerThreadReplaced;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs task graphs on a local cluster's workers: the threaded scheduler's depth-first runner loops,
 * with every result held (and possibly spilled) by the worker that produced it, events published,
 * and workers pausing when their memory is past the pause fraction.
 */
final class ClusterScheduler implements Scheduler {
    private static final System.Logger LOG = System.getLogger(ClusterScheduler.class.getName());
    /** Tries of a task after it ran out of heap, each after spilling what its worker held. */
    private static final int HEAP_RETRIES = 3;
    private final LocalCluster cluster;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();

    ClusterScheduler(LocalCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public int parallelism() {
        return cluster.activeWorkers().stream().mapToInt(w -> w.threads).sum();
    }

    @Override
    public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        if (cluster.isWorkerThread(Thread.currentThread())) {
            return SynchronousScheduler.instance().execute(graph, outputs, listener);
        }
        return await(submit(graph, outputs, listener, false));
    }

    /**
     * Computes the outputs and leaves their results with the workers that computed them, in their
     * memory managers (spillable, accounted): dask's persisted futures. The returned store reads them
     * where they are; they are released when the store is unreachable, or dropped by a restart.
     */
    @Override
    public Optional<ResultStore> persist(TaskGraph graph, List<TaskKey> outputs) {
        if (cluster.isWorkerThread(Thread.currentThread())) {
            return Optional.empty();   // nested in a task: computed on this thread and held by the caller
        }
        Run run = submit(graph, outputs, ExecutionListener.NONE, true);
        Map<TaskKey, Object> kept = await(run);
        Map<TaskKey, WorkerMemory.Held> held = new LinkedHashMap<>();
        kept.forEach((key, value) -> held.put(key, (WorkerMemory.Held) value));
        return Optional.of(new PersistedResults(cluster.name(), held));
    }

    private static Map<TaskKey, Object> await(Run run) {
        try {
            return run.completion.get();
        } catch (InterruptedException e) {
            run.cancel(new CancellationException("The caller was interrupted"));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while computing; the remaining tasks were cancelled");
        } catch (ExecutionException e) {
            throw Schedulers.failureOf(e.getCause());
        }
    }

    /** Starts a graph without blocking; cancelling the future cancels the run's remaining tasks. */
    @Override
    public CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        Run run = submit(graph, outputs, ExecutionListener.NONE, false);
        return Schedulers.cancellable(run.completion, () -> run.cancel(new CancellationException("cancelled")));
    }

    /**
     * Starts a computation; its results complete the run's future: the values, or with {@code keep}
     * the workers' handles on them, left held.
     */
    Run submit(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener, boolean keep) {
        Run run = new Run(graph, outputs, listener, keep);
        running.add(run);
        run.completion.whenComplete((r, e) -> running.remove(run));
        if (cluster.isClosed()) {
            // close() cancels the runs it finds; one added after it looked would otherwise queue runners on
            // pools about to be shut down and never complete
            run.cancel(new IllegalStateException("The cluster is closed; start a new one to compute"));
            return run;
        }
        run.start();
        return run;
    }

    /** Cancels every running computation (restart, close). */
    void cancelAll(String why) {
        for (Run run : List.copyOf(running)) {
            run.cancel(new CancellationException(why));
        }
    }

    /** What each computation is doing (for dumpState). */
    String describe() {
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (Run run : running) {
            text.append(run.describe(++n));
        }
        return text.length() == 0 ? "  no computation running\n" : text.toString();
    }

    /** Computations with no task started or finished for {@code timeoutNanos}, not reported since (they are marked). */
    List<Run> stalledRuns(long now, long timeoutNanos) {
        List<Run> stalled = new ArrayList<>();
        for (Run run : running) {
            if (run.markStalled(now, timeoutNanos)) {
                stalled.add(run);
            }
        }
        return stalled;
    }

    int processing() {
        return running.stream().mapToInt(r -> r.processing.size()).sum();
    }

    int waiting() {
        return running.stream().mapToInt(Run::waitingCount).sum();
    }

    /** One computation on the cluster. */
    final class Run {
        private final PoolScheduling state;
        private final ExecutionListener listener;
        final CompletableFuture<Map<TaskKey, Object>> completion = new CompletableFuture<>();
        private final long startNanos = System.nanoTime();
        private final Map<TaskKey, Thread> processing = new ConcurrentHashMap<>();
        /** Times each task was tried again after running out of heap (guarded by the run's lock). */
        private final Map<Integer, Integer> heapRetries = new HashMap<>();
        private final boolean keep;
        private volatile TaskKey lastKey;
        private int activeRunners;
        private boolean stopped;
        /** When a task last started or finished (System.nanoTime), for the watchdog. */
        private volatile long lastProgressNanos = startNanos;
        /** The progress time a stall was reported for (0: none), so that each stall is reported once. */
        private long reportedStallOf;

        Run(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener, boolean keep) {
            this.keep = keep;
            this.state = new PoolScheduling(graph, outputs, result -> {
                if (result instanceof WorkerMemory.Held held) {
                    held.release();
                }
            });
            this.listener = listener;
        }

        void start() {
            synchronized (this) {
                if (cluster.events().isActive() && state.size() > 0) {
                    // one event per computation: its last task's key, the number of tasks, and the graph's shape
                    cluster.publish(new SchedulerEvent(SchedulerEvent.Type.SUBMITTED, state.task(state.size() - 1).key(),
                            null, null, startNanos, startNanos, state.size(), null, submitted()));
                }
                if (state.isDone()) {
                    finish();
                    return;
                }
                spawnRunners();
            }
        }

        /** Holds the lock. Starts runners on the workers with the most idle threads. */
        private void spawnRunners() {
            int wanted = Math.min(parallelism(), activeRunners + state.readyCount());
            while (activeRunners < wanted) {
                Worker worker = cluster.leastBusyWorker();
                if (worker == null) {
                    fail(new IllegalStateException("The cluster has no workers; scale it up or create a new one"));
                    return;
                }
                activeRunners++;
                worker.runners.incrementAndGet();
                try {
                    worker.pool.execute(() -> runLoop(worker));
                } catch (RejectedExecutionException e) {
                    activeRunners--;
                    worker.runners.decrementAndGet();
                    if (cluster.isClosed()) {
                        fail(new IllegalStateException("The cluster is closed; start a new one to compute", e));
                        return;
                    }
                }
            }
        }

        /**
         * Runs ready tasks on {@code worker} until there are none. Whatever is thrown on this path (a task,
         * holding or spilling its result, an event subscriber, finishing) ends the computation, so no caller
         * waits on a run nobody completes. After a {@link VirtualMachineError} the thread ends and its
         * pool starts a fresh one.
         */
        private void runLoop(Worker worker) {
            Throwable damage;
            try {
                damage = runTasks(worker);
            } catch (Throwable error) {
                synchronized (this) {
                    fail(error instanceof RuntimeException r ? r : new IllegalStateException(
                            "The scheduler failed on " + Thread.currentThread().getName() + ": " + error, error));
                }
                damage = error instanceof VirtualMachineError ? error : null;
            } finally {
                synchronized (this) {
                    activeRunners--;
                }
                worker.runners.decrementAndGet();
            }
            if (damage != null) {
                throw new WorkerThreadReplaced(damage);
            }
        }

        /** The loop itself; returns the {@link VirtualMachineError} a task raised, if one did. */
        private Throwable runTasks(Worker worker) {
            while (true) {
                if (!awaitMemory(worker)) {
                    return null;
                }
                int id;
                Object[] inputs;
                Task task;
                synchronized (this) {
                    id = stopped ? -1 : state.poll();
                    if (id < 0) {
                        return null;
                    }
                    task = state.task(id);
                    inputs = state.inputsOf(id);
                    if (state.readyCount() > 0) {
                        spawnRunners();
                    }
                }
                WorkerMemory.Held held;
                long start = System.nanoTime();
                lastProgressNanos = start;
                processing.put(task.key(), Thread.currentThread());
                worker.processing.incrementAndGet();
                try {
                    Object result = PoolScheduling.run(task, unwrap(inputs), listener);
                    held = worker.memory.hold(task.key(), result);
                } catch (Throwable failure) {
                    if (outOfHeap(failure) && retryAfterSpilling(worker, id, task)) {
                        continue;
                    }
                    RuntimeException error = failure instanceof MemoryLimitExceededException m
                            ? new TaskFailedException(task.key(), m) : asRuntime(failure, task.key());
                    synchronized (this) {
                        fail(error);
                    }
                    cluster.recordError(task.key(), error);
                    publish(SchedulerEvent.Type.FAILED, task.key(), worker, start, System.nanoTime(), 0,
                            String.valueOf(error.getCause() != null ? error.getCause() : error));
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    return cause instanceof VirtualMachineError || failure instanceof VirtualMachineError ? cause : null;
                } finally {
                    processing.remove(task.key());
                    worker.processing.decrementAndGet();
                }
                lastProgressNanos = System.nanoTime();
                lastKey = task.key();
                worker.done.incrementAndGet();
                try {
                    publish(SchedulerEvent.Type.FINISHED, task.key(), worker, start, System.nanoTime(), held.bytes, null);
                } finally {
                    synchronized (this) {
                        if (stopped) {
                            held.release();
                            return null;
                        }
                        state.finished(id, held);
                        if (state.isDone()) {
                            finish();
                            return null;
                        }
                    }
                }
            }
        }

        private static boolean outOfHeap(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A task that ran out of heap while this worker holds results in memory: they are spilled, the heap
         * collected, and the task made ready again, up to {@link #HEAP_RETRIES} times (as dask reruns a task
         * whose worker died of memory). False when nothing could be spilled or the retries are spent.
         */
        private boolean retryAfterSpilling(Worker worker, int id, Task task) {
            synchronized (this) {
                if (stopped || heapRetries.merge(id, 1, Integer::sum) > HEAP_RETRIES) {
                    return false;
                }
            }
            long spilled = worker.memory.spillAll();
            if (spilled == 0) {
                return false;
            }
            System.gc();   // the spilled arrays are garbage now; give their regions back before the retry
            LOG.log(System.Logger.Level.WARNING, () -> "Task " + task.key() + " ran out of heap on " + worker.name
                    + "; spilled " + spilled + " bytes and trying it again");
            synchronized (this) {
                if (stopped) {
                    return false;
                }
                state.retry(id);
            }
            return true;
        }

        long lastProgressNanos() {
            return lastProgressNanos;
        }

        /** The latest task to finish, or null. */
        TaskKey lastKey() {
            return lastKey;
        }

        synchronized boolean markStalled(long now, long timeoutNanos) {
            long since = lastProgressNanos;
            if (stopped || now - since < timeoutNanos || reportedStallOf == since) {
                return false;
            }
            reportedStallOf = since;
            return true;
        }

        synchronized String progressText() {
            return state.finishedCount() + "/" + state.size() + " tasks done, " + processing.size() + " processing";
        }

        private SchedulerEvent.Submitted submitted() {
            return SchedulerEvent.Submitted.of(state.tasks());     // an immutable list: not copied again
        }

        /** Waits while the worker is paused for memory; false when the run stopped meanwhile. */
        private boolean awaitMemory(Worker worker) {
            if (!worker.memory.paused()) {
                return true;
            }
            worker.memory.spillIfNeeded();
            long since = System.nanoTime();
            boolean announced = false;
            while (worker.memory.paused()) {
                if (!announced) {
                    publish(SchedulerEvent.Type.PAUSED, null, worker, since, since, worker.memory.bytesInMemory(), null);
                    announced = true;
                }
                synchronized (this) {
                    if (stopped) {
                        return false;
                    }
                }
                try {
                    worker.memory.awaitBelowPause(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                worker.memory.spillIfNeeded();
            }
            if (announced) {
                long now = System.nanoTime();
                publish(SchedulerEvent.Type.RESUMED, null, worker, since, now, worker.memory.bytesInMemory(), null);
            }
            return true;
        }

        private RuntimeException asRuntime(Throwable failure, TaskKey key) {
            if (failure instanceof RuntimeException r) {
                return r;
            }
            return new TaskFailedException(key, failure);
        }

        private Object[] unwrap(Object[] inputs) {
            Object[] values = new Object[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                values[i] = inputs[i] instanceof WorkerMemory.Held held ? held.value() : inputs[i];
            }
            return values;
        }

        private void publish(SchedulerEvent.Type type, TaskKey key, Worker worker, long start, long stop, long bytes,
                             String error) {
            if (cluster.events().isActive()) {
                cluster.publish(new SchedulerEvent(type, key, worker.name, Thread.currentThread().getName(), start, stop,
                        bytes, error));
            }
        }

        /** Holds the lock. */
        private void fail(RuntimeException failure) {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                releaseAll(null);
                report();
            } finally {
                completion.completeExceptionally(failure);
            }
        }

        void cancel(RuntimeException why) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                fail(why);
            }
            processing.values().forEach(Thread::interrupt);
        }

        /** Holds the lock. Completes the run with its outputs: values gathered here, or held handles when kept. */
        private void finish() {
            stopped = true;
            Map<TaskKey, Object> results = new LinkedHashMap<>();
            try {
                Map<TaskKey, Object> outputs = state.outputResults();
                if (!keep) {
                    long spilled = spilledBytes(outputs);
                    HeapRoom.require("Gathering " + outputs.size() + " results of " + describeOutputs(outputs),
                            spilled, spilled);
                }
                for (Map.Entry<TaskKey, Object> e : outputs.entrySet()) {
                    Object value = e.getValue();
                    results.put(e.getKey(), !keep && value instanceof WorkerMemory.Held held ? held.value() : value);
                }
            } catch (Throwable e) {   // an unspill that fails, or runs out of heap, must still end the run
                results = null;
                releaseAll(null);
                report();
                completion.completeExceptionally(e);
                return;
            }
            releaseAll(keep ? results : null);
            report();
            completion.complete(results);
        }

        /** What gathering must read back from disk (what is in memory already occupies the heap). */
        private long spilledBytes(Map<TaskKey, Object> outputs) {
            long bytes = 0;
            for (Object value : outputs.values()) {
                if (value instanceof WorkerMemory.Held held && held.isSpilled()) {
                    bytes += held.bytes;
                }
            }
            return bytes;
        }

        private String describeOutputs(Map<TaskKey, Object> outputs) {
            TreeSet<String> prefixes = new TreeSet<>();
            outputs.keySet().forEach(k -> prefixes.add(k.prefix()));
            return String.join(", ", prefixes);
        }

        /** Releases every result the run holds, except those in {@code kept} (persisted outputs). */
        private void releaseAll(Map<TaskKey, Object> kept) {
            Set<Object> keep = Collections.newSetFromMap(new IdentityHashMap<>());
            if (kept != null) {
                keep.addAll(kept.values());
            }
            for (Object held : state.heldResults()) {
                if (held instanceof WorkerMemory.Held h && !keep.contains(h)) {
                    h.release();
                }
            }
        }

        private void report() {
            ExecutionStats stats = new ExecutionStats(state.size(), state.finishedCount(), state.peakBytes(),
                    System.nanoTime() - startNanos);
            try {
                listener.computationFinished(stats);
            } catch (Throwable ignored) {
                // a listener's failure must never fail, or stall, the computation
            }
        }

        synchronized int waitingCount() {
            return state.size() - state.finishedCount() - processing.size();
        }

        synchronized String describe(int number) {
            StringBuilder text = new StringBuilder("  computation " + number + ": " + state.finishedCount() + "/"
                    + state.size() + " tasks done, " + processing.size() + " processing\n");
            processing.forEach((key, thread) -> text.append("    processing ").append(key).append(" on ")
                    .append(thread.getName()).append('\n'));
            int shown = 0;
            for (Map.Entry<TaskKey, List<TaskKey>> e : state.waiting().entrySet()) {
                if (shown++ == 20) {
                    text.append("    … and more waiting\n");
                    break;
                }
                List<String> deps = new ArrayList<>();
                e.getValue().forEach(k -> deps.add(k.toString()));
                text.append("    waiting ").append(e.getKey()).append(" for ").append(deps).append('\n');
            }
            return text.toString();
        }
    }
}
