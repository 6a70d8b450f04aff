package org.lazuli.cluster;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.lazuli.text.ByteSizes;
import org.lazuli.graph.Sized;
import org.lazuli.graph.TaskKey;

/**
 * The results one worker holds, with their bytes accounted. Past the target fraction of the limit the
 * least recently used results are written to disk and read back when needed; past the pause fraction
 * the worker starts no new task. A single result larger than the limit fails its task.
 *
 * <p>Thread-safe (one lock per worker).
 */
final class WorkerMemory {
    private static final AtomicLong FILES = new AtomicLong();

    private final String worker;
    private final long limit;
    private final double target;
    private final double pause;
    private final Path spillDirectory;
    private final EventStream events;
    /** The JVM's heap, shared by every worker of the cluster; null for none. */
    private final HeapMonitor heap;
    private final LinkedHashMap<Held, Boolean> inMemory = new LinkedHashMap<>(16, 0.75f, true);
    /** Results whose value is only on disk. */
    private final Set<Held> onDisk = new HashSet<>();
    /** Results held (in memory or spilled) by key prefix, for progress bars. */
    private final HashMap<String, Long> heldByPrefix = new HashMap<>();
    private long bytesInMemory;
    private long bytesSpilled;

    WorkerMemory(String worker, long limit, double target, double pause, Path spillDirectory, EventStream events,
                 HeapMonitor heap) {
        this.heap = heap;
        this.worker = worker;
        this.limit = limit;
        this.target = target;
        this.pause = pause;
        this.spillDirectory = spillDirectory;
        this.events = events;
    }

    /** A result held by a worker: in memory, or in a spill file. */
    static final class Held implements Sized {
        final TaskKey key;
        final long bytes;
        final WorkerMemory owner;
        private Object value;
        private Path file;
        private boolean released;

        Held(TaskKey key, Object value, long bytes, WorkerMemory owner) {
            this.key = key;
            this.value = value;
            this.bytes = bytes;
            this.owner = owner;
        }

        @Override
        public long nbytes() {
            return bytes;
        }

        /** The value, read back from disk if it was spilled. */
        Object value() {
            return owner.valueOf(this);
        }

        void release() {
            owner.release(this);
        }

        /** Whether the value is on disk only. */
        boolean isSpilled() {
            synchronized (owner) {
                return value == null && file != null;
            }
        }

        /** Whether the worker let it go (released, or dropped by a restart or close). */
        boolean isReleased() {
            synchronized (owner) {
                return released;
            }
        }
    }

    long limit() {
        return limit;
    }

    synchronized long bytesInMemory() {
        return bytesInMemory;
    }

    synchronized long bytesSpilled() {
        return bytesSpilled;
    }

    /** Adds the number of results this worker holds, by key prefix, to {@code counts}. */
    synchronized void countHeldByPrefix(Map<String, Long> counts) {
        heldByPrefix.forEach((prefix, n) -> counts.merge(prefix, n, Long::sum));
    }

    /** Accounts a new result; spills others if needed. */
    Held hold(TaskKey key, Object value) {
        long bytes = value instanceof Sized sized ? sized.nbytes() : 0;
        if (bytes > limit) {
            throw new MemoryLimitExceededException(key, bytes, limit);
        }
        Held held = new Held(key, value, bytes, this);
        synchronized (this) {
            inMemory.put(held, Boolean.TRUE);
            bytesInMemory += bytes;
            heldByPrefix.merge(key.prefix(), 1L, Long::sum);
        }
        spillIfNeeded();
        return held;
    }

