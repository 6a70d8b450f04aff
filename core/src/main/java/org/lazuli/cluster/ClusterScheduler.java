package org.lazuli.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ExecutionStats;
import org.lazuli.exec.PoolScheduling;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs task graphs on a local cluster's workers: the threaded scheduler's depth-first runner loops,
 * with every result held (and possibly spilled) by the worker that produced it, events published,
 * and workers pausing when their memory is past the pause fraction.
 */
final class ClusterScheduler implements Scheduler {
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
        Run run = submit(graph, outputs, listener);
        try {
            return run.completion.get();
        } catch (InterruptedException e) {
            run.cancel(new CancellationException("The caller was interrupted"));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while computing; the remaining tasks were cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Computation failed: " + e.getCause(), e.getCause());
        }
    }

    /** Starts a graph without blocking; cancelling the future cancels the run's remaining tasks. */
    @Override
    public CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        Run run = submit(graph, outputs, ExecutionListener.NONE);
        CompletableFuture<Map<TaskKey, Object>> view = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                run.cancel(new CancellationException("cancelled"));
                return super.cancel(mayInterrupt);
            }
        };
        run.completion.whenComplete((r, e) -> {
            if (e != null) {
                view.completeExceptionally(e);
            } else {
                view.complete(r);
            }
        });
        return view;
    }

    /** Starts a computation; its results (unwrapped) complete the run's future. */
    Run submit(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        Run run = new Run(graph, outputs, listener);
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
        private int activeRunners;
        private boolean stopped;

        Run(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
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

        private void runLoop(Worker worker) {
            try {
                while (true) {
                    if (!awaitMemory(worker)) {
                        return;
                    }
                    int id;
                    Object[] inputs;
                    Task task;
                    synchronized (this) {
                        id = stopped ? -1 : state.poll();
                        if (id < 0) {
                            return;
                        }
                        task = state.task(id);
                        inputs = state.inputsOf(id);
                        if (state.readyCount() > 0) {
                            spawnRunners();
                        }
                    }
                    Object result;
                    WorkerMemory.Held held;
                    long start = System.nanoTime();
                    processing.put(task.key(), Thread.currentThread());
                    worker.processing.incrementAndGet();
                    try {
                        result = PoolScheduling.run(task, unwrap(inputs), listener);
                        held = worker.memory.hold(task.key(), result);
                    } catch (RuntimeException | Error failure) {
                        RuntimeException error = failure instanceof MemoryLimitExceededException m
                                ? new TaskFailedException(task.key(), m) : asRuntime(failure, task.key());
                        publish(SchedulerEvent.Type.FAILED, task.key(), worker, start, System.nanoTime(), 0,
                                String.valueOf(error.getCause() != null ? error.getCause() : error));
                        cluster.recordError(task.key(), error);
                        synchronized (this) {
                            fail(error);
                        }
                        return;
                    } finally {
                        processing.remove(task.key());
                        worker.processing.decrementAndGet();
                    }
                    worker.done.incrementAndGet();
                    publish(SchedulerEvent.Type.FINISHED, task.key(), worker, start, System.nanoTime(), held.bytes, null);
                    synchronized (this) {
                        if (stopped) {
                            held.release();
                            return;
                        }
                        state.finished(id, held);
                        if (state.isDone()) {
                            finish();
                            return;
                        }
                    }
                }
            } finally {
                synchronized (this) {
                    activeRunners--;
                }
                worker.runners.decrementAndGet();
            }
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
            releaseAll();
            report();
            completion.completeExceptionally(failure);
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

        /** Holds the lock. */
        private void finish() {
            stopped = true;
            Map<TaskKey, Object> results = new LinkedHashMap<>();
            try {
                for (Map.Entry<TaskKey, Object> e : state.outputResults().entrySet()) {
                    Object value = e.getValue();
                    results.put(e.getKey(), value instanceof WorkerMemory.Held held ? held.value() : value);
                }
            } catch (RuntimeException e) {
                releaseAll();
                report();
                completion.completeExceptionally(e);
                return;
            }
            releaseAll();
            report();
            completion.complete(results);
        }

        private void releaseAll() {
            for (Object held : state.heldResults()) {
                if (held instanceof WorkerMemory.Held h) {
                    h.release();
                }
            }
        }

        private void report() {
            ExecutionStats stats = new ExecutionStats(state.size(), state.finishedCount(), state.peakBytes(),
                    System.nanoTime() - startNanos);
            try {
                listener.computationFinished(stats);
            } catch (RuntimeException ignored) {
                // a listener's failure must never fail the computation
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
