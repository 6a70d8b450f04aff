package org.lazuli.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * One computation on threads: the runner loop every pool scheduler shares (the threaded scheduler's one
 * pool, a local cluster's workers). The decisions are {@link ExecutionState}'s, taken under this run's
 * lock; where a runner goes and what happens around each task (holding results in a worker's memory,
 * pausing, events, a retry after spilling) is the {@link Placement}'s.
 *
 * <p>A thread that finishes a task takes the next ready one itself (no hand-off), so the cost per task
 * is a lock and a heap operation. Whatever is thrown on a runner's path ends the computation, so no
 * caller waits on a run nobody completes; after a {@link VirtualMachineError} the runner's thread ends
 * and its pool starts a fresh one.
 *
 * @param <W> where runners run (a worker)
 */
public final class GraphRun<W> {
    /**
     * Where a run's runners go and what surrounds each task. Only {@link #parallelism}, {@link #chooseWorker}
     * and {@link #execute} have no default: a plain thread pool needs nothing more.
     */
    public interface Placement<W> {
        /** Tasks that may run at once. */
        int parallelism();

        /** The worker the next runner goes to, or null when there is none (the run then fails). */
        W chooseWorker();

        /** Starts {@code runner} on the worker's threads; throws RejectedExecutionException if they are shut down. */
        void execute(W worker, Runnable runner);

        /**
         * Why the run must fail after {@code execute} was rejected, or null to choose a worker again
         * (one that retired meanwhile).
         */
        default RuntimeException rejected(W worker, RejectedExecutionException e) {
            return new IllegalStateException("The scheduler is closed; create a new one to compute", e);
        }

        /** A runner started by {@link #execute} ended (on its thread). */
        default void runnerEnded(W worker) {
        }

        /** Waits until the worker may start another task; false to stop this runner (the run stopped meanwhile). */
        default boolean awaitRoom(W worker, GraphRun<W> run) {
            return true;
        }

        /** A task is about to run on the worker, on the current thread. */
        default void starting(W worker, Task task) {
        }

        /** What the computation holds for a task's result: the value itself, or a worker's handle on it. */
        default Object hold(W worker, Task task, Object result) {
            return result;
        }

        /** The value a held result stands for. */
        default Object value(Object held) {
            return held;
        }

        /** The computation no longer holds this result. */
        default void release(Object held) {
        }

        /** The task ran (or failed); on its thread, before {@link #finished} or {@link #failed}. */
        default void ended(W worker, Task task) {
        }

        /** The task's result is held; its dependents are not ready yet. */
        default void finished(W worker, Task task, long startNanos, long stopNanos, Object held) {
        }

        /**
         * Whether the task should be made ready again after {@code failure}, its {@code attempt}-th (a task
         * out of heap, once its worker spilled what it held).
         */
        default boolean retry(W worker, Task task, Throwable failure, int attempt) {
            return false;
        }

        /** The error the computation fails with for what the task (or holding its result) threw. */
        default RuntimeException failure(Task task, Throwable thrown) {
            return thrown instanceof RuntimeException r ? r : new TaskFailedException(task.key(), thrown);
        }

        /** The task failed the computation with {@code error} (already completed exceptionally). */
        default void failed(W worker, Task task, long startNanos, long stopNanos, RuntimeException error) {
        }

        /**
         * The computation's results from the outputs' held results, under the run's lock: the values, or
         * the held handles themselves to leave them held. Held results not returned are released.
         */
        default Map<TaskKey, Object> complete(Map<TaskKey, Object> outputs) {
            Map<TaskKey, Object> values = new LinkedHashMap<>();
            outputs.forEach((key, held) -> values.put(key, value(held)));
            return values;
        }
    }

    private final ExecutionState state;
    private final Placement<W> placement;
    private final ExecutionListener listener;
    private final CompletableFuture<Map<TaskKey, Object>> completion = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private final Map<TaskKey, Thread> processing = new ConcurrentHashMap<>();
    /** Tries of each task after a failure its placement retries (guarded by the lock). */
    private final Map<Integer, Integer> attempts = new HashMap<>();
    private volatile TaskKey lastKey;
    /** When a task last started or finished (System.nanoTime), for stall detection. */
    private volatile long lastProgressNanos = startNanos;
    /** The progress time a stall was reported for (0: none), so that each stall is reported once. */
    private long reportedStallOf;
    private int activeRunners;
    private boolean stopped;

    public GraphRun(TaskGraph graph, List<TaskKey> outputs, Placement<W> placement, ExecutionListener listener) {
        this.placement = placement;
        this.listener = listener;
        this.state = new ExecutionState(graph, outputs, placement::release);
    }

    /** Completes with the results, or exceptionally with the first failure or a cancellation. */
    public CompletableFuture<Map<TaskKey, Object>> completion() {
        return completion;
    }

    /** Starts runners for the ready tasks (or completes at once when there are no tasks). */
    public void start() {
        synchronized (this) {
            if (state.isDone()) {
                finish();
                return;
            }
            spawnRunners();
        }
    }

    /** Ends the computation with {@code why} and interrupts its running tasks. */
    public void cancel(RuntimeException why) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            fail(why);
        }
        processing.values().forEach(Thread::interrupt);
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    /** Every task, in scheduling order (an immutable list). */
    public List<Task> tasks() {
        return state.tasks();
    }

    /** Tasks running now. */
    public int processingCount() {
        return processing.size();
    }

    /** Tasks neither done nor running. */
    public synchronized int waitingCount() {
        return state.size() - state.finishedCount() - processing.size();
    }

    public long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** The latest task to finish, or null. */
    public TaskKey lastKey() {
        return lastKey;
    }

    /** True once per stall: no task started or finished for {@code timeoutNanos} while the run goes on. */
    public synchronized boolean markStalled(long now, long timeoutNanos) {
        long since = lastProgressNanos;
        if (stopped || now - since < timeoutNanos || reportedStallOf == since) {
            return false;
        }
        reportedStallOf = since;
        return true;
    }

    public synchronized String progressText() {
        return state.finishedCount() + "/" + state.size() + " tasks done, " + processing.size() + " processing";
    }

    /** What the run is doing: its progress, each running task and its thread, the first 20 waiting tasks. */
    public synchronized String describe(int number) {
        StringBuilder text = new StringBuilder("  computation " + number + ": " + progressText() + "\n");
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

    /** Holds the lock. Starts runners while there is ready work and idle capacity. */
    private void spawnRunners() {
        int wanted = Math.min(placement.parallelism(), activeRunners + state.readyCount());
        while (activeRunners < wanted && !stopped) {
            W worker = placement.chooseWorker();
            if (worker == null) {
                fail(new IllegalStateException("The cluster has no workers; scale it up or create a new one"));
                return;
            }
            activeRunners++;
            try {
                placement.execute(worker, () -> runLoop(worker));
            } catch (RejectedExecutionException e) {
                activeRunners--;
                RuntimeException why = placement.rejected(worker, e);
                if (why != null) {
                    fail(why);
                    return;
                }
            }
        }
    }

    private void runLoop(W worker) {
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
            placement.runnerEnded(worker);
        }
        if (damage != null) {
            throw new WorkerThreadReplaced(damage);
        }
    }

    /** The loop itself; returns the {@link VirtualMachineError} a task raised, if one did. */
    private Throwable runTasks(W worker) {
        while (true) {
            if (!placement.awaitRoom(worker, this)) {
                return null;
            }
            int id;
            Task task;
            Object[] inputs;
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
            long start = System.nanoTime();
            lastProgressNanos = start;
            processing.put(task.key(), Thread.currentThread());
            placement.starting(worker, task);
            Object held;
            try {
                held = placement.hold(worker, task, TaskRunner.run(task, values(inputs), listener));
            } catch (Throwable thrown) {
                if (retried(worker, id, task, thrown)) {
                    continue;
                }
                RuntimeException error = placement.failure(task, thrown);
                synchronized (this) {
                    fail(error);
                }
                placement.failed(worker, task, start, System.nanoTime(), error);
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return cause instanceof VirtualMachineError || thrown instanceof VirtualMachineError ? cause : null;
            } finally {
                processing.remove(task.key());
                placement.ended(worker, task);
            }
            lastProgressNanos = System.nanoTime();
            lastKey = task.key();
            try {
                placement.finished(worker, task, start, lastProgressNanos, held);
            } finally {
                synchronized (this) {
                    if (stopped) {
                        placement.release(held);
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

    /** Makes the task ready again when its placement retries this failure. */
    private boolean retried(W worker, int id, Task task, Throwable thrown) {
        int attempt;
        synchronized (this) {
            if (stopped) {
                return false;
            }
            attempt = attempts.merge(id, 1, Integer::sum);
        }
        if (!placement.retry(worker, task, thrown, attempt)) {
            return false;
        }
        synchronized (this) {
            if (stopped) {
                return false;
            }
            state.retry(id);
        }
        return true;
    }

    /**
     * The values the held inputs stand for, in an array of their own: the runner keeps {@code inputs}
     * (handles) while it waits for memory before its next task, and must not pin read-back values then.
     */
    private Object[] values(Object[] inputs) {
        Object[] values = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = placement.value(inputs[i]);
        }
        return values;
    }

    /** Holds the lock. */
    private void fail(RuntimeException failure) {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            releaseAllExcept(Map.of());
            report();
        } finally {
            completion.completeExceptionally(failure);
        }
    }

    /** Holds the lock. Completes the run with what its placement makes of the outputs. */
    private void finish() {
        stopped = true;
        Map<TaskKey, Object> results;
        try {
            results = placement.complete(state.outputResults());
        } catch (Throwable e) {   // a gathering that fails, or runs out of heap, must still end the run
            releaseAllExcept(Map.of());
            report();
            completion.completeExceptionally(e);
            return;
        }
        releaseAllExcept(results);
        report();
        completion.complete(results);
    }

    /** Releases every result the run holds except those that are themselves results (left held). */
    private void releaseAllExcept(Map<TaskKey, Object> results) {
        Set<Object> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(results.values());
        for (Object held : state.heldResults()) {
            if (!kept.contains(held)) {
                placement.release(held);
            }
        }
    }

    private void report() {
        ExecutionStats stats = new ExecutionStats(state.size(), state.finishedCount(), state.peakBytes(),
                System.nanoTime() - startNanos);
        TaskRunner.notify(() -> listener.computationFinished(stats));
    }
}