    private synchronized Object valueOf(Held held) {
        if (held.released) {
            throw new IllegalStateException("The result of " + held.key + " was released by " + worker
                    + " (the cluster was restarted or closed, or nothing needed it any more)");
        }
        if (held.value != null || held.file == null) {
            if (held.value != null) {
                inMemory.get(held);   // touch: most recently used
            }
            return held.value;
        }
        long start = System.nanoTime();
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(held.file)))) {
            Object value = in.readObject();
            if (events.isActive()) {
                events.publish(new SchedulerEvent.Unspilled(held.key, worker, Thread.currentThread().getName(), start,
                        System.nanoTime(), held.bytes));
            }
            return value;   // read back for this use; the copy on disk stays until the result is released
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException("Cannot read back the spilled result of " + held.key + " from " + held.file,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The result is no longer needed: forget it and delete its spill file. */
    synchronized void release(Held held) {
        if (held.released) {
            return;
        }
        held.released = true;
        heldByPrefix.computeIfPresent(held.key.prefix(), (prefix, n) -> n > 1 ? n - 1 : null);
        if (inMemory.remove(held) != null) {
            bytesInMemory -= held.bytes;
        }
        deleteSpillFile(held);
        held.value = null;
        notifyAll();
    }

    /** Holds the lock. */
    private void deleteSpillFile(Held held) {
        if (held.file != null) {
            onDisk.remove(held);
            bytesSpilled -= held.bytes;
            try {
                Files.deleteIfExists(held.file);
            } catch (IOException ignored) {
                // the spill directory is deleted when the cluster closes
            }
            held.file = null;
        }
    }

    /**
     * Writes least recently used results to disk until memory is under the target fraction, and while
     * the heap monitor says the JVM's heap holds more than its spill fraction. Each result is tried once
     * per call: one that cannot be written (not serializable, a full disk) stays in memory.
     */
    void spillIfNeeded() {
        int attempts;
        synchronized (this) {
            attempts = inMemory.size();
        }
        for (; attempts > 0; attempts--) {
            Held victim;
            synchronized (this) {
                if (inMemory.isEmpty()) {
                    return;
                }
                Iterator<Held> eldest = inMemory.keySet().iterator();
                victim = eldest.next();
                boolean overLimit = bytesInMemory > target * limit;
                if (!overLimit && !(victim.bytes > 0 && heap != null && heap.claimSpill(victim.bytes))) {
                    return;
                }
                eldest.remove();
                bytesInMemory -= victim.bytes;
            }
            spill(victim);
        }
    }

    /**
     * Spills every result held in memory, whatever the limits say: after a task ran out of heap, so that
     * it can be tried again with the heap those results held (their large arrays freed, not fragmenting
     * it). Returns the bytes spilled.
     */
    long spillAll() {
        long spilled = 0;
        while (true) {
            Held victim;
            synchronized (this) {
                Iterator<Held> eldest = inMemory.keySet().iterator();
                if (!eldest.hasNext()) {
                    return spilled;
                }
                victim = eldest.next();
                eldest.remove();
                bytesInMemory -= victim.bytes;
            }
            spill(victim);
            synchronized (this) {
                if (inMemory.containsKey(victim)) {
                    return spilled;   // could not be written (not serializable, a full disk): nothing more to gain
                }
            }
            spilled += victim.bytes;
        }
    }

    private void spill(Held held) {
        long start = System.nanoTime();
        Object value;
        synchronized (this) {
            value = held.value;
        }
        if (value == null) {
            return;
        }
        Path file;
        try {
            Files.createDirectories(spillDirectory);
            file = spillDirectory.resolve(worker + "-" + FILES.incrementAndGet() + ".bin");
            try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16))) {
                out.writeObject(value);
            }
        } catch (IOException e) {
            synchronized (this) {   // keep it in memory: spilling is an optimisation, not a requirement
                inMemory.put(held, Boolean.TRUE);
                bytesInMemory += held.bytes;
            }
            return;
        }
        synchronized (this) {
            if (held.released) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // deleted with the directory
                }
                return;
            }
            held.file = file;
            held.value = null;
            onDisk.add(held);
            bytesSpilled += held.bytes;
        }
        if (events.isActive()) {
            events.publish(new SchedulerEvent.Spilled(held.key, worker, Thread.currentThread().getName(), start,
                    System.nanoTime(), held.bytes));
        }
    }

    /** Past the pause fraction: the worker should not start new tasks. */
    boolean paused() {
        synchronized (this) {
            if (bytesInMemory > pause * limit) {
                return true;
            }
        }
        return heap != null && heap.pausing();   // outside the lock: it may ask for a collection
    }

    /** Waits (briefly) for memory to drop below the pause fraction. */
    synchronized void awaitBelowPause(long millis) throws InterruptedException {
        wait(millis);
    }

    /** Drops everything, in memory and on disk (restart or close). */
    synchronized void clear() {
        for (Held held : inMemory.keySet()) {
            held.released = true;
            held.value = null;
        }
        for (Held held : List.copyOf(onDisk)) {
            held.released = true;
            deleteSpillFile(held);
        }
        inMemory.clear();
        heldByPrefix.clear();
        bytesInMemory = 0;
        bytesSpilled = 0;
    }

    @Override
    public synchronized String toString() {
        return worker + ": " + ByteSizes.format(bytesInMemory) + " in memory, "
                + ByteSizes.format(bytesSpilled) + " spilled, limit " + ByteSizes.format(limit);
    }
}
