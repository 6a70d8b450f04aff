package org.lazuli.gateway;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A cluster as {@link Gateway#listClusters()} reports it (dask-gateway's {@code ClusterReport}).
 *
 * @param name            the name to {@link Gateway#connect(String) connect} to
 * @param status          {@code RUNNING}, {@code STARTING}, {@code STOPPING}, or {@code STOPPED}
 * @param workers         workers running now
 * @param dashboard       the cluster's dashboard, through the gateway (open it with {@code ?token=}, once)
 * @param created         when it was started
 * @param shutdownOnClose whether it stops when its creating client goes
 * @param options         the options it was started with
 * @param backend         where it runs: "local" (a process of its own) or the Spark master of its application
 */
public record ClusterReport(String name, String status, int workers, URI dashboard, Instant created,
                            boolean shutdownOnClose, ClusterOptions options, String backend) {

    /** A report of a local cluster. */
    public ClusterReport(String name, String status, int workers, URI dashboard, Instant created,
                         boolean shutdownOnClose, ClusterOptions options) {
        this(name, status, workers, dashboard, created, shutdownOnClose, options, "local");
    }

    public Optional<URI> dashboardLink() {
        return Optional.ofNullable(dashboard);
    }
}
