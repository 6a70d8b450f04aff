package org.lazuli.dashboard;

import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.DashboardProvider;

/** Starts {@link DashboardServer}s for clusters (registered for {@link java.util.ServiceLoader}). */
public final class DashboardProviderImpl implements DashboardProvider {
    @Override
    public Dashboard start(Cluster cluster, String address, boolean requireToken) {
        return DashboardServer.start(cluster, address, requireToken);
    }
}
