/**
 * The dashboard (dask's): found by a local cluster as a {@link org.lazuli.cluster.DashboardProvider}
 * service, so it exports nothing.
 */
module org.lazuli.dashboard {
    requires org.lazuli.core;
    requires com.fasterxml.jackson.databind;
    requires java.management;
    requires jdk.httpserver;

    provides org.lazuli.cluster.DashboardProvider with org.lazuli.dashboard.DashboardProviderImpl;
}
