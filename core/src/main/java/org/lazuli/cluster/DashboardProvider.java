package org.lazuli.cluster;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The dashboard module's entry point, found with {@link java.util.ServiceLoader}: a cluster starts a
 * dashboard when one is on the class path (register the implementation in
 * {@code META-INF/services/org.lazuli.cluster.DashboardProvider}).
 */
public interface DashboardProvider {

    /**
     * Starts a dashboard for a cluster.
     *
     * @param address      ":8787" (loopback, next free port if taken), "127.0.0.1:0", "0.0.0.0:8787" …
     * @param requireToken whether every request must carry the dashboard's random access token
     */
    Dashboard start(Cluster cluster, String address, boolean requireToken);

    /**
     * Starts the first dashboard found on the class path for a cluster; none when there is none or
     * {@code address} is null or "none". For cluster implementations.
     */
    static Optional<Dashboard> startFirst(Cluster cluster, String address, boolean requireToken) {
        if (address == null || address.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        for (DashboardProvider provider : ServiceLoader.load(DashboardProvider.class)) {
            return Optional.of(provider.start(cluster, address, requireToken));
        }
        return Optional.empty();
    }

    /** A running dashboard. */
    interface Dashboard extends AutoCloseable {
        /** Where to point a browser (including its access token). */
        URI link();

        @Override
        void close();
    }
}
