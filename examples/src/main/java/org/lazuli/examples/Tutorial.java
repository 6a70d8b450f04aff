package org.lazuli.examples;

import java.io.IOException;
import java.net.URI;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.LocalCluster;

/**
 * The tutorial end to end, on embedded defaults: a local cluster (as dask's
 * {@code Client(processes=False, threads_per_worker=4, n_workers=1, memory_limit='2GB')}) running
 * every section, then the last one on a Spark standalone cluster it starts on loopback (or on the
 * cluster named by {@code -Dlazuli.spark.master=spark://host:7077}), and on a gateway's cluster (a gateway
 * it starts, or the one named by {@code -Dlazuli.gateway=http://host:8000}). Each section is its own class so
 * it can be read (and run) alone.
 */
public final class Tutorial {
    private Tutorial() {
    }

    public static void main(String[] args) throws IOException {
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(4).memoryLimit("2GB").start();
             Client client = Client.connect(cluster)) {
            System.out.println(client);
            System.out.println("dashboard: " + client.dashboardLink().map(Object::toString).orElse("(module not present)"));
            System.out.println();
            System.out.println("== Chunked arrays ==");
            ChunkedArrays.run();
            System.out.println();
            System.out.println("== Labelled data from a NetCDF file ==");
            LabelledData.run();
            System.out.println();
            System.out.println("== ND4J interop and BLAS ==");
            LinearAlgebra.run();
            System.out.println();
            System.out.println("== Delayed values and futures ==");
            ClusterAndFutures.run(client);
        }
        System.out.println();
        System.out.println("== Using a remote cluster (Spark) ==");
        String master = System.getProperty("lazuli.spark.master");
        if (master != null) {
            RemoteCluster.run(master, new long[] {20000, 20000});
        } else {
            RemoteCluster.runOnStandalone(new long[] {20000, 20000});
        }
        System.out.println();
        System.out.println("== Using a gateway ==");
        String gateway = System.getProperty("lazuli.gateway");
        if (gateway != null) {
            UsingAGateway.run(URI.create(gateway), System.getenv("LAZULI_GATEWAY_TOKEN"), new long[] {5000, 5000});
        } else {
            UsingAGateway.runOnOwnGateway(new long[] {5000, 5000});
        }
    }
}
