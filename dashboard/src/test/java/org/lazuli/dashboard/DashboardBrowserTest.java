package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.LocalCluster;
import org.lazuli.cluster.TaskFuture;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real (headless) Chromium: live task stream, progress, memory, workers, graph, errors. */
class DashboardBrowserTest {

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDashboardOpenedAfterAComputationShowsIt(@TempDir Path profile) throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).dashboardAddress("127.0.0.1:0")
                .start();
             Client client = Client.connect(cluster)) {
            ChunkedArray done = ChunkedArray.random(new long[] {400, 400}, new long[] {100, 100}, 3).mapBlocks(block -> {
                sleep(5);
                return block;
            });
            client.compute(done.mean()).result();   // before any page is open
            ChromeDriver browser = Browser.start(profile);
            try {
                browser.get(client.dashboardLink().orElseThrow().toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                wait.until(d -> d.findElements(By.cssSelector("#stream rect.bar[data-prefix='map_blocks']")).size() >= 2);
                wait.until(d -> d.findElements(By.cssSelector(".progress-row[data-prefix='map_blocks'] .count")).stream()
                        .anyMatch(e -> e.getText().endsWith("100%")));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void theDashboardShowsTheClusterWorking(@TempDir Path profile) throws Exception {
        ChromeDriver browser = Browser.start(profile);
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).memoryLimit("512MB")
                .dashboardAddress("127.0.0.1:0").start();
             Client client = Client.connect(cluster)) {
            URI link = client.dashboardLink().orElseThrow();
            assertTrue(client.toString().contains(link.toString()), client.toString());
            browser.get(link.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            assertEquals("/status", URI.create(browser.getCurrentUrl()).getPath(), "the token leaves the address bar");
            assertFalse(browser.getCurrentUrl().contains("token"));
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));

            // a computation whose tasks take a few milliseconds each, and one holding blocks in memory
            ChunkedArray slow = ChunkedArray.random(new long[] {1000, 1000}, new long[] {100, 100}, 1).mapBlocks(block -> {
                sleep(15);
                return block;
            });
            TaskFuture<DenseArray> mean = client.compute(slow.mean());
            // every column block feeds every row block, so all 72 MB stay held while the slow row tasks run
            ChunkedArray held = ChunkedArray.random(new long[] {3000, 3000}, new long[] {3000, 300}, 2).multiply(1.0)
                    .rechunk(300, 3000).mapBlocks(block -> {
                        sleep(150);
                        return block;
                    }).sum();
            TaskFuture<DenseArray> sum = client.compute(held);
            AtomicReference<Double> widest = new AtomicReference<>(0.0);
            AtomicReference<Double> widestHeld = new AtomicReference<>(0.0);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!(mean.done() && sum.done()) && System.nanoTime() < deadline) {
                // read the page in one script: its rows are redrawn four times a second
                widest.accumulateAndGet(widestFill(browser, ".memory-row .fill.memory"), Math::max);
                widestHeld.accumulateAndGet(widestFill(browser, ".progress-row .fill.held"), Math::max);
                sleep(100);
            }
            mean.result();
            sum.result();
            assertTrue(widest.get() > 0, "the memory bars moved while blocks were held");
            assertTrue(widestHeld.get() > 0, "progress showed results in memory while the rechunk held them");

            wait.until(d -> d.findElements(By.cssSelector("#stream rect.bar")).size() >= 50);
            wait.until(d -> d.findElements(By.cssSelector(".progress-row[data-prefix='map_blocks'] .count")).stream()
                    .anyMatch(e -> e.getText().endsWith("100%")));
            assertTrue(browser.findElements(By.cssSelector("#stream rect.bar[data-prefix='map_blocks']")).size() > 10);
            assertEquals(2, browser.findElements(By.cssSelector(".memory-row")).size());

            TaskFuture<Integer> broken = client.submit(() -> {
                throw new IllegalStateException("deliberately broken");
            });
            assertThrows(RuntimeException.class, broken::result);
            String key = broken.key().toString();
            wait.until(d -> d.findElements(By.cssSelector("#errors li.error")).stream()
                    .anyMatch(e -> e.getText().contains(key) && e.getText().contains("deliberately broken")));
            save(browser, "status");

            browser.get(link.resolve("/workers").toString());
            wait.until(d -> d.findElements(By.cssSelector("#workers-table tr.worker-row")).size() == 2);
            // CPU: the time the JVM measured for the worker's threads, and its use between two pushes
            wait.until(d -> d.findElements(By.cssSelector("#workers-table td.cpu")).stream()
                    .allMatch(e -> e.getText().matches("\\d+ % · \\d+\\.\\d s")));
            for (Cluster.WorkerInfo w : cluster.workers()) {
                String cpu = browser.findElement(By.cssSelector("tr.worker-row[data-worker='" + w.name() + "'] td.cpu")).getText();
                double shown = Double.parseDouble(cpu.replaceAll(".* · ", "").replace(" s", ""));
                assertTrue(shown > 0 && shown <= w.cpuNanos() / 1e9 + 0.05, cpu + " against " + w.cpuNanos() + " ns");
            }
            save(browser, "workers");

            client.compute(ChunkedArray.arange(40, 10).astype(org.lazuli.array.DType.FLOAT64).add(1.0).sum()).result();
            browser.get(link.resolve("/graph").toString());
            wait.until(d -> d.findElements(By.cssSelector("#graph rect.node")).size() >= 5);
            assertTrue(browser.findElements(By.cssSelector("#graph rect.node.done")).size() >= 5);
            save(browser, "graph");

            browser.get(link.resolve("/info").toString());
            wait.until(d -> d.findElements(By.cssSelector("#info-table tr")).size() >= 4);
            assertTrue(browser.findElement(By.id("info-errors")).getText().contains("deliberately broken"));
            save(browser, "info");
        } finally {
            browser.quit();
        }
    }

    /** The widest of the bars the selector finds, in % of its track. */
    private static double widestFill(ChromeDriver browser, String selector) {
        Object widths = browser.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(e => parseFloat(e.style.width) || 0);", selector);
        return ((List<?>) widths).stream().mapToDouble(w -> ((Number) w).doubleValue()).max().orElse(0);
    }

    @Test
    void aHundredThousandTaskGraphIsDrawnOneNodePerPrefix(@TempDir Path profile) throws Exception {
        ChromeDriver browser = Browser.start(profile);
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(2)
                .dashboardAddress("127.0.0.1:0").start()) {
            URI link = cluster.dashboardLink().orElseThrow();
            browser.get(link.resolve("/graph?" + link.getRawQuery()).toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.id("graph-note")).getText().startsWith("No computation"));
            ChunkedArray many = ChunkedArray.ones(new long[] {100_000}, new long[] {1}).add(1.0).sum();
            java.util.Map<String, Integer> byPrefix = new java.util.TreeMap<>();
            many.taskGraph().tasks().forEach(t -> byPrefix.merge(t.key().prefix(), 1, Integer::sum));
            assertTrue(byPrefix.values().stream().mapToInt(Integer::intValue).sum() > 100_000, byPrefix.toString());
            assertEquals(200_000.0, many.compute(cluster.scheduler()).getDouble());

            wait.until(d -> d.findElements(By.cssSelector("#graph rect.node.done")).size() == byPrefix.size());
            assertEquals(byPrefix.size() + " task groups (the graph is large: one node per key prefix)",
                    browser.findElement(By.id("graph-note")).getText());
            List<String> labels = browser.findElements(By.cssSelector("#graph text")).stream()
                    .map(org.openqa.selenium.WebElement::getText).sorted().toList();
            List<String> expected = byPrefix.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").sorted()
                    .map(l -> l.length() > 26 ? l.substring(0, 25) + "…" : l).toList();
            assertEquals(expected, labels);
            save(browser, "graph-large");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aMalformedAddressIsRefusedWithTheForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalCluster.builder().workers(1)
                .dashboardAddress("127.0.0.1:http").start());
        assertEquals("The dashboard address '127.0.0.1:http' has no valid port: give dashboardAddress(\"127.0.0.1:8787\"),"
                + " \":8787\", \"127.0.0.1:0\" for any free port, or \"none\"", e.getMessage());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && t.getName().startsWith("lazuli-cluster")), "no worker threads left behind");
    }

    private static void save(ChromeDriver browser, String page) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Browser.screenshots().resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void requestsWithoutTheTokenAreForbiddenAndNothingLeaks() throws Exception {
        URI link;
        int port;
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1)
                .dashboardAddress("127.0.0.1:0").start()) {
            link = cluster.dashboardLink().orElseThrow();
            port = link.getPort();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            for (String path : List.of("/status", "/api/status", "/metrics", "/events", "/static/app.js")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(link.resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(403, response.statusCode(), path);
            }
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(link.toString()
                    .replaceAll("token=.*", "token=guess"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrong.statusCode());
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            String cookie = login.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            String session = cookie.split(";")[0];
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(link.resolve("/status")).header("Cookie", session)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
            assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'self'"));
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no external resources");
            HttpResponse<String> traversal = http.send(HttpRequest.newBuilder(link.resolve("/static/%2e%2e/%2e%2e/pom.xml"))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, traversal.statusCode());
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(link.resolve("/metrics")).header("Cookie", session)
                    .build(), HttpResponse.BodyHandlers.ofString());
            String worker = cluster.workers().get(0).name();
            assertTrue(metrics.body().contains("lazuli_worker_memory_limit_bytes{worker=\"" + worker + "\"} "
                    + cluster.workers().get(0).memoryLimit() + "\n"), metrics.body());
            assertTrue(metrics.body().contains("# TYPE lazuli_worker_cpu_seconds_total counter\n"
                    + "lazuli_worker_cpu_seconds_total{worker=\"" + worker + "\"} "), metrics.body());
        }
        // closed: the port is free again and no dashboard thread is left
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
        for (int i = 0; i < 50 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("lazuli-dashboard")); i++) {
            sleep(20);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("lazuli-dashboard")));
    }

    @Test
    void aPublicAddressWithoutATokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalCluster.builder().workers(1)
                .dashboardAddress("0.0.0.0:0").dashboardToken(false).start());
        assertTrue(e.getMessage().contains("without an access token"), e.getMessage());
    }
}
