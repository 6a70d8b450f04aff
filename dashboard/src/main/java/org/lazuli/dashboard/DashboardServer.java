package org.lazuli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.DashboardProvider;

/**
 * The dashboard's web server (the JDK's HTTP server): four pages, JSON endpoints, Prometheus metrics
 * and a server-sent event stream pushing a snapshot at most twice a second. The cluster's events
 * are recorded only while a page is watched (an event stream is open, or a request came in the last
 * 10 s), so an unwatched dashboard costs nothing.
 *
 * <p>Safe by default: binds to loopback, requires a random per-cluster token on every request (given
 * in the link, then kept in an HttpOnly cookie, so no secret stays in URLs), refuses to bind elsewhere
 * without a token, serves only its packaged files, loads nothing from outside, and sends a strict
 * content security policy.
 */
final class DashboardServer implements DashboardProvider.Dashboard {
    static final String COOKIE = "lazuli_token";
    private static final int DEFAULT_PORT = 8787;
    private static final long PUSH_INTERVAL_MS = 500;
    /** Recording stops this long after the last request when no page streams events (a closed graph page). */
    private static final long IDLE_MILLIS = 10_000;
    /** Bars sent per push at most: the newest; a browser draws a few thousand at most anyway. */
    private static final int MAX_BARS_PER_PUSH = 1000;
    private static final Map<String, String[]> FILES = Map.of(
            "/status", new String[] {"status.html", "text/html; charset=utf-8"},
            "/workers", new String[] {"workers.html", "text/html; charset=utf-8"},
            "/graph", new String[] {"graph.html", "text/html; charset=utf-8"},
            "/info", new String[] {"info.html", "text/html; charset=utf-8"},
            "/static/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/static/style.css", new String[] {"style.css", "text/css; charset=utf-8"});

    private final Cluster cluster;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final URI link;
    private final Recorder recorder = new Recorder();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger watchers = new AtomicInteger();
    /** A new CPU sample at most once per push (a little less, so a push is never one sample late). */
    private final CpuUse cpuUse = new CpuUse(TimeUnit.MILLISECONDS.toNanos(PUSH_INTERVAL_MS) * 9 / 10);
    private final long startNanos = System.nanoTime();
    private final long idleNanos;
    /** The clock the idle check reads (System::nanoTime; a test's own, to step time instead of sleeping). */
    private final LongSupplier idleClock;
    private final ScheduledExecutorService idleCheck;
    private volatile long lastRequestNanos;
    private AutoCloseable subscription;
    private volatile boolean closed;

    private DashboardServer(Cluster cluster, HttpServer server, ExecutorService threads, String token, long idleMillis,
                            LongSupplier idleClock) {
        this.idleClock = idleClock;
        this.lastRequestNanos = idleClock.getAsLong();
        this.cluster = cluster;
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.idleNanos = idleMillis * 1_000_000;
        this.idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lazuli-dashboard-idle");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, idleMillis / 4);
        idleCheck.scheduleWithFixedDelay(this::foldIfIdle, period, period, TimeUnit.MILLISECONDS);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        this.link = URI.create("http://" + host + ":" + bound.getPort() + "/status"
                + (token == null ? "" : "?token=" + token));
    }

    static DashboardServer start(Cluster cluster, String address, boolean requireToken) {
        return start(cluster, address, requireToken, IDLE_MILLIS);
    }

    static DashboardServer start(Cluster cluster, String address, boolean requireToken, long idleMillis) {
        return start(cluster, address, requireToken, idleMillis, System::nanoTime);
    }

