package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lazuli.cluster.LocalCluster;

/** The dashboard records the cluster's events only while somebody watches (no browser needed). */
class DashboardRecordingTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private int get(URI uri, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (session != null) {
            request.header("Cookie", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void recordingStopsOnceNoPageHasAskedForAWhile() throws Exception {
        // the idle check reads a clock the test steps, so no pause of the machine can make the page look gone
        AtomicLong now = new AtomicLong();
        long millis = 1_000_000L;
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).dashboardAddress("none").start();
             DashboardServer dashboard = DashboardServer.start(cluster, "127.0.0.1:0", true, 400, now::get)) {
            assertFalse(cluster.events().isActive(), "nothing is recorded before a page is opened");
            URI link = dashboard.link();
            String session = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue("set-cookie").orElseThrow().split(";")[0];
            assertEquals(200, get(link.resolve("/graph"), session));
            assertTrue(cluster.events().isActive() && dashboard.recording());
            for (int i = 0; i < 8; i++) {          // an open graph page asks every second; here within the 400 ms limit
                now.addAndGet(300 * millis);
                dashboard.stopRecordingIfIdle();
                assertTrue(dashboard.recording(), "still watched 300 ms after request " + (i + 1));
                assertEquals(200, get(link.resolve("/api/graph"), session));
            }
            now.addAndGet(399 * millis);
            dashboard.stopRecordingIfIdle();
            assertTrue(dashboard.recording(), "399 ms without a request is within the limit");
            now.addAndGet(2 * millis);
            dashboard.stopRecordingIfIdle();
            assertFalse(dashboard.recording(), "401 ms without a request: the page went away");
            assertFalse(cluster.events().isActive(), "the workers publish to nobody again");
            assertEquals(200, get(link.resolve("/api/status"), session));
            assertTrue(dashboard.recording(), "a page asking again starts recording again");
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("lazuli-dashboard-idle")), "the idle check stopped");
    }
}
