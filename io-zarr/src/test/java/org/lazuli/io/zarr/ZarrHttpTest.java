package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;

/** The reference stores served by the JDK's HTTP server on loopback read as they do from the folder. */
class ZarrHttpTest {
    private HttpServer server;
    private ExecutorService threads;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @TempDir
    static Path written;

    private final List<String> ranges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", files(ZarrReference.store("blosc_lz4.zarr").getParent(), "/"));
        server.createContext("/written/", files(written, "/written/"));
        server.createContext("/private/", exchange -> {   // a bucket whose objects need credentials: 403 for every key
            try (exchange) {
                exchange.sendResponseHeaders(403, -1);
            }
        });
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.start();
    }

    /** Serves the files under {@code root}, answering Range requests ("bytes=a-b", "bytes=-n") with 206. */
    private HttpHandler files(Path root, String context) {
        return exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(context.length())).normalize();
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
                String range = exchange.getRequestHeaders().getFirst("Range");
                int status = 200;
                if (range != null) {
                    ranges.add(path + " " + range);
                    String[] bounds = range.substring("bytes=".length()).split("-", -1);
                    int from = bounds[0].isEmpty() ? body.length - Integer.parseInt(bounds[1]) : Integer.parseInt(bounds[0]);
                    int to = bounds[0].isEmpty() || bounds[1].isEmpty() ? body.length - 1 : Integer.parseInt(bounds[1]);
                    body = Arrays.copyOfRange(body, from, to + 1);
                    status = 206;
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        };
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
    void aShardedStoreIsReadWithRangeRequestsForEachIndexAndChunk() {
        Dataset field = ZarrWriteTest.field(16, 8, 0);
        field.toZarr(written.resolve("sharded.zarr"), WriteOptions.defaults().withZarrFormat(3)
                .withEncoding("tas", Map.of("chunks", List.of(4, 3, 5), "shards", List.of(8, 6, 10))));
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/written/sharded.zarr");
        try (Dataset remote = Lazuli.openZarr(url)) {
            assertArrayEquals(field.get("tas").values().toFloatArray(), remote.get("tas").values().toFloatArray());
        }
        // 2 shards of 8 inner chunks, each read by 2 x 2 x 2 tasks: a chunk per task, no whole shard, and each
        // shard's index read once between its tasks (twice at most where two tasks start on a shard together)
        long indexes = ranges.stream().filter(r -> r.contains("bytes=-")).count();
        long chunks = ranges.stream().filter(r -> r.contains("/tas/c/") && !r.contains("bytes=-")).count();
        assertEquals(16, chunks, ranges.toString());
        assertTrue(indexes >= 2 && indexes <= 4, indexes + " index reads: " + ranges);
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
        RuntimeException forbidden = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(url("private/era5.zarr")));
        assertTrue(forbidden.getMessage().contains("403 Forbidden") && forbidden.getMessage().contains("private/era5.zarr")
                && forbidden.getMessage().contains("credentials"), forbidden.getMessage());
        URI nowhere = URI.create("http://127.0.0.1:1/nothing.zarr");
        RuntimeException unreachable = assertThrows(RuntimeException.class, () -> Lazuli.openZarr(nowhere, Map.of()));
        assertTrue(unreachable.getMessage().contains("http://127.0.0.1:1/nothing.zarr")
                && unreachable.getMessage().contains("reachable"), unreachable.getMessage());
    }
}