    /** A dashboard whose idle check reads {@code idleClock} (nanoseconds). */
    static DashboardServer start(Cluster cluster, String address, boolean requireToken, long idleMillis,
                                 LongSupplier idleClock) {
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        String spec = address.trim();
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
            if (colon > 0) {
                host = spec.substring(0, colon);
            }
            port = port(spec.substring(colon + 1), address);
        } else if (!spec.isEmpty()) {
            host = spec;
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot resolve the dashboard host '" + host + "' in '" + address + "'", e);
        }
        if (!ip.isLoopbackAddress() && !requireToken) {
            throw new IllegalArgumentException("Refusing to serve the dashboard on " + host + " without an access token:"
                    + " anyone on the network could watch and read this cluster's work. Keep the token (the default)"
                    + " or bind to 127.0.0.1 and use an SSH tunnel");
        }
        String token = requireToken ? newToken() : null;
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(2, 32, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "lazuli-dashboard-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server = bind(ip, port, address);
        server.setExecutor(threads);
        DashboardServer dashboard = new DashboardServer(cluster, server, threads, token, idleMillis, idleClock);
        server.createContext("/", dashboard::handle);
        server.start();
        dashboard.startRecording();   // from the start: a page opened later shows the work before it, as dask's
        return dashboard;
    }

