package org.lazuli.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockManagerAdded;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.lazuli.cluster.EventStream;
import org.lazuli.cluster.SchedulerEvent;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.graph.Task;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows a Spark application from the driver: its executors (added, lost, tasks running and done)
 * and the graph tasks each Spark task ran, which it turns into the cluster's {@link SchedulerEvent}s.
 *
 * <p>Spark creates it (it is named in {@code spark.extraListeners}, so it sees the application from
 * its first event); {@link SparkCluster} then finds it by the token in the configuration. Not for
 * direct use.
 */
public final class ClusterListener extends SparkListener {
    static final String TOKEN = "spark.lazuli.listener";
    private static final Map<String, ClusterListener> CREATED = new ConcurrentHashMap<>();

    private final EventStream events = new EventStream();
    private final Map<String, Executor> executors = new ConcurrentHashMap<>();
    private final Map<Long, Computation> computations = new ConcurrentHashMap<>();

    /** A computation's listener and how many of its task runs have been reported. */
    private static final class Computation {
        final ExecutionListener listener;
        long reported;

        Computation(ExecutionListener listener) {
            this.listener = listener;
        }
    }
    private final Deque<String> recentErrors = new ConcurrentLinkedDeque<>();
    private final AtomicLong tasksDone = new AtomicLong();
    private volatile Runnable executorAdded = () -> { };

    /** Called by Spark while the context starts. */
    public ClusterListener(SparkConf conf) {
        CREATED.put(conf.get(TOKEN), this);
    }

    /** The listener Spark created for the configuration carrying {@code token}. */
    static ClusterListener created(String token) {
        ClusterListener listener = CREATED.remove(token);
        if (listener == null) {
            throw new IllegalStateException("Spark did not create the Lazuli listener named in " + TOKEN);
        }
        return listener;
    }

    /** One executor as the driver sees it. */
    static final class Executor {
        final String id;
        final String host;
        final int cores;
        volatile int blockManagerPort = -1;
        volatile long storageMemory;
        final AtomicInteger running = new AtomicInteger();
        final AtomicLong done = new AtomicLong();
        /** CPU time of the Spark tasks it has finished (Spark's executorCpuTime). */
        final AtomicLong cpuNanos = new AtomicLong();

        Executor(String id, String host, int cores) {
            this.id = id;
            this.host = host;
            this.cores = cores;
        }

        String workerName() {
            return "executor-" + id;
        }
    }

    /** Runs {@code action} after each executor registers (on Spark's listener thread: keep it short). */
    void onExecutorAdded(Runnable action) {
        this.executorAdded = action;
    }

    EventStream events() {
        return events;
    }

    /** The executors now, in id order (numbers numerically; "driver" first). */
    List<Executor> executors() {
        List<Executor> list = new ArrayList<>(executors.values());
        list.sort(Comparator.comparing((Executor e) -> e.id.length()).thenComparing(e -> e.id));
        return list;
    }

    /** The executors of a cluster manager, without the driver's own (which runs tasks only in local mode). */
    List<Executor> remoteExecutors() {
        List<Executor> remote = executors();
        remote.removeIf(e -> e.id.equals("driver"));
        return remote;
    }

    List<String> recentErrors() {
        return List.copyOf(recentErrors);
    }

    long tasksDone() {
        return tasksDone.get();
    }

    /** A graph starts on Spark: announce it, and route its task runs (reported through accumulator {@code runsId}) to {@code listener}. */
    void computationStarted(long runsId, List<Task> tasks, ExecutionListener listener) {
        computations.put(runsId, new Computation(listener));
        if (events.isActive()) {
            long now = System.nanoTime();
            events.publish(new SchedulerEvent.Submitted(tasks.get(tasks.size() - 1).key(), now, tasks.size(),
                    SchedulerEvent.GraphShape.of(tasks)));
        }
    }

    /**
     * Ends a computation once Spark's listener bus has delivered the {@code runs} task runs its job
     * recorded (the bus runs behind the job; waits at most {@code maxMillis}), so every run reaches
     * the listener and the events before {@code computationFinished}.
     */
    void computationFinished(long runsId, long runs, long maxMillis) {
        Computation computation = computations.get(runsId);
        if (computation == null) {
            return;
        }
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        synchronized (computation) {
            while (computation.reported < runs && System.nanoTime() < deadline) {
                try {
                    computation.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        computations.remove(runsId);
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        executors.put(added.executorId(), new Executor(added.executorId(), added.executorInfo().executorHost(),
                added.executorInfo().totalCores()));
        executorAdded.run();
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executors.remove(removed.executorId());
        error("executor " + removed.executorId() + " removed: " + removed.reason());
    }

    @Override
    public void onBlockManagerAdded(SparkListenerBlockManagerAdded added) {
        String id = added.blockManagerId().executorId();
        Executor executor = executors.computeIfAbsent(id, k -> new Executor(k, added.blockManagerId().host(),
                Runtime.getRuntime().availableProcessors()));      // the driver's executor in local mode has no "added" event
        executor.blockManagerPort = added.blockManagerId().port();
        executor.storageMemory = added.maxMem();
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        Executor executor = executors.get(start.taskInfo().executorId());
        if (executor != null) {
            executor.running.incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Executor executor = executors.get(end.taskInfo().executorId());
        if (executor != null) {
            executor.running.updateAndGet(n -> Math.max(0, n - 1));
            if (end.taskMetrics() != null) {    // none for a task lost with its executor
                executor.cpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
            }
        }
        if (!end.taskInfo().successful()) {
            error("Spark task " + end.taskInfo().id() + " on executor " + end.taskInfo().executorId() + " failed: "
                    + end.reason());
        }
        for (AccumulableInfo info : CollectionConverters.asJava(end.taskInfo().accumulables())) {
            Computation computation = computations.get(info.id());
            if (computation != null && info.update().isDefined() && info.update().get() instanceof List<?> runs) {
                for (Object run : runs) {
                    report((TaskRun) run, executor, computation.listener);
                }
                synchronized (computation) {
                    computation.reported += runs.size();
                    computation.notifyAll();
                }
            }
        }
    }

    /** One graph task's run, as an event on the driver's clock. */
    private void report(TaskRun run, Executor executor, ExecutionListener listener) {
        tasksDone.incrementAndGet();
        if (executor != null) {
            executor.done.incrementAndGet();
        }
        long ago = TaskRun.nowMicros() - run.startMicros();
        long start = System.nanoTime() - ago * 1000;
        long stop = start + run.nanos();
        String worker = "executor-" + run.executor();
        try {
            if (run.error() == null) {
                listener.taskFinished(run.key(), start, stop, run.bytes());
            } else {
                listener.taskFailed(run.key(), new RuntimeException(run.error()));
            }
        } catch (Throwable ignored) {
            // a listener's failure (an Error too) never fails or stalls the computation it watches, nor Spark's listener bus
        }
        if (run.error() != null) {
            error(run.key() + ": " + run.error());
        }
        if (events.isActive()) {
            String thread = worker + "-thread-" + run.slot();
            events.publish(run.error() == null
                    ? new SchedulerEvent.TaskFinished(run.key(), worker, thread, start, stop, run.bytes())
                    : new SchedulerEvent.TaskFailed(run.key(), worker, thread, start, stop, run.error()));
        }
    }

    private void error(String text) {
        recentErrors.addFirst(text);
        while (recentErrors.size() > 50) {
            recentErrors.removeLast();
        }
    }
}
