package org.lazuli.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;

/** Tokens before anything else: no token, a wrong one, another user's; options checked on the server. */
class GatewaySecurityTest {
    @TempDir
    static Path tmp;
    private static GatewayFixture fixture;
    private static Gateway alice;
    private static GatewayCluster cluster;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture(tmp.resolve("state"));
        alice = fixture.alice();
        cluster = alice.newCluster(alice.clusterOptions().workers(1).workerMemory("256MB"), true);
    }

    @AfterAll
    static void stop() {
        alice.close();
        fixture.close();
    }

    @Test
    void theGatewayRefusesRequestsWithoutAValidToken() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(api("/clusters")).GET());
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("needs a token"), none.body());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(api("/clusters")).header("Authorization", "Bearer not-a-token").GET());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("not valid"), wrong.body());
        HttpResponse<String> create = send(HttpRequest.newBuilder(api("/clusters"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"options\":{}}")));
        assertEquals(401, create.statusCode());

        GatewayException refused = assertThrows(GatewayException.class,
                () -> Gateway.connect(fixture.server.address(), "a-wrong-token-of-some-length"));
        assertEquals(401, refused.status());
    }

    @Test
    void usersSeeAndReachOnlyTheirOwnClusters() throws Exception {
        try (Gateway bob = Gateway.connect(fixture.server.address(), GatewayFixture.BOB)) {
            assertEquals(List.of(), bob.listClusters());
            GatewayException connect = assertThrows(GatewayException.class, () -> bob.connect(cluster.name()));
            assertEquals(403, connect.status());
            assertTrue(connect.getMessage().contains("belongs to another user"), connect.getMessage());
            HttpResponse<String> delete = send(HttpRequest.newBuilder(api("/clusters/" + cluster.name()))
                    .header("Authorization", "Bearer " + GatewayFixture.BOB).DELETE());
            assertEquals(403, delete.statusCode());
            GatewayException missing = assertThrows(GatewayException.class, () -> bob.connect("nobody-123"));
            assertEquals(404, missing.status());
        }
        assertEquals(List.of(cluster.name()), alice.listClusters().stream().map(ClusterReport::name).toList());
    }

    @Test
    void theClusterDeserializesNothingUnauthenticated() throws Exception {
        ClusterRecord record = ClusterRecord.read(ClusterRecord.file(fixture.state, cluster.name()));
        URI execute = URI.create("http://127.0.0.1:" + record.port() + "/sessions/any/execute");
        byte[] payload = Wire.serialize(new HashMap<>(Map.of("a", 1)));
        long before = deserialized(record);
        HttpResponse<String> none = send(HttpRequest.newBuilder(execute).POST(HttpRequest.BodyPublishers.ofByteArray(payload)));
        assertEquals(401, none.statusCode());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(execute).header("Authorization", "Bearer " + GatewayFixture.ALICE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)));
        assertEquals(401, wrong.statusCode(), "the user's gateway token is not the cluster's token");
        assertEquals(before, deserialized(record));

        try (Client client = cluster.getClient()) {
            assertEquals(12.0, ChunkedArray.ones(new long[]{3, 4}, new long[]{2, 2}).sum().compute().getDouble());
        }
        assertEquals(before + 1, deserialized(record), "one authenticated graph, one deserialization");
    }

    @Test
    void optionsOutOfRangeAreRefusedWithTheRange() {
        ClusterOptions.Limits limits = alice.clusterOptions().limits();
        GatewayException workers = assertThrows(GatewayException.class,
                () -> alice.newCluster(alice.clusterOptions().workers(limits.maxWorkers() + 1), true));
        assertEquals(400, workers.status());
        assertTrue(workers.getMessage().contains("workers=" + (limits.maxWorkers() + 1) + " is outside the allowed range 1.."
                + limits.maxWorkers()), workers.getMessage());
        GatewayException memory = assertThrows(GatewayException.class,
                () -> alice.newCluster(alice.clusterOptions().workerMemory("lots"), true));
        assertTrue(memory.getMessage().contains("workerMemory=\"lots\" is not a size"), memory.getMessage());
        GatewayException tooMuch = assertThrows(GatewayException.class,
                () -> alice.newCluster(alice.clusterOptions().workerMemory("100TB"), true));
        assertTrue(tooMuch.getMessage().contains("workerMemory=100TB is outside the allowed range ")
                && !tooMuch.getMessage().contains(".67 "), "the range reads as written: " + tooMuch.getMessage());
        GatewayException cores = assertThrows(GatewayException.class,
                () -> alice.newCluster(alice.clusterOptions().workerCores(0), true));
        assertTrue(cores.getMessage().contains("workerCores=0 is outside the allowed range 1.."), cores.getMessage());
        GatewayException scale = assertThrows(GatewayException.class, () -> cluster.scale(limits.maxWorkers() + 5));
        assertEquals(400, scale.status());
    }

    @Test
    void theDashboardIsReachedThroughTheGatewayWithTheUsersToken() throws Exception {
        URI link = cluster.dashboardLink().orElseThrow();
        assertEquals(401, send(HttpRequest.newBuilder(link).GET()).statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(URI.create(link + "?token=" + GatewayFixture.BOB)).GET()).statusCode());
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(link + "?token=" + GatewayFixture.ALICE)).GET());
        assertEquals(302, login.statusCode());
        String cookies = String.join("; ", login.headers().allValues("Set-Cookie").stream().map(c -> c.split(";")[0]).toList());
        HttpResponse<String> info = send(HttpRequest.newBuilder(fixture.server.address().resolve("/api/info"))
                .header("Cookie", cookies).GET());
        assertEquals(200, info.statusCode(), info.body());
        assertTrue(info.body().contains("lazuli-cluster"), info.body());
        HttpResponse<String> page = send(HttpRequest.newBuilder(fixture.server.address().resolve("/status")).header("Cookie", cookies).GET());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/static/app.js"), page.body());
        assertEquals(401, send(HttpRequest.newBuilder(fixture.server.address().resolve("/api/info")).GET()).statusCode());
    }

    private static long deserialized(ClusterRecord record) throws Exception {
        HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + record.port() + "/status"))
                .header("Authorization", "Bearer " + record.token()).GET());
        return ((Number) Wire.JSON.readValue(status.body(), Map.class).get("deserialized")).longValue();
    }

    private static URI api(String path) {
        return fixture.server.address().resolve(GatewayServer.API + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
