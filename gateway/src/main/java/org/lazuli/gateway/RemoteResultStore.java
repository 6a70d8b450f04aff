package org.lazuli.gateway;

import java.io.ObjectStreamException;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.TaskKey;

/**
 * A client's handle on results persisted by a gateway's cluster. Sent back to the cluster inside a
 * graph, it becomes the cluster's own store again ({@link #readResolve()}), so tasks read the blocks
 * where they are held; in a client's JVM it only names them.
 */
final class RemoteResultStore implements ResultStore {
    private static final long serialVersionUID = 1L;

    private final String cluster;
    private final String id;

    RemoteResultStore(String cluster, String id) {
        this.cluster = cluster;
        this.id = id;
    }

    String id() {
        return id;
    }

    @Override
    public Object get(TaskKey key) {
        throw new IllegalStateException("The persisted result " + key + " is held by the gateway's cluster " + cluster
                + " (results " + id + "), not in this JVM: compute it with a client of that cluster"
                + " (gateway.connect(\"" + cluster + "\").getClient())");
    }

    /** On the cluster, the results themselves; anywhere else this handle. */
    private Object readResolve() throws ObjectStreamException {
        return KeptResults.resolve(this);
    }

    @Override
    public String toString() {
        return "RemoteResultStore[" + cluster + ", " + id + "]";
    }
}
