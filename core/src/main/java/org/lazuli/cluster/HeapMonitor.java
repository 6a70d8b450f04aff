package org.lazuli.cluster;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's heap as garbage collections leave it, against its maximum: dask's worker memory monitor,
 * which watches the process's RSS, for a JVM where every worker of a local cluster shares one heap.
 * The workers' own accounting only knows the results they hold; this sees everything else too (user
 * data, caches, other clusters). Past the spill fraction workers spill what the heap holds beyond it;
 * past the pause fraction they start no task while they hold something to spill.
 *
 * <p>Readings come from garbage-collection notifications, so an idle JVM costs nothing. Thread-safe.
 * {@link #close()} unregisters from the collectors.
 */
final class HeapMonitor implements AutoCloseable {
    private static final Set<String> HEAP_POOLS = heapPoolNames();

    private final long max;
    private final double spillFraction;
    private final double pauseFraction;
    private final LongSupplier heldInMemory;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onCollection;
    private volatile long heapAfterGc;
    /** Bytes workers should still spill to bring the heap back to the spill fraction (reset by every collection). */
    private final AtomicLong toSpill = new AtomicLong();
    private volatile long lastGcRequestNanos;

    /**
     * @param heldInMemory the bytes the cluster's workers hold in memory: what spilling can free
     */
    HeapMonitor(double spillFraction, double pauseFraction, LongSupplier heldInMemory) {
        this.max = Runtime.getRuntime().maxMemory();
        this.spillFraction = spillFraction;
        this.pauseFraction = pauseFraction;
        this.heldInMemory = heldInMemory;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private static Set<String> heapPoolNames() {
        Set<String> names = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return Set.copyOf(names);
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        heapAfterGc = used;
        toSpill.set(Math.max(0, used - (long) (spillFraction * max)));
    }

    /** The heap in use after the latest collection. */
    long heapAfterGc() {
        return heapAfterGc;
    }

    long max() {
        return max;
    }

    /**
     * Takes up to {@code bytes} of what must still be spilled; the worker spilling them calls this
     * before each result it writes out, so that workers together spill the excess once.
     */
    boolean claimSpill(long bytes) {
        while (true) {
            long left = toSpill.get();
            if (left <= 0) {
                return false;
            }
            if (toSpill.compareAndSet(left, Math.max(0, left - bytes))) {
                return true;
            }
        }
    }

    /**
     * Whether workers should start no new task: the heap was past the pause fraction after the latest
     * collection and still is, and the workers hold results in memory that spilling can free (with
     * none, pausing could only wait forever). A long pause asks for a collection, at most once a
     * second, so that the reading follows what spilling freed.
     */
    boolean pausing() {
        long limit = (long) (pauseFraction * max);
        if (heapAfterGc <= limit || heldInMemory.getAsLong() == 0) {
            return false;
        }
        Runtime runtime = Runtime.getRuntime();
        if (runtime.totalMemory() - runtime.freeMemory() <= limit) {
            return false;   // garbage included, the heap is below the limit now
        }
        long now = System.nanoTime();
        if (now - lastGcRequestNanos > 1_000_000_000L) {
            lastGcRequestNanos = now;
            System.gc();
        }
        return true;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }
}
