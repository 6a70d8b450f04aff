package org.lazuli.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lazuli.exec.ResultStore;

/**
 * The results a cluster process keeps for its clients, by id, each with its owners: the sessions
 * that persisted it and the names it is published under. Results with no owner left are dropped
 * (the cluster's own store releases them once unreachable). One per cluster JVM, which is why it is
 * static: handles resolve to it during deserialization.
 */
final class KeptResults {
    private static final Map<String, Kept> BY_ID = new ConcurrentHashMap<>();
    private static final ThreadLocal<Set<String>> RESOLVED = new ThreadLocal<>();

    private record Kept(ResultStore store, Set<String> owners) {
    }

    private KeptResults() {
    }

    /** Keeps {@code store} for {@code owner} and returns the handle clients hold. */
    static RemoteResultStore keep(String cluster, ResultStore store, String owner) {
        String id = Wire.newId();
        Set<String> owners = ConcurrentHashMap.newKeySet();
        owners.add(owner);
        BY_ID.put(id, new Kept(store, owners));
        return new RemoteResultStore(cluster, id);
    }

    /** The kept store of a handle, or the handle where this JVM keeps none under its id. */
    static Object resolve(RemoteResultStore handle) {
        Kept kept = BY_ID.get(handle.id());
        if (kept == null) {
            return handle;
        }
        Set<String> collecting = RESOLVED.get();
        if (collecting != null) {
            collecting.add(handle.id());
        }
        return kept.store();
    }

    /** Runs {@code read} and returns the ids of the kept results it resolved. */
    static Set<String> resolvedBy(ThrowingRunnable read) throws Exception {
        Set<String> ids = new HashSet<>();
        RESOLVED.set(ids);
        try {
            read.run();
        } finally {
            RESOLVED.remove();
        }
        return ids;
    }

    static void addOwner(Set<String> ids, String owner) {
        for (String id : ids) {
            Kept kept = BY_ID.get(id);
            if (kept != null) {
                kept.owners().add(owner);
            }
        }
    }

    /** Drops {@code owner} everywhere; results it alone kept are released. */
    static void release(String owner) {
        for (Map.Entry<String, Kept> e : List.copyOf(BY_ID.entrySet())) {
            Set<String> owners = e.getValue().owners();
            owners.remove(owner);
            if (owners.isEmpty()) {
                BY_ID.remove(e.getKey());
            }
        }
    }

    static void clear() {
        BY_ID.clear();
    }

    static int size() {
        return BY_ID.size();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
