package org.lazuli.exec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs tasks on a fixed pool of threads (by default one per core), like dask's threaded scheduler.
 *
 * <p>Each computation is a {@link GraphRun} on the one pool: a thread that finishes a task takes the
 * next ready one itself (no hand-off). Results are freed as soon as their last dependent ran. A computation started from inside one of this
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
        GraphRun<ThreadPoolExecutor> run = newRun(graph, outputs, listener);
        run.start();
        try {
            return run.completion().get();
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
        GraphRun<ThreadPoolExecutor> run = newRun(graph, outputs, ExecutionListener.NONE);
        CompletableFuture<Map<TaskKey, Object>> view = Schedulers.cancellable(run.completion(),
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

    /** Every runner on the one pool; failures past a task's run end the computation. */
    private GraphRun<ThreadPoolExecutor> newRun(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        return new GraphRun<>(graph, outputs, new GraphRun.Placement<>() {
            @Override
            public int parallelism() {
                return threads;
            }

            @Override
            public ThreadPoolExecutor chooseWorker() {
                return pool;
            }

            @Override
            public void execute(ThreadPoolExecutor worker, Runnable runner) {
                worker.execute(runner);
            }
        }, listener);
    }
}
