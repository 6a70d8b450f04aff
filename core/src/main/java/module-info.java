/**
 * Lazuli's core: labelled datasets over chunked arrays, the schedulers and the local cluster. Exported
 * are the packages a user or a plug-in writes against; the reduction kernels and the text helpers are
 * not API.
 */
@SuppressWarnings("module")   // the modules text is exported to are built after this one
module org.lazuli.core {
    requires java.logging;
    requires java.management;
    requires jdk.management;

    exports org.lazuli;
    exports org.lazuli.array;
    exports org.lazuli.labelled;
    exports org.lazuli.time;
    exports org.lazuli.io.spi;
    exports org.lazuli.cluster;
    exports org.lazuli.exec;
    exports org.lazuli.graph;
    // byte sizes and HTML text as the dashboard, Spark and the gateway show them
    exports org.lazuli.text to org.lazuli.dashboard, org.lazuli.spark, org.lazuli.gateway;

    uses org.lazuli.io.spi.DatasetBackend;
    uses org.lazuli.cluster.DashboardProvider;
}
