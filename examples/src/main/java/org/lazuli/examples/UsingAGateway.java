package org.lazuli.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;
import org.lazuli.gateway.ClusterOptions;
import org.lazuli.gateway.ClusterReport;
import org.lazuli.gateway.Gateway;
import org.lazuli.gateway.GatewayCluster;
import org.lazuli.gateway.GatewayServer;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;

/**
 * Using a gateway (the lesson's last section): clusters that a gateway starts for you, that keep
 * running when your program (or notebook kernel) ends, and that you reconnect to by name. The
 * tutorial starts a gateway on loopback with a random token; against a running one pass
 * {@code -Dlazuli.gateway=http://host:8000} and the token in {@code LAZULI_GATEWAY_TOKEN}.
 */
public final class UsingAGateway {
    private UsingAGateway() {
    }

    public static void main(String[] args) throws IOException {
        runOnOwnGateway(new long[] {5000, 5000});
    }

    /** What the section computed, for checking against a local run. */
    public record Results(double mean, double[] climatologyPoint, List<Integer> squares, String cluster) {
    }

    /** Starts a gateway of its own on loopback, runs the section and stops the gateway's clusters. */
    public static Results runOnOwnGateway(long[] shape) throws IOException {
        Path state = Files.createTempDirectory("lazuli-gateway-");
        String token = UUID.randomUUID().toString();
        try (GatewayServer server = GatewayServer.builder().port(0).backend("local").user("scientist", token)
                .stateDirectory(state).start()) {
            System.out.println("gateway on " + server.address());
            try {
                return run(server.address(), token, shape);
            } finally {
                server.shutdownClusters();
            }
        } finally {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static Results run(URI address, String token, long[] shape) {
        try (Gateway gw = Gateway.connect(address, token)) {
            ClusterOptions options = gw.clusterOptions().workerCores(1).workerMemory("1GB");
            System.out.println(options);

            List<ClusterReport> clusters = gw.listClusters();
            GatewayCluster cluster = clusters.isEmpty()
                    ? gw.newCluster(options, false)                   // shutdown_on_close=False
                    : gw.connect(clusters.get(0).name());
            // at least one worker, and up to two under load
            cluster.adapt(1, 2);
            System.out.println(cluster + ", dashboard (open with ?token=…): "
                    + cluster.dashboardLink().map(Object::toString).orElse("none"));

            try (Client client = cluster.getClient()) {
                ChunkedArray x = client.persist(ChunkedArray.random(shape, new long[] {1000, 1000}, 42L));
                client.publish("random", x);                         // stays on the cluster after this program
                double mean = x.mean().compute().getDouble();
                System.out.printf("random %s mean = %.6f on %s%n", Arrays.toString(shape), mean, cluster.name());

                double[] point;
                try (Dataset winds = Lazuli.openDataset(ExampleData.winds().toAbsolutePath(), Map.of("TIME", 12))) {
                    DataArray u = winds.get("UWND").sel("TIME", Slice.of("1984-10", "1990-04"));
                    point = u.groupBy("TIME.month").mean("TIME").isel("FNOCY", 36).isel("FNOCX", 72).values().toDoubleArray();
                    System.out.println("monthly climatology of UWND at one point: " + Arrays.toString(point));
                }
                List<Integer> squares = client.gather(client.map(v -> v * v, List.of(1, 2, 3, 4)));
                System.out.println("futures on the gateway's cluster: " + squares + "; published: " + client.listPublished());
                String name = cluster.name();
                cluster.close();                                     // disconnects; the cluster keeps running
                System.out.println("still running after disconnecting: " + gw.listClusters());

                GatewayCluster again = gw.connect(name);             // as a restarted notebook would
                try (Client later = again.getClient()) {
                    ChunkedArray kept = later.getPublished("random");
                    System.out.printf("reconnected: the published array's mean is still %.6f%n", kept.mean().compute().getDouble());
                }
                again.shutdown();
                return new Results(mean, point, squares, name);
            }
        }
    }
}
