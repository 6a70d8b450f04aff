package org.lazuli.io.netcdf;

import java.io.IOException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Items of one read shared with idle helper threads: the caller takes items itself and helpers that
 * are free join in; the caller returns once every item is done and no helper touches the read. When
 * every core is busy no helper is free and the caller does all the work, as it would alone. Helpers
 * ({@code lazuli-decode-N}, daemons) end after a few idle seconds. Unlike a parallel stream on the
 * common fork-join pool, nothing here waits for work another thread has taken from a shared queue.
 */
final class SharedWork {
    /** One item of work, which may fail with an I/O error. */
    @FunctionalInterface
    interface Item {
        void run(int index) throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor HELPERS = new ThreadPoolExecutor(0,
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
            r -> {
                Thread t = new Thread(r, "lazuli-decode-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());   // no helper free: the caller does it

    private final int count;
    private final Item item;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closed;
    private volatile Throwable failure;

    private SharedWork(int count, Item item) {
        this.count = count;
        this.item = item;
    }

    /** Runs {@code item} for every index below {@code count}, on this thread and on helpers that are free. */
    static void run(int count, Item item) throws IOException {
        SharedWork work = new SharedWork(count, item);
        for (int h = Math.min(count - 1, HELPERS.getMaximumPoolSize()); h > 0; h--) {
            HELPERS.execute(work::help);
        }
        work.takeItems();
        work.closed = true;
        synchronized (work) {
            boolean interrupted = false;
            while (work.active.get() > 0) {
                try {
                    work.wait();
                } catch (InterruptedException e) {
                    interrupted = true;   // a helper is mid-item in our output: it finishes first
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failure = work.failure;
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    private void help() {
        active.incrementAndGet();
        try {
            if (!closed) {   // closed: the caller is done and no longer waits for this helper
                takeItems();
            }
        } finally {
            if (active.decrementAndGet() == 0) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    private void takeItems() {
        for (int i = next.getAndIncrement(); i < count && failure == null; i = next.getAndIncrement()) {
            try {
                item.run(i);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
