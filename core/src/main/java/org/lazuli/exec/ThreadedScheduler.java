package org.lazuli.exec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs tasks on a fixed pool of threads (by default one per core), like dask's threaded scheduler.
 *
 * <p>Each computation keeps its own {@link ExecutionState}; a thread that finishes a task takes the
 * next ready one itself (no hand-off), so the cost per task is a lock and a heap operation. Results
 * are freed as soon as their last dependent ran. A computation started from inside one of this
 * pool's tasks runs synchronously on that thread, so nested computations cannot deadlock the pool.
 *
 * <p>Thread-safe. {@link #close()} stops the threads and waits for them.
 */
public final class ThreadedScheduler implements Scheduler, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ThreadPoolExecutor pool;
    private final ThreadGroup group;

    private ThreadedScheduler(int threads, String name) {
        this.threads = threads;
        this.group = new ThreadGroup(name);
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(group, runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(WorkerThreadReplaced::ignore);
            return thread;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** A scheduler with one thread per available processor. */
    public static ThreadedScheduler create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** A scheduler running at most {@code threads} tasks at once. */
    public static ThreadedScheduler create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A threaded scheduler needs at least 1 thread, got " + threads);
        }
        return new ThreadedScheduler(threads, "lazuli-worker-" + POOLS.incrementAndGet());
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        if (Thread.currentThread().getThreadGroup() == group) {
            return SynchronousScheduler.instance().execute(graph, outputs, listener);
        }
        Run run = new Run(new ExecutionState(graph, outputs), listener);
        run.start();
        try {
            return run.completion.get();
        } catch (InterruptedException e) {
            run.cancel(new CancellationException("The caller was interrupted"));
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while computing " + outputs.size() + " outputs; the remaining tasks were cancelled");
        } catch (ExecutionException e) {
            throw Schedulers.failureOf(e.getCause());
        }
    }

    /** Starts a graph without blocking; cancelling the future cancels the run's remaining tasks. */
    @Override
    public CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        if (Thread.currentThread().getThreadGroup() == group) {
            return CompletableFuture.completedFuture(SynchronousScheduler.instance().execute(graph, outputs));
        }
        Run run = new Run(new ExecutionState(graph, outputs), ExecutionListener.NONE);
        CompletableFuture<Map<TaskKey, Object>> view = Schedulers.cancellable(run.completion,
                () -> run.cancel(new CancellationException("cancelled")));
        run.start();
        return view;
    }

    /** Stops the threads, waiting for running tasks to end. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Worker threads of " + group.getName()
                        + " did not stop within 30 s; a task ignores interruption");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return pool.isShutdown();
    }

    @Override
    public String toString() {
        return "ThreadedScheduler[threads=" + threads + "]";
    }

    /** One computation on the pool. */
    private final class Run {
        private final ExecutionState state;
        private final ExecutionListener listener;
        private final CompletableFuture<Map<TaskKey, Object>> completion = new CompletableFuture<>();
        private final long startNanos = System.nanoTime();
        private int activeRunners;
        private boolean stopped;

        Run(ExecutionState state, ExecutionListener listener) {
            this.state = state;
            this.listener = listener;
        }

        void start() {
            synchronized (this) {
                if (state.isDone()) {
                    finish();
                    return;
                }
                spawnRunners();
            }
        }

        void cancel(RuntimeException why) {
            synchronized (this) {
                fail(why);
            }
        }

        /** Starts runners while there is ready work and idle capacity. Holds the lock. */
        private void spawnRunners() {
            int wanted = Math.min(threads, activeRunners + state.readyCount());
            while (activeRunners < wanted) {
                activeRunners++;
                try {
                    pool.execute(this::runLoop);
                } catch (RejectedExecutionException e) {
                    activeRunners--;
                    fail(new IllegalStateException("The scheduler is closed; create a new one to compute", e));
                    return;
                }
            }
        }

        /**
         * Runs ready tasks until there are none. Whatever is thrown on this path ends the computation: no
         * caller is left waiting on a run nobody completes. After a {@link VirtualMachineError} the
         * thread ends and the pool starts a fresh one.
         */
        private void runLoop() {
            Throwable damage = null;
            try {
                damage = runTasks();
            } catch (Throwable error) {
                synchronized (this) {
                    fail(error);
                }
                damage = error instanceof VirtualMachineError ? error : null;
            } finally {
                synchronized (this) {
                    activeRunners--;
                }
            }
            if (damage != null) {
                throw new WorkerThreadReplaced(damage);
            }
        }

        /** The loop itself; returns the {@link VirtualMachineError} a task raised, if any. */
        private Throwable runTasks() {
            int id;
            synchronized (this) {
                id = stopped ? -1 : state.poll();
                if (id < 0) {
                    return null;
                }
            }
            while (true) {
                Object[] inputs;
                synchronized (this) {
                    inputs = state.inputsOf(id);
                }
                Object result;
                try {
                    result = TaskRunner.run(state.task(id), inputs, listener);
                } catch (RuntimeException | Error failure) {
                    synchronized (this) {
                        fail(failure);
                    }
                    return failure.getCause() instanceof VirtualMachineError vm ? vm : null;
                }
                synchronized (this) {
                    if (stopped) {
                        return null;
                    }
                    state.finished(id, result);
                    if (state.isDone()) {
                        finish();
                        return null;
                    }
                    id = state.poll();
                    if (id < 0) {
                        return null;
                    }
                    spawnRunners();
                }
            }
        }

        /** Holds the lock. */
        private void fail(Throwable failure) {
            if (!stopped) {
                stopped = true;
                reportStats();
                completion.completeExceptionally(failure);
            }
        }

        /** Holds the lock. */
        private void finish() {
            stopped = true;
            reportStats();
            try {
                completion.complete(state.outputResults());
            } catch (Throwable error) {
                completion.completeExceptionally(error);
            }
        }

        private void reportStats() {
            ExecutionStats stats = new ExecutionStats(state.size(), state.finishedCount(), state.peakBytes(),
                    System.nanoTime() - startNanos);
            TaskRunner.notify(() -> listener.computationFinished(stats));
        }
    }
}