    private static int port(String text, String address) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The dashboard address '" + address + "' has no valid port: give"
                + " dashboardAddress(\"127.0.0.1:8787\"), \":8787\", \"127.0.0.1:0\" for any free port, or \"none\"");
    }

    /** Binds the port, or the next free one (up to 100 further) when the default port is taken. */
    private static HttpServer bind(InetAddress ip, int port, String address) {
        int attempts = port == 0 ? 1 : 100;
        for (int i = 0; i < attempts; i++) {
            try {
                return HttpServer.create(new InetSocketAddress(ip, port == 0 ? 0 : port + i), 64);
            } catch (BindException taken) {
                // try the next port
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the dashboard at " + address + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("Ports " + port + " to " + (port + attempts - 1) + " are all taken; give"
                + " dashboardAddress(\"127.0.0.1:0\") for any free port");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public URI link() {
        return link;
    }

    @Override
    public void close() {
        closed = true;
        idleCheck.shutdownNow();
        stopRecording();
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
            idleCheck.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- requests ---------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        lastRequestNanos = idleClock.getAsLong();
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain; charset=utf-8", "Only GET is served".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String given = parameter(query, "token");
            if (token != null && given != null && same(given, token)) {
                // a valid token in the link: keep it in a cookie and drop it from the address bar
                exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token
                        + "; Path=/; HttpOnly; SameSite=Strict");
                exchange.getResponseHeaders().add("Location", path.equals("/") ? "/status" : path);
                send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            if (token != null && !same(cookie(exchange), token)) {
                send(exchange, 403, "text/plain; charset=utf-8", ("Forbidden: open the dashboard through its link,"
                        + " which carries the access token (client.dashboardLink())").getBytes(StandardCharsets.UTF_8));
                return;
            }
            route(exchange, path, query);
        } catch (IOException e) {
            // the browser went away: nothing to do
        }
    }

    private void route(HttpExchange exchange, String path, String query) throws IOException {
        if (path.equals("/")) {
            exchange.getResponseHeaders().add("Location", "/status");
            send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        String[] file = FILES.get(path);
        if (file != null) {
            try (InputStream in = DashboardServer.class.getResourceAsStream("static/" + file[0])) {
                send(exchange, 200, file[1], in.readAllBytes());
            }
            return;
        }
        switch (path) {
            case "/api/status" -> sendJson(exchange, status(parseLong(parameter(query, "after"), -1)));
            case "/api/workers" -> sendJson(exchange, Map.of("workers", cluster.workers()));
            case "/api/graph" -> sendJson(exchange, recorder.graph());
            case "/api/info" -> sendJson(exchange, info());
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    Metrics.prometheus(cluster, recorder).getBytes(StandardCharsets.UTF_8));
            case "/events" -> stream(exchange);
            default -> send(exchange, 404, "text/plain; charset=utf-8", ("Not found: " + path)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Pushes a status snapshot at most every 250 ms until the browser disconnects or the dashboard closes. */
    private void stream(HttpExchange exchange) throws IOException {
        watchers.incrementAndGet();
        try {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long after = -1;
            while (!closed) {
                Map<String, Object> status = status(after);
                after = (Long) status.get("lastBar");
                out.write(("data: " + json.writeValueAsString(status) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(PUSH_INTERVAL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchers.decrementAndGet();
        }
    }

    private synchronized void startRecording() {
        if (subscription == null && !closed) {
            subscription = cluster.events().subscribe(recorder::accept);
        }
    }

    /**
     * Nobody watches (no event stream open, no request for a while): the events queued since are folded into
     * the bounded record here, on the dashboard's own thread, so the queue stays short and the workers only
     * ever append to it. Returns whether it folded.
     */
    boolean foldIfIdle() {
        if (watchers.get() == 0 && idleClock.getAsLong() - lastRequestNanos > idleNanos) {
            recorder.drain();
            return true;
        }
        return false;
    }

    /** The events queued and not yet folded into the record. */
    int pendingEvents() {
        return recorder.pending();
    }

    /** Whether the cluster's events are being recorded (from the start until the dashboard closes). */
    synchronized boolean recording() {
        return subscription != null;
    }

    private synchronized void stopRecording() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // unsubscribing cannot fail in a way that matters
            }
            subscription = null;
        }
    }

    private Map<String, Object> status(long after) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("now", (System.nanoTime() - startNanos) / 1e9);
        status.put("origin", startNanos);
        List<Cluster.WorkerInfo> workers = cluster.workers();
        status.put("workers", workers);
        status.put("cpu", cpuUse.update(workers, System.nanoTime()));
        status.put("processing", cluster.tasksProcessingNow());
        status.put("progress", recorder.progress(cluster.heldByPrefix()));
        List<Recorder.Bar> newBars = recorder.barsAfter(after, MAX_BARS_PER_PUSH);
        status.put("lastBar", newBars.isEmpty() ? after : newBars.get(newBars.size() - 1).id());
        status.put("bars", mergedBars(newBars));
        status.put("errors", cluster.recentErrors());
        cluster.memoryThresholds().ifPresent(thresholds -> {
            status.put("spill", thresholds.spill());
            status.put("pause", thresholds.pause());
        });
        return status;
    }

    /**
     * Bars of one thread and prefix less than a millisecond apart become one bar (with a count): tiny
     * tasks then cost the browser a few rectangles, not thousands.
     */
    private List<Map<String, Object>> mergedBars(List<Recorder.Bar> bars) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Map<String, Object>> open = new HashMap<>();
        for (Recorder.Bar b : bars) {
            double start = (b.startNanos() - startNanos) / 1e9;
            double stop = (b.stopNanos() - startNanos) / 1e9;
            Map<String, Object> run = open.get(b.thread());
            if (run != null && run.get("prefix").equals(b.prefix()) && (Boolean) run.get("failed") == b.failed()
                    && start - (Double) run.get("stop") < 0.001) {
                run.put("stop", Math.max((Double) run.get("stop"), stop));
                run.put("count", (Integer) run.get("count") + 1);
                run.put("id", b.id());
                continue;
            }
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("id", b.id());
            bar.put("prefix", b.prefix());
            bar.put("key", b.key().toString());
            bar.put("worker", b.worker());
            bar.put("thread", b.thread());
            bar.put("start", start);
            bar.put("stop", stop);
            bar.put("failed", b.failed());
            bar.put("count", 1);
            out.add(bar);
            open.put(b.thread(), bar);
        }
        return out;
    }

    private Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("cluster", cluster.toString());
        Map<String, String> links = new LinkedHashMap<>();
        cluster.links().forEach((name, uri) -> links.put(name, uri.toString()));
        info.put("links", links);
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        info.put("lazuli", String.valueOf(DashboardServer.class.getPackage().getImplementationVersion()));
        info.put("cores", Runtime.getRuntime().availableProcessors());
        info.put("heap", Runtime.getRuntime().maxMemory());
        info.put("errors", cluster.recentErrors());
        return info;
    }

    private void sendJson(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsBytes(value));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().add("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'");
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            if (part.startsWith(name + "=")) {
                return URLDecoder.decode(part.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static long parseLong(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Constant-time comparison, so the token cannot be guessed from response times. */
    private static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
