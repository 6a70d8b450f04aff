package org.lazuli.exec;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduler that {@code compute()} uses when none is given: a process-wide threaded scheduler
 * (one thread per core, created on first use), unless another is installed — which is how a client
 * of a cluster becomes the default while it is open.
 *
 * <p>Thread-safe.
 */
public final class Schedulers {
    private static final Object LOCK = new Object();
    private static ThreadedScheduler shared;
    private static volatile Scheduler installed;

    private Schedulers() {
    }

    /** The scheduler computations use now. */
    public static Scheduler current() {
        Scheduler scheduler = installed;
        return scheduler != null ? scheduler : shared();
    }

    /** The process-wide threaded scheduler. */
    public static ThreadedScheduler shared() {
        synchronized (LOCK) {
            if (shared == null || shared.isClosed()) {
                shared = ThreadedScheduler.create();
            }
            return shared;
        }
    }

    /**
     * Makes {@code scheduler} the default until the returned handle is closed, which restores the
     * previous default.
     *
     * <pre>{@code
     * try (var ignored = Schedulers.use(SynchronousScheduler.instance())) {
     *     array.compute();   // on the calling thread
     * }
     * }</pre>
     */
    public static Installation use(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        synchronized (LOCK) {
            Scheduler previous = installed;
            installed = scheduler;
            return () -> {
                synchronized (LOCK) {
                    if (installed == scheduler) {
                        installed = previous;
                    }
                }
            };
        }
    }

    /**
     * What a computation's failure raises on the waiting thread: unchecked exceptions as they are (the
     * worker's stack stays in their cause chain), anything else (an {@link Error} on a scheduler path)
     * wrapped, named in the message.
     */
    public static RuntimeException failureOf(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("Computation failed: " + cause, cause);
    }

    /**
     * Waits at most {@code timeout} for a submitted computation. Past it the computation is cancelled
     * (nobody else can collect it) and an {@link IllegalStateException} names it; its failure raises as
     * {@link #failureOf} says.
     */
    public static <T> T await(CompletableFuture<T> run, Duration timeout, String what) {
        try {
            return run.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while computing " + what
                    + "; the remaining tasks were cancelled");
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new IllegalStateException("Computing " + what + " did not finish within " + timeout
                    + "; its remaining tasks were cancelled (a client's dumpState() shows what a computation waits for)", e);
        } catch (ExecutionException e) {
            throw failureOf(e.getCause());
        }
    }

    /**
     * A view of a run's completion whose {@code cancel} also stops the run ({@code cancelRun}): what
     * {@link Scheduler#submit} hands out, so that a caller giving up frees the workers.
     */
    public static <T> CompletableFuture<T> cancellable(
            CompletableFuture<T> completion, Runnable cancelRun) {
        CompletableFuture<T> view = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterrupt) {
                cancelRun.run();
                return super.cancel(mayInterrupt);
            }
        };
        completion.whenComplete((r, e) -> {
            if (e != null) {
                view.completeExceptionally(e);
            } else {
                view.complete(r);
            }
        });
        return view;
    }

    /** Restores the previous default when closed. */
    @FunctionalInterface
    public interface Installation extends AutoCloseable {
        @Override
        void close();
    }
}
