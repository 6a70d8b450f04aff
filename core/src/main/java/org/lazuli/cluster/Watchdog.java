package org.lazuli.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.lazuli.exec.GraphRun;

/**
 * Reports computations of a local cluster that make no progress: no task started or finished for
 * the stall timeout while the computation is unfinished. The report is a {@code STALLED} event and a
 * warning in the log, both carrying the cluster's state dump (what runs where, what waits for what,
 * which workers are paused for memory), once per stall. The computation is left alone: a task that
 * is merely slow resumes progress and ends the stall.
 *
 * <p>One daemon thread per cluster, waking a few times per timeout; {@link #close()} stops it.
 */
final class Watchdog implements AutoCloseable {
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());

    private final LocalCluster cluster;
    private final ClusterScheduler scheduler;
    private final long timeoutNanos;
    private final Thread thread;

    Watchdog(LocalCluster cluster, ClusterScheduler scheduler, Duration timeout) {
        this.cluster = cluster;
        this.scheduler = scheduler;
        this.timeoutNanos = timeout.toNanos();
        long periodMillis = Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
        this.thread = new Thread(() -> watch(periodMillis), cluster.name() + "-watchdog");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void watch(long periodMillis) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(periodMillis);
                check(System.nanoTime());
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {   // the watchdog must outlive whatever it finds
                LOG.log(System.Logger.Level.WARNING, "The watchdog of " + cluster.name() + " failed a check", e);
            }
        }
    }

    private void check(long now) {
        List<GraphRun<Worker>> stalled = scheduler.stalledRuns(now, timeoutNanos);
        if (stalled.isEmpty()) {
            return;
        }
        String dump = cluster.dumpState();
        for (GraphRun<Worker> run : stalled) {
            long since = run.lastProgressNanos();
            String message = "A computation on " + cluster.name() + " has made no progress for "
                    + String.format(Locale.ROOT, "%.1f", (now - since) / 1e9) + " s (" + run.progressText() + "). State:\n" + dump;
            LOG.log(System.Logger.Level.WARNING, message);
            cluster.publish(new SchedulerEvent.Stalled(run.lastKey(), since, now, message));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
