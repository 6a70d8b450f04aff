package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.LocalCluster;

/**
 * The dashboard keeps the recent past (no browser needed): work that ran before any page was opened is in the
 * task stream and the progress a page reads first, and while nobody watches the queued events are folded into
 * the bounded record by the dashboard's own thread.
 */
class DashboardRecordingTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String session(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    }

    private JsonNode status(URI link, String session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(link.resolve("/api/status")).header("Cookie", session).build();
        return new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aPageOpenedAfterAComputationShowsIt() throws Exception {
        AtomicLong now = new AtomicLong();
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
             DashboardServer dashboard = DashboardServer.start(cluster, "127.0.0.1:0", true, 400, now::get);
             Client client = Client.connect(cluster)) {
            assertTrue(cluster.events().isActive() && dashboard.recording(), "recording from the start");
            ChunkedArray work = ChunkedArray.ones(new long[] {400}, new long[] {10}).add(1.0);
            assertEquals(800.0, client.compute(work.sum()).result().getDouble());
            JsonNode first = status(dashboard.link(), session(dashboard.link()));   // the first page, opened after
            long bars = 0;
            for (JsonNode bar : first.get("bars")) {
                bars += bar.has("count") ? bar.get("count").asLong() : 1;
            }
            assertTrue(bars >= 40, "the task stream holds the 40 blocks' tasks that ran before: " + first.get("bars"));
            boolean complete = false;
            var prefixes = first.get("progress").fields();
            while (prefixes.hasNext()) {
                JsonNode counts = prefixes.next().getValue();
                complete |= counts.get(0).asLong() >= 40 && counts.get(1).asLong() == counts.get(0).asLong();
            }
            assertTrue(complete, "a prefix at 100 %: " + first.get("progress"));
        }
    }

    @Test
    void whileNobodyWatchesTheQueuedEventsAreFoldedInTheBackground() throws Exception {
        // the idle check reads a clock the test steps, so no pause of the machine changes what it sees
        AtomicLong now = new AtomicLong();
        long millis = 1_000_000L;
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).dashboardAddress("none").start();
             DashboardServer dashboard = DashboardServer.start(cluster, "127.0.0.1:0", true, 400, now::get);
             Client client = Client.connect(cluster)) {
            client.compute(ChunkedArray.ones(new long[] {100}, new long[] {10}).sum()).result();
            assertTrue(dashboard.pendingEvents() > 0, "the workers only queue their events");
            now.addAndGet(399 * millis);
            assertFalse(dashboard.foldIfIdle(), "399 ms after the start is not idle yet");
            now.addAndGet(2 * millis);
            assertTrue(dashboard.foldIfIdle());
            assertEquals(0, dashboard.pendingEvents(), "folded on the dashboard's thread");
            String session = session(dashboard.link());
            client.compute(ChunkedArray.ones(new long[] {100}, new long[] {10}).sum()).result();
            assertFalse(dashboard.foldIfIdle(), "a page just asked: its own requests fold the events");
            assertTrue(status(dashboard.link(), session).get("progress").size() > 0);
            assertEquals(0, dashboard.pendingEvents());
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("lazuli-dashboard-idle")), "the idle check stopped");
    }
}
