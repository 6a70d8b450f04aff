package org.lazuli.exec;

import java.util.Objects;

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

    /** Restores the previous default when closed. */
    @FunctionalInterface
    public interface Installation extends AutoCloseable {
        @Override
        void close();
    }
}
