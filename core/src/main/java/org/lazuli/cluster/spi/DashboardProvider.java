package org.lazuli.cluster.spi;

import java.net.URI;
import org.lazuli.cluster.Cluster;

/**
 * The dashboard module's entry point, found with {@link java.util.ServiceLoader}: a cluster starts a
 * dashboard when one is on the class path (register the implementation in
 * {@code META-INF/services/org.lazuli.cluster.spi.DashboardProvider}).
 */
public interface DashboardProvider {

    /** Starts a dashboard for a cluster at an address such as ":8787" or "127.0.0.1:0". */
    Dashboard start(Cluster cluster, String address);

    /** A running dashboard. */
    interface Dashboard extends AutoCloseable {
        /** Where to point a browser (including its access token). */
        URI link();

        @Override
        void close();
    }
}
