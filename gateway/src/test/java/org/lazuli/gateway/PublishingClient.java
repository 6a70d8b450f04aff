package org.lazuli.gateway;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;
import org.lazuli.labelled.Dataset;

/**
 * A client JVM of the gateway tests: creates a cluster, persists and publishes a random array on it,
 * writes the cluster's name to a file, then exits ("exit": the array is 2 GiB of float64) or waits to
 * be killed ("hold", with a shutdownOnClose cluster and a small array).
 */
public final class PublishingClient {
    /** 2^28 float64: 2 GiB, in 64 chunks of 32 MiB. */
    static final long[] SHAPE = {16384, 16384};
    static final long[] CHUNKS = {2048, 2048};
    static final long[] HELD_SHAPE = {2000, 1500};
    static final long[] HELD_CHUNKS = {500, 500};
    static final long SEED = 20261202L;
    static final Path WINDS = Path.of("..", "testdata", "monthly_navy_winds.cdf");

    private PublishingClient() {
    }

    public static void main(String[] args) throws Exception {
        URI address = URI.create(args[0]);
        Path nameFile = Path.of(args[1]);
        boolean hold = args[2].equals("hold");
        Gateway gw = Gateway.connect(address, GatewayFixture.ALICE);
        // each worker keeps half the array, under the 60% of its memory past which it would spill
        GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(2).workerCores(1)
                .workerMemory(hold ? "256MB" : "2GB"), hold);
        Client client = cluster.getClient();
        ChunkedArray x = client.persist(hold ? ChunkedArray.random(HELD_SHAPE, HELD_CHUNKS, SEED)
                : ChunkedArray.random(SHAPE, CHUNKS, SEED));
        client.publish("x", x);
        Dataset winds = client.persist(Lazuli.openDataset(WINDS, Map.of("TIME", 12)));
        client.publish("winds", winds);
        Files.writeString(nameFile.resolveSibling(nameFile.getFileName() + ".tmp"), cluster.name());
        Files.move(nameFile.resolveSibling(nameFile.getFileName() + ".tmp"), nameFile);
        if (hold) {
            Thread.sleep(Long.MAX_VALUE);
        }
        client.close();
        gw.close();
        System.exit(0);
    }
}
