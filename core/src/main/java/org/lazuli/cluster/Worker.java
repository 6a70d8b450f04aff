package org.lazuli.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lazuli.exec.WorkerThreadReplaced;

/** One worker of a local cluster: a pool of threads and the memory of the results it holds. */
final class Worker {
    final String name;
    final int threads;
    final WorkerMemory memory;
    final ThreadPoolExecutor pool;
    final AtomicInteger processing = new AtomicInteger();
    final AtomicInteger runners = new AtomicInteger();
    final AtomicLong done = new AtomicLong();
    /** Every thread the pool started (it keeps its core threads, so there are {@code threads} at most). */
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private volatile boolean retired;

    Worker(String name, int threads, WorkerMemory memory, ThreadGroup group) {
        this.name = name;
        this.threads = threads;
        this.memory = memory;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(group, r, name + "-thread-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(WorkerThreadReplaced::ignore);
            started.add(t);
            return t;
        });
    }

    boolean isRetired() {
        return retired;
    }

    /** Stops taking work; running tasks finish. */
    void retire() {
        retired = true;
        pool.shutdown();
    }

    /** Stops the threads, interrupting running tasks, and waits for them. */
    boolean stop(long millis) throws InterruptedException {
        retired = true;
        pool.shutdownNow();
        return pool.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    Cluster.WorkerInfo info() {
        return new Cluster.WorkerInfo(name, threads, memory.limit(), memory.bytesInMemory(), memory.bytesSpilled(),
                processing.get(), done.get(), cpuNanos());
    }

    /** CPU time of the worker's threads (-1 where the JVM does not measure it). */
    private long cpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isThreadCpuTimeSupported() || !bean.isThreadCpuTimeEnabled()) {
            return -1;
        }
        long total = 0;
        for (Thread t : started) {
            total += Math.max(0, bean.getThreadCpuTime(t.getId()));   // -1 once a thread has ended
        }
        return total;
    }
}
