package org.lazuli.cluster;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.TaskKey;

/**
 * A task started on a cluster (dask's {@code Future}): its result when done, the task's failure
 * re-raised with its key and original cause, or cancellation. Pass it to {@link Client#submit} to
 * make another task depend on it; the result then goes from worker to worker, not through the caller.
 *
 * <p>Thread-safe.
 */
public final class TaskFuture<T> {
    private final TaskKey key;
    private final CompletableFuture<T> completion;
    private final Runnable canceller;

    TaskFuture(TaskKey key, CompletableFuture<T> completion, Runnable canceller) {
        this.key = key;
        this.completion = completion;
        this.canceller = canceller;
    }

    public TaskKey key() {
        return key;
    }

    CompletableFuture<T> completion() {
        return completion;
    }

    /** Waits for the result; a failure is re-raised as {@link TaskFailedException} naming the task. */
    public T result() {
        try {
            return completion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** Waits at most {@code timeout}; a timeout raises {@link IllegalStateException} and leaves the task running. */
    public T result(long timeout, TimeUnit unit) {
        try {
            return completion.get(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Task " + key + " did not finish within " + timeout + " "
                    + unit.toString().toLowerCase(Locale.ROOT) + "; it keeps running (cancel() stops it)", e);
        }
    }

    private RuntimeException failure(Throwable cause) {
        if (cause instanceof TaskFailedException t) {
            return t;
        }
        if (cause instanceof CancellationException c) {
            return c;
        }
        return new TaskFailedException(key, cause);
    }

    /** Stops the task if it has not finished (interrupting it if it runs); dependents fail. */
    public boolean cancel() {
        boolean cancelled = completion.completeExceptionally(new CancellationException("Task " + key + " was cancelled"));
        if (cancelled) {
            canceller.run();
        }
        return cancelled;
    }

    public boolean done() {
        return completion.isDone();
    }

    public boolean cancelled() {
        return completion.isCompletedExceptionally() && exception().orElse(null) instanceof CancellationException;
    }

    /** The failure, if the task failed or was cancelled. */
    public Optional<Throwable> exception() {
        if (!completion.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            completion.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        } catch (CancellationException e) {
            return Optional.of(e);
        }
    }

    /** Runs {@code callback} when the task ends (at once if it has); a throwing callback is ignored. */
    public TaskFuture<T> addDoneCallback(Consumer<TaskFuture<T>> callback) {
        completion.whenComplete((value, error) -> {
            try {
                callback.accept(this);
            } catch (RuntimeException ignored) {
                // a callback's failure must not affect the task or other callbacks
            }
        });
        return this;
    }

    /** "pending", "finished", "error" or "cancelled", as dask reports. */
    public String status() {
        if (!completion.isDone()) {
            return "pending";
        }
        if (!completion.isCompletedExceptionally()) {
            return "finished";
        }
        return cancelled() ? "cancelled" : "error";
    }

    @Override
    public String toString() {
        return "TaskFuture(" + key + ", " + status() + ")";
    }
}
