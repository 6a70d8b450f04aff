package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.labelled.Dataset;

/** The reference stores served by the JDK's HTTP server on loopback read as they do from the folder. */
class ZarrHttpTest {
    private HttpServer server;
    private ExecutorService threads;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void serve() throws IOException {
        Path root = ZarrReference.store("blosc_lz4.zarr").getParent();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            try (exchange) {
                if (path.contains("flaky") && failedOnce.add(path)) {   // every key fails once, then succeeds
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                file = Path.of(file.toString().replace("flaky-", ""));
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private URI url(String store) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + store);
    }

    @Test
    void aConsolidatedStoreReadsOverHttpAsFromTheFolder() {
        for (String store : new String[] {"blosc_lz4.zarr", "packed_delta.zarr", "raw.zarr"}) {
            try (Dataset remote = Lazuli.openZarr(url(store))) {
                ZarrReference.check(store, remote, true);
            }
        }
    }

    @Test
    void transientServerErrorsAreRetried() {
        try (Dataset remote = Lazuli.openZarr(url("flaky-blosc_lz4.zarr"));
             Dataset local = Lazuli.openZarr(ZarrReference.store("blosc_lz4.zarr"))) {
            assertArrayEquals(local.get("tas").values().toFloatArray(), remote.get("tas").values().toFloatArray());
        }
        assertTrue(failedOnce.size() > 5, "the server failed " + failedOnce.size() + " requests once each");
    }

    @Test
    void aStoreWithoutConsolidatedMetadataOrServerIsRefusedWithTheUrl() {
        RuntimeException unlisted = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(url("zstd.zarr")));
        assertTrue(unlisted.getMessage().contains("consolidated") && unlisted.getMessage().contains("zstd.zarr"),
                unlisted.getMessage());
        URI nowhere = URI.create("http://127.0.0.1:1/nothing.zarr");
        RuntimeException unreachable = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(nowhere, Map.of()));
        assertTrue(unreachable.getMessage().contains("http://127.0.0.1:1/nothing.zarr")
                && unreachable.getMessage().contains("reachable"), unreachable.getMessage());
    }
}
