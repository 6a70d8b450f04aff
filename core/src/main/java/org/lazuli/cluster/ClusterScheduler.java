package org.lazuli.cluster;

import java.util.ArrayList;
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
import org.lazuli.exec.HeapRoom;
import org.lazuli.exec.GraphRun;
import org.lazuli.exec.ResultStore;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Runs task graphs on a local cluster's workers: the threaded scheduler's runner loop ({@link GraphRun}),
 * placed by {@link WorkerPlacement}: every result held (and possibly spilled) by the worker that produced
 * it, events published, and workers pausing when their memory is past the pause fraction.
 */
final class ClusterScheduler implements Scheduler {
    private static final System.Logger LOG = System.getLogger(ClusterScheduler.class.getName());
    /** Tries of a task after it ran out of heap, each after spilling what its worker held. */
    private static final int HEAP_RETRIES = 3;
    private final LocalCluster cluster;
    private final Set<GraphRun<Worker>> running = ConcurrentHashMap.newKeySet();

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
        GraphRun<Worker> run = submit(graph, outputs, ExecutionListener.NONE, true);
        Map<TaskKey, Object> kept = await(run);
        Map<TaskKey, WorkerMemory.Held> held = new LinkedHashMap<>();
        kept.forEach((key, value) -> held.put(key, (WorkerMemory.Held) value));
        return Optional.of(new PersistedResults(cluster.name(), held));
    }

    private static Map<TaskKey, Object> await(GraphRun<Worker> run) {
        try {
            return run.completion().get();
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
        GraphRun<Worker> run = submit(graph, outputs, ExecutionListener.NONE, false);
        return Schedulers.cancellable(run.completion(), () -> run.cancel(new CancellationException("cancelled")));
    }

    /**
     * Starts a computation; its results complete the run's future: the values, or with {@code keep}
     * the workers' handles on them, left held.
     */
    GraphRun<Worker> submit(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener, boolean keep) {
        GraphRun<Worker> run = new GraphRun<>(graph, outputs, new WorkerPlacement(keep), listener);
        running.add(run);
        run.completion().whenComplete((r, e) -> running.remove(run));
        if (cluster.isClosed()) {
            // close() cancels the runs it finds; one added after it looked would otherwise queue runners on
            // pools about to be shut down and never complete
            run.cancel(new IllegalStateException("The cluster is closed; start a new one to compute"));
            return run;
        }
        List<Task> tasks = run.tasks();
        if (cluster.events().isActive() && !tasks.isEmpty()) {
            // one event per computation: its last task's key, the number of tasks, and the graph's shape
            long now = System.nanoTime();
            cluster.publish(new SchedulerEvent.Submitted(tasks.get(tasks.size() - 1).key(), now, tasks.size(),
                    SchedulerEvent.GraphShape.of(tasks)));
        }
        run.start();
        return run;
    }

    /** Cancels every running computation (restart, close). */
    void cancelAll(String why) {
        for (GraphRun<Worker> run : List.copyOf(running)) {
            run.cancel(new CancellationException(why));
        }
    }

    /** What each computation is doing (for dumpState). */
    String describe() {
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (GraphRun<Worker> run : running) {
            text.append(run.describe(++n));
        }
        return text.length() == 0 ? "  no computation running\n" : text.toString();
    }

    /** Computations with no task started or finished for {@code timeoutNanos}, not reported since (they are marked). */
    List<GraphRun<Worker>> stalledRuns(long now, long timeoutNanos) {
        List<GraphRun<Worker>> stalled = new ArrayList<>();
        for (GraphRun<Worker> run : running) {
            if (run.markStalled(now, timeoutNanos)) {
                stalled.add(run);
            }
        }
        return stalled;
    }

    int processing() {
        return running.stream().mapToInt(GraphRun::processingCount).sum();
    }

    int waiting() {
        return running.stream().mapToInt(GraphRun::waitingCount).sum();
    }

    /**
     * Where a computation's runners go on this cluster: the least busy worker; each result is held (and
     * possibly spilled) by the worker that computed it; a worker past its pause fraction starts nothing;
     * a task out of heap is tried again once its worker spilled; every step is published.
     */
    private final class WorkerPlacement implements GraphRun.Placement<Worker> {
        private final boolean keep;

        WorkerPlacement(boolean keep) {
            this.keep = keep;
        }

        @Override
        public int parallelism() {
            return ClusterScheduler.this.parallelism();
        }

        @Override
        public Worker chooseWorker() {
            return cluster.leastBusyWorker();
        }

        @Override
        public void execute(Worker worker, Runnable runner) {
            worker.runners.incrementAndGet();
            try {
                worker.pool.execute(runner);
            } catch (RejectedExecutionException e) {
                worker.runners.decrementAndGet();
                throw e;
            }
        }

        @Override
        public RuntimeException rejected(Worker worker, RejectedExecutionException e) {
            // a worker retired by scale() rejects; another is chosen unless the whole cluster is closed
            return cluster.isClosed() ? new IllegalStateException("The cluster is closed; start a new one to compute", e)
                    : null;
        }

        @Override
        public void runnerEnded(Worker worker) {
            worker.runners.decrementAndGet();
        }

        /** Waits while the worker is paused for memory; false when the run stopped meanwhile. */
        @Override
        public boolean awaitRoom(Worker worker, GraphRun<Worker> run) {
            if (!worker.memory.paused()) {
                return true;
            }
            worker.memory.spillIfNeeded();
            long since = System.nanoTime();
            boolean announced = false;
            while (worker.memory.paused()) {
                if (!announced) {
                    publish(new SchedulerEvent.Paused(worker.name, since, worker.memory.bytesInMemory()));
                    announced = true;
                }
                if (run.isStopped()) {
                    return false;
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
                publish(new SchedulerEvent.Resumed(worker.name, since, now, worker.memory.bytesInMemory()));
            }
            return true;
        }

        @Override
        public void starting(Worker worker, Task task) {
            worker.processing.incrementAndGet();
        }

        @Override
        public Object hold(Worker worker, Task task, Object result) {
            return worker.memory.hold(task.key(), result);
        }

        @Override
        public Object value(Object held) {
            return held instanceof WorkerMemory.Held h ? h.value() : held;
        }

        @Override
        public void release(Object held) {
            if (held instanceof WorkerMemory.Held h) {
                h.release();
            }
        }

        @Override
        public void ended(Worker worker, Task task) {
            worker.processing.decrementAndGet();
        }

        @Override
        public void finished(Worker worker, Task task, long startNanos, long stopNanos, Object held) {
            worker.done.incrementAndGet();
            if (cluster.events().isActive()) {
                publish(new SchedulerEvent.TaskFinished(task.key(), worker.name, Thread.currentThread().getName(),
                        startNanos, stopNanos, ((WorkerMemory.Held) held).bytes));
            }
        }

        /**
         * A task that ran out of heap while its worker holds results in memory: they are spilled, the heap
         * collected, and the task made ready again, up to {@link #HEAP_RETRIES} times (as dask reruns a task
         * whose worker died of memory). False when nothing could be spilled or the retries are spent.
         */
        @Override
        public boolean retry(Worker worker, Task task, Throwable failure, int attempt) {
            if (!outOfHeap(failure) || attempt > HEAP_RETRIES) {
                return false;
            }
            long spilled = worker.memory.spillAll();
            if (spilled == 0) {
                return false;
            }
            System.gc();   // the spilled arrays are garbage now; give their regions back before the retry
            LOG.log(System.Logger.Level.WARNING, () -> "Task " + task.key() + " ran out of heap on " + worker.name
                    + "; spilled " + spilled + " bytes and trying it again");
            return true;
        }

        @Override
        public RuntimeException failure(Task task, Throwable thrown) {
            return thrown instanceof MemoryLimitExceededException m ? new TaskFailedException(task.key(), m)
                    : GraphRun.Placement.super.failure(task, thrown);
        }

        @Override
        public void failed(Worker worker, Task task, long startNanos, long stopNanos, RuntimeException error) {
            cluster.recordError(task.key(), error);
            if (cluster.events().isActive()) {
                publish(new SchedulerEvent.TaskFailed(task.key(), worker.name, Thread.currentThread().getName(),
                        startNanos, stopNanos, String.valueOf(error.getCause() != null ? error.getCause() : error)));
            }
        }

        /** The values gathered here, or with {@code keep} the workers' handles, left held. */
        @Override
        public Map<TaskKey, Object> complete(Map<TaskKey, Object> outputs) {
            if (keep) {
                return outputs;
            }
            long spilled = spilledBytes(outputs);
            HeapRoom.require("Gathering " + outputs.size() + " results of " + describeOutputs(outputs), spilled, spilled);
            return GraphRun.Placement.super.complete(outputs);
        }

        private static boolean outOfHeap(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError) {
                    return true;
                }
            }
            return false;
        }

        /** What gathering must read back from disk (what is in memory already occupies the heap). */
        private static long spilledBytes(Map<TaskKey, Object> outputs) {
            long bytes = 0;
            for (Object value : outputs.values()) {
                if (value instanceof WorkerMemory.Held held && held.isSpilled()) {
                    bytes += held.bytes;
                }
            }
            return bytes;
        }

        private static String describeOutputs(Map<TaskKey, Object> outputs) {
            TreeSet<String> prefixes = new TreeSet<>();
            outputs.keySet().forEach(k -> prefixes.add(k.prefix()));
            return String.join(", ", prefixes);
        }

        private void publish(SchedulerEvent event) {
            if (cluster.events().isActive()) {
                cluster.publish(event);
            }
        }
    }
}
