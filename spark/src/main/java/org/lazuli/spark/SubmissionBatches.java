package org.lazuli.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Graphs submitted without waiting (futures, {@code client.compute}), run together: whatever is
 * queued when a slot frees up becomes one merged graph and one Spark job, so ten thousand futures are
 * a few jobs, not ten thousand. Up to {@link #CONCURRENT} jobs run at once, so a long computation does
 * not hold back futures submitted after it. Every future completes, whatever Spark throws.
 */
final class SubmissionBatches implements AutoCloseable {
    /** Batches running as Spark jobs at once; later submissions gather into the next batch. */
    static final int CONCURRENT = 4;

    /** Runs a merged graph as one Spark job in a job group; failed outputs hold their {@link TaskFailure}. */
    interface JobRunner {
        Map<TaskKey, Object> run(String group, TaskGraph graph, List<TaskKey> outputs);

        /** Stops the jobs of a group. */
        void cancel(String group);

        /** A new job group's name. */
        String newGroup();
    }

    private final JobRunner jobs;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore slots = new Semaphore(CONCURRENT);
    private final ExecutorService runners = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lazuli-spark-batch");
        t.setDaemon(true);
        return t;
    });
    private final Thread gatherer;
    private volatile boolean closed;

    SubmissionBatches(JobRunner jobs) {
        this.jobs = jobs;
        this.gatherer = new Thread(this::gather, "lazuli-spark-batcher");
        gatherer.setDaemon(true);
        gatherer.start();
    }

    /** Queues a graph; the future holds its outputs' results, or the first failure among them. */
    CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        Pending pending = new Pending(graph, outputs, new CompletableFuture<>());
        if (closed) {
            pending.result.completeExceptionally(SparkScheduler.closedError());
        } else {
            queue.add(pending);
        }
        return pending.result;
    }

    /** Takes what was queued once a slot is free and hands it to a runner thread. */
    private void gather() {
        while (!closed) {
            List<Pending> batch = new ArrayList<>();
            try {
                slots.acquire();
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch);
            try {
                runners.execute(() -> {
                    try {
                        run(batch);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RejectedExecutionException closing) {
                batch.forEach(p -> p.result.completeExceptionally(SparkScheduler.closedError()));
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result.completeExceptionally(SparkScheduler.closedError());
        }
    }

    private void run(List<Pending> batch) {
        batch.removeIf(p -> p.result.isDone());     // cancelled meanwhile
        if (batch.isEmpty()) {
            return;
        }
        TaskGraph.Builder merged = TaskGraph.builder();
        List<TaskKey> outputs = new ArrayList<>();
        for (Pending p : batch) {
            p.graph.tasks().forEach(merged::add);
            outputs.addAll(p.outputs);
        }
        String group = jobs.newGroup();
        for (Pending p : batch) {
            // once every future of the batch is cancelled, nobody waits for the job: stop it
            p.result.whenComplete((value, error) -> {
                if (error instanceof CancellationException && batch.stream().allMatch(q -> q.result.isCancelled())) {
                    jobs.cancel(group);
                }
            });
        }
        try {
            Map<TaskKey, Object> results = jobs.run(group, merged.build(), outputs.stream().distinct().toList());
            batch.forEach(p -> p.complete(results));
        } catch (Throwable e) {       // whatever happens, every future of the batch completes
            batch.forEach(p -> p.result.completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        gatherer.interrupt();
        runners.shutdownNow();
    }

    /** A graph submitted without waiting. */
    private record Pending(TaskGraph graph, List<TaskKey> outputs, CompletableFuture<Map<TaskKey, Object>> result) {
        void complete(Map<TaskKey, Object> results) {
            Map<TaskKey, Object> mine = new LinkedHashMap<>();
            for (TaskKey output : outputs) {
                Object value = results.get(output);
                if (value instanceof TaskFailure failure) {
                    result.completeExceptionally(new TaskFailedException(failure.key(), failure.cause()));
                    return;
                }
                mine.put(output, value);
            }
            result.complete(mine);
        }
    }
}
