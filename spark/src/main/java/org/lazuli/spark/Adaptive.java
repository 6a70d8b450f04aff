package org.lazuli.spark;

/**
 * {@link SparkCluster#adapt(int, int)}: once a second, asks for enough executors to give every
 * outstanding Spark task a core (within the bounds); releases executors only after the work has
 * needed fewer for a few seconds, so a pause between two jobs does not tear the cluster down.
 */
final class Adaptive implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 1000;
    private static final int CHECKS_BEFORE_SCALING_DOWN = 5;

    private final SparkCluster cluster;
    private final int minimum;
    private final int maximum;
    private final Thread thread;
    private volatile boolean closed;

    Adaptive(SparkCluster cluster, int minimum, int maximum) {
        this.cluster = cluster;
        this.minimum = minimum;
        this.maximum = maximum;
        this.thread = new Thread(this::loop, "lazuli-spark-adapt");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        int target = -1;
        int lowChecks = 0;
        while (!closed) {
            try {
                int wanted = wanted(cluster.tasksOutstanding(), cluster.coresPerExecutor(), minimum, maximum);
                if (target < 0 || wanted > target) {
                    cluster.resize(wanted);
                    target = wanted;
                    lowChecks = 0;
                } else if (wanted < target) {
                    if (++lowChecks >= CHECKS_BEFORE_SCALING_DOWN) {
                        cluster.resize(wanted);
                        target = wanted;
                        lowChecks = 0;
                    }
                } else {
                    lowChecks = 0;
                }
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;     // the context stopped under us
                }
            }
        }
    }

    /** Executors for {@code outstanding} tasks at {@code cores} each, within the bounds. */
    static int wanted(int outstanding, int cores, int minimum, int maximum) {
        int needed = (outstanding + cores - 1) / cores;
        return Math.max(minimum, Math.min(maximum, needed));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
