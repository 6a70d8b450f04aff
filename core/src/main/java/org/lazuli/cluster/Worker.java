package org.lazuli.cluster;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One worker of a local cluster: a pool of threads and the memory of the results it holds. */
final class Worker {
    final String name;
    final int threads;
    final WorkerMemory memory;
    final ThreadPoolExecutor pool;
    final AtomicInteger processing = new AtomicInteger();
    final AtomicInteger runners = new AtomicInteger();
    final AtomicLong done = new AtomicLong();
    private volatile boolean retired;

    Worker(String name, int threads, WorkerMemory memory, ThreadGroup group) {
        this.name = name;
        this.threads = threads;
        this.memory = memory;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(group, r, name + "-thread-" + count.incrementAndGet());
            t.setDaemon(true);
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
                processing.get(), done.get());
    }
}
