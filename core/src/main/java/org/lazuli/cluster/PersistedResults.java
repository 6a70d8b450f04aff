package org.lazuli.cluster;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.TaskKey;

/**
 * Persisted results left with the local cluster's workers that computed them: read where they are
 * (from memory, or back from a spill file), accounted and spillable like any held result. They are
 * released when this handle becomes unreachable; a restart or close of the cluster drops them.
 *
 * <p>The handle is serializable as a {@link ResultStore} must be, but the results live in this JVM:
 * a copy in another JVM has none and says so.
 */
final class PersistedResults implements ResultStore {
    private static final long serialVersionUID = 1L;
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "lazuli-persisted-results-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final String cluster;
    private final transient Map<TaskKey, WorkerMemory.Held> held;

    PersistedResults(String cluster, Map<TaskKey, WorkerMemory.Held> held) {
        this.cluster = cluster;
        this.held = Map.copyOf(held);
        List<WorkerMemory.Held> toRelease = List.copyOf(held.values());   // the action must not reach this handle
        CLEANER.register(this, () -> toRelease.forEach(WorkerMemory.Held::release));
    }

    @Override
    public Object get(TaskKey key) {
        if (held == null) {
            throw new IllegalStateException("The persisted result " + key + " is held by " + cluster
                    + " in the JVM that persisted it, not here; persist on a cluster this JVM can reach (Spark)");
        }
        WorkerMemory.Held result = held.get(key);
        if (result == null) {
            throw new IllegalArgumentException("No persisted result " + key + " on " + cluster);
        }
        if (result.isReleased()) {
            throw new IllegalStateException("The persisted result " + key + " was dropped when " + cluster
                    + " was restarted or closed; persist again");
        }
        return result.value();
    }

    /** The bytes held, in memory or spilled. */
    long bytes() {
        return held == null ? 0 : held.values().stream().mapToLong(h -> h.bytes).sum();
    }

    @Override
    public String toString() {
        return "PersistedResults[" + cluster + ", " + (held == null ? "elsewhere" : held.size() + " results") + "]";
    }
}
