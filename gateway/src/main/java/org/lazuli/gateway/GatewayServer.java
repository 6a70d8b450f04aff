package org.lazuli.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lazuli.text.ByteSizes;

/**
 * The gateway (dask-gateway's server): starts, lists, scales and stops named clusters for
 * authenticated users, and serves each cluster's dashboard through itself. It speaks JSON only, so it
 * never deserializes a Java object; every request is checked against its users' tokens first.
 * Each cluster is a process of its own ({@link ClusterProcess}) recorded in the state folder, so
 * clusters outlive both their clients and the gateway: a new gateway on the same folder finds them.
 *
 * <pre>{@code
 * GatewayServer server = GatewayServer.builder().port(8000).backend("local").user("alice", token).start();
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
    static final String API = "/gateway/api";
    static final String TOKEN_COOKIE = "lazuli_gateway_token";
    static final String CLUSTER_COOKIE = "lazuli_gateway_cluster";

    private final Builder settings;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Managed> clusters = new ConcurrentHashMap<>();
    private final ClusterOptions.Limits limits;
    private final ClusterOptions defaults;

    /** A cluster this gateway manages: its record, and its process when this gateway started it. */
    private static final class Managed {
        volatile ClusterRecord record;
        volatile String status;
        final ProcessHandle process;

        Managed(ClusterRecord record, String status, ProcessHandle process) {
            this.record = record;
            this.status = status;
            this.process = process;
        }
    }

    private GatewayServer(Builder settings) throws IOException {
        this.settings = settings;
        this.limits = settings.limits;
        this.defaults = new ClusterOptions(1, 1, ByteSizes.formatAsWritten(Math.min(limits.maxWorkerMemory(), 1L << 30)),
                Duration.ZERO, limits);
        Files.createDirectories(settings.stateDirectory);
        rediscover();
        this.server = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 64);
        AtomicLong n = new AtomicLong();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lazuli-gateway-http-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where clients connect: {@code http://127.0.0.1:port}. */
    public URI address() {
        return URI.create("http://" + settings.host + ":" + server.getAddress().getPort());
    }

    /** The names of the clusters running now, of every user. */
    public List<String> clusterNames() {
        refresh();
        return clusters.keySet().stream().sorted().toList();
    }

    /** Stops every cluster this gateway manages (what an operator does before retiring the gateway). */
    public void shutdownClusters() {
        for (Managed managed : List.copyOf(clusters.values())) {
            stopCluster(managed);
        }
    }

    /** Stops serving. Running clusters keep running: a new gateway on the same state folder finds them. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- clusters -----------------------------------------------------------------------------

    /** Registers the clusters recorded in the state folder whose processes live; forgets the others. */
    private void rediscover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.stateDirectory, "*" + ClusterRecord.SUFFIX)) {
            for (Path file : files) {
                ClusterRecord record;
                try {
                    record = ClusterRecord.read(file);
                } catch (IOException e) {
                    continue;   // being rewritten, or not ours
                }
                Optional<ProcessHandle> process = record.pid() > 0 ? ProcessHandle.of(record.pid()) : Optional.empty();
                if (process.isPresent() && process.get().isAlive() && record.isRunning()) {
                    clusters.put(record.name(), new Managed(record, "RUNNING", process.get()));
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Drops clusters whose process has ended. */
    private void refresh() {
        for (Managed managed : List.copyOf(clusters.values())) {
            if (managed.process != null && !managed.process.isAlive()) {
                clusters.remove(managed.record.name());
                deleteQuietly(ClusterRecord.file(settings.stateDirectory, managed.record.name()));
            }
        }
    }

    private Managed start(String user, ClusterOptions options, boolean shutdownOnClose) throws IOException {
        List<String> problems = options.problems(limits);
        if (!problems.isEmpty()) {
            throw new GatewayException(400, "Cluster options refused: " + String.join("; ", problems));
        }
        refresh();
        long mine = clusters.values().stream().filter(m -> m.record.user().equals(user)).count();
        if (mine >= limits.maxClustersPerUser()) {
            throw new GatewayException(400, user + " already runs " + mine + " clusters, the most allowed ("
                    + limits.maxClustersPerUser() + "); shut one down first");
        }
        String name = user + "-" + Wire.newId();
        ClusterRecord request = new ClusterRecord(name, user, Wire.newToken(), System.currentTimeMillis(),
                shutdownOnClose, options.workers(), options.workerCores(), options.workerMemoryBytes(),
                options.idleTimeout().toSeconds(), settings.heartbeatTimeout.toMillis(), 0, 0, null, settings.backend.value(),
                limits.maxWorkers());
        request.write(settings.stateDirectory);
        Path file = ClusterRecord.file(settings.stateDirectory, name);
        Path log = settings.stateDirectory.resolve(name + ".log");
        // a local cluster's workers live in its heap; a Spark driver holds what is collected, about an executor's worth
        long heap = (settings.backend.isLocal() ? options.workerMemoryBytes() * Math.max(1, options.workers())
                : Math.max(512L << 20, options.workerMemoryBytes())) + (256L << 20);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (heap >> 20) + "m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(settings.jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator,
                settings.clusterClassPath.stream().map(Path::toString).toList()), ClusterProcess.class.getName(), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Managed managed = new Managed(request, "STARTING", process.toHandle());
        clusters.put(name, managed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                clusters.remove(name);
                deleteQuietly(file);
                throw new GatewayException(500, "The cluster process " + name + " exited with " + process.exitValue()
                        + " while starting: " + tail(log));
            }
            try {
                ClusterRecord now = ClusterRecord.read(file);
                if (now.isRunning()) {
                    managed.record = now;
                    managed.status = "RUNNING";
                    return managed;
                }
            } catch (IOException notYet) {
                // the process is rewriting its record
            }
            sleep(50);
        }
        process.destroyForcibly();
        clusters.remove(name);
        deleteQuietly(file);
        throw new GatewayException(500, "The cluster process " + name + " did not start within 60 s: " + tail(log));
    }

    /** Asks the cluster to stop, then makes sure its process has gone. */
    private void stopCluster(Managed managed) {
        managed.status = "STOPPING";
        ClusterRecord record = managed.record;
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + record.port() + "/shutdown"))
                    .header("Authorization", "Bearer " + record.token()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // not answering: the process is stopped below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle process = managed.process;
        if (process != null) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                process.destroy();
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception stillNot) {
                    process.destroyForcibly();
                }
            }
        }
        clusters.remove(record.name());
        deleteQuietly(ClusterRecord.file(settings.stateDirectory, record.name()));
        deleteQuietly(settings.stateDirectory.resolve(record.name() + ".log"));
    }

    /** Forwards a JSON request to a cluster and returns its JSON reply. */
    private Map<String, Object> forward(ClusterRecord record, String path, Object body) throws IOException {
        try {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + record.port() + path))
                    .header("Authorization", "Bearer " + record.token()).timeout(Duration.ofSeconds(30))
                    .method(body == null ? "GET" : "POST", body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> json = Wire.JSON.readValue(reply.body(), new TypeReference<>() { });
            if (reply.statusCode() != 200) {
                throw new GatewayException(reply.statusCode(), String.valueOf(json.get("error")));
            }
            return json;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while asking " + record.name(), e);
        }
    }

    private Map<String, Object> report(Managed managed) {
        ClusterRecord r = managed.record;
        int workers = -1;
        if (managed.status.equals("RUNNING")) {
            try {
                workers = ((List<?>) forward(r, "/status", null).get("workers")).size();
            } catch (IOException | GatewayException e) {
                managed.status = managed.process != null && managed.process.isAlive() ? "UNRESPONSIVE" : "STOPPED";
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", r.name());
        json.put("status", managed.status);
        json.put("workers", workers);
        json.put("dashboard", r.dashboard() == null ? null : address() + "/clusters/" + r.name() + "/dashboard");
        json.put("created", Instant.ofEpochMilli(r.created()).toString());
        json.put("shutdownOnClose", r.shutdownOnClose());
        json.put("options", new ClusterOptions(r.workers(), r.workerCores(), ByteSizes.formatAsWritten(r.workerMemory()),
                Duration.ofSeconds(r.idleSeconds()), null).toJson());
        json.put("backend", r.backendOrLocal().value());
        return json;
    }

    // ---- requests -----------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith(API + "/")) {
                    String user = user(bearer(exchange));
                    if (user == null) {
                        Wire.sendError(exchange, 401, exchange.getRequestHeaders().containsKey("Authorization")
                                ? "The token is not valid for this gateway" : "This gateway needs a token (Authorization: Bearer …)");
                        return;
                    }
                    api(exchange, user, path.substring(API.length() + 1).split("/"));
                } else {
                    dashboard(exchange, path);
                }
            } catch (GatewayException e) {
                Wire.sendError(exchange, e.status() > 0 ? e.status() : 502, e.getMessage());
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                Wire.sendError(exchange, 400, "Bad request: " + e.getMessage());
            } catch (RuntimeException e) {
                Wire.sendError(exchange, 500, e.toString());
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private void api(HttpExchange exchange, String user, String[] path) throws IOException {
        String method = exchange.getRequestMethod();
        String route = method + " " + path[0] + (path.length > 2 ? "/" + path[2] : path.length > 1 ? "/*" : "");
        switch (route) {
            case "GET options" -> {
                Map<String, Object> json = new LinkedHashMap<>(defaults.toJson());
                json.put("limits", limits);
                json.put("backend", settings.backend.value());
                Wire.sendJson(exchange, 200, json);
            }
            case "GET clusters" -> {
                refresh();
                List<Map<String, Object>> mine = clusters.values().stream().filter(m -> m.record.user().equals(user))
                        .sorted(Comparator.comparing(m -> m.record.created())).map(this::report).toList();
                Wire.sendJson(exchange, 200, mine);
            }
            case "POST clusters" -> {
                Map<String, Object> body = readJson(exchange);
                @SuppressWarnings("unchecked")
                Map<String, Object> options = (Map<String, Object>) body.get("options");
                Managed managed = start(user, ClusterOptions.fromJson(options, limits), Boolean.TRUE.equals(body.get("shutdownOnClose")));
                Wire.sendJson(exchange, 200, connection(managed));
            }
            case "GET clusters/*" -> Wire.sendJson(exchange, 200, connection(owned(user, path[1])));
            case "DELETE clusters/*" -> {
                Managed managed = owned(user, path[1]);
                stopCluster(managed);
                Wire.sendJson(exchange, 200, Map.of("stopped", managed.record.name()));
            }
            case "POST clusters/scale" -> {
                Managed managed = owned(user, path[1]);
                int workers = ((Number) readJson(exchange).get("workers")).intValue();
                if (workers < 0 || workers > limits.maxWorkers()) {
                    throw new GatewayException(400, "scale(" + workers + ") is outside the allowed range 0.." + limits.maxWorkers());
                }
                Wire.sendJson(exchange, 200, forward(managed.record, "/scale", Map.of("workers", workers)));
            }
            case "POST clusters/adapt" -> {
                Managed managed = owned(user, path[1]);
                Map<String, Object> body = readJson(exchange);
                int minimum = ((Number) body.get("minimum")).intValue();
                int maximum = ((Number) body.get("maximum")).intValue();
                if (minimum < 0 || maximum < Math.max(1, minimum) || maximum > limits.maxWorkers()) {
                    throw new GatewayException(400, "adapt(" + minimum + ", " + maximum + ") needs 0 <= minimum <= maximum,"
                            + " 1 <= maximum <= " + limits.maxWorkers());
                }
                Wire.sendJson(exchange, 200, forward(managed.record, "/adapt", Map.of("minimum", minimum, "maximum", maximum)));
            }
            default -> Wire.sendError(exchange, 404, "No such gateway endpoint: " + method + " " + exchange.getRequestURI().getPath());
        }
    }

    /** A cluster's report with where and how its owner reaches it. */
    private Map<String, Object> connection(Managed managed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("report", report(managed));
        json.put("address", "http://127.0.0.1:" + managed.record.port());
        json.put("token", managed.record.token());
        return json;
    }

    /** The user's cluster by name: 404 when there is none, 403 when it is someone else's. */
    private Managed owned(String user, String name) {
        refresh();
        Managed managed = clusters.get(name);
        if (managed == null) {
            List<String> mine = clusters.values().stream().filter(m -> m.record.user().equals(user))
                    .map(m -> m.record.name()).sorted().toList();
            throw new GatewayException(404, "No cluster named '" + name + "'; yours are " + mine);
        }
        if (!managed.record.user().equals(user)) {
            throw new GatewayException(403, "The cluster '" + name + "' belongs to another user");
        }
        return managed;
    }

    /**
     * The dashboard of a cluster, through the gateway: {@code /clusters/NAME/dashboard?token=…} checks
     * the token, keeps it and the cluster in cookies and redirects to the dashboard's pages, which are
     * then served from the cluster (its own access token added here, never shown).
     */
    private void dashboard(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.replaceAll("^/+", "").split("/");
        if (parts.length >= 3 && parts[0].equals("clusters") && parts[2].equals("dashboard")) {
            String token = Optional.ofNullable(parameter(exchange.getRequestURI().getRawQuery(), "token")).orElse(bearer(exchange));
            String user = user(token);
            if (user == null) {
                Wire.sendError(exchange, 401, "Open the dashboard with your gateway token: " + path + "?token=YOUR_TOKEN");
                return;
            }
            Managed managed = owned(user, parts[1]);
            exchange.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            exchange.getResponseHeaders().add("Set-Cookie", CLUSTER_COOKIE + "=" + managed.record.name() + "; Path=/; SameSite=Strict");
            exchange.getResponseHeaders().set("Location", "/status");
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        String user = user(Optional.ofNullable(cookie(exchange, TOKEN_COOKIE)).orElse(bearer(exchange)));
        if (user == null) {
            Wire.sendError(exchange, 401, "Open a cluster's dashboard at /clusters/NAME/dashboard?token=YOUR_TOKEN");
            return;
        }
        String name = cookie(exchange, CLUSTER_COOKIE);
        if (name == null) {
            Wire.sendError(exchange, 404, "No cluster chosen: open /clusters/NAME/dashboard first");
            return;
        }
        Managed managed = owned(user, name);
        if (managed.record.dashboard() == null) {
            Wire.sendError(exchange, 404, "The cluster '" + name + "' runs no dashboard");
            return;
        }
        proxy(exchange, managed.record);
    }

    private void proxy(HttpExchange exchange, ClusterRecord record) throws IOException {
        URI dashboard = URI.create(record.dashboard());
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create("http://127.0.0.1:" + dashboard.getPort() + exchange.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query));
        String token = parameter(dashboard.getRawQuery(), "token");
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET();
        if (token != null) {
            request.header("Cookie", "lazuli_token=" + token);
        }
        try {
            HttpResponse<InputStream> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            for (String header : List.of("Content-Type", "Cache-Control", "Location", "Content-Security-Policy")) {
                reply.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
            }
            exchange.sendResponseHeaders(reply.statusCode(), 0);
            try (InputStream in = reply.body(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[16384];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();   // event streams arrive as they happen
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String user(String token) {
        if (token == null) {
            return null;
        }
        String found = null;
        for (Map.Entry<String, String> e : settings.users.entrySet()) {
            if (Wire.same(token, e.getValue())) {   // every user compared: the time says nothing
                found = e.getKey();
            }
        }
        return found;
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return kv[1];
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
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Map<String, Object> readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Wire.JSON.readValue(in, new TypeReference<>() { });
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a record left behind is forgotten at the next start
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while starting a cluster", e);
        }
    }

    /** How the gateway runs: address, backend, users, limits, and where it keeps its clusters' records. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private Backend backend = Backend.LOCAL;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Path stateDirectory = Path.of(System.getProperty("user.home"), ".lazuli", "gateway");
        private Duration heartbeatTimeout = Duration.ofSeconds(30);
        private ClusterOptions.Limits limits = defaultLimits();
        private List<Path> clusterClassPath = ClassPathEntries.ofThisJvm();
        private List<String> jvmOptions = List.of();

        private Builder() {
        }

        /** The address to bind: loopback (the default) unless the gateway must be reached from elsewhere. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("A port is 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Where clusters run: "local" (the default: a process per cluster, its workers thread pools) or
         * a Spark master ("spark://host:7077", "yarn", "k8s://…"): each cluster is then a Spark
         * application whose driver is the cluster's process, its workers the executors the manager starts.
         */
        public Builder backend(String backend) {
            this.backend = Backend.parse(backend);
            return this;
        }

        /** A user and the token that authenticates them. */
        public Builder user(String name, String token) {
            Names.require(name, "user name");
            if (token == null || token.length() < 16) {
                throw new IllegalArgumentException("The token of " + name + " must have at least 16 characters");
            }
            users.put(name, token);
            return this;
        }

        /** The folder of the clusters' records and shipped code (default {@code ~/.lazuli/gateway}). */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory.toAbsolutePath();
            return this;
        }

        /** A client silent for this long has gone (its {@code shutdownOnClose} clusters stop). Default 30 s. */
        public Builder heartbeatTimeout(Duration timeout) {
            if (timeout.toMillis() < 200) {
                throw new IllegalArgumentException("A heartbeat timeout under 200 ms would end live clients: " + timeout);
            }
            this.heartbeatTimeout = timeout;
            return this;
        }

        public Builder limits(ClusterOptions.Limits limits) {
            this.limits = limits;
            return this;
        }

        /** The class path of the cluster processes (default: this JVM's); clients ship what it lacks. */
        public Builder clusterClassPath(List<Path> classPath) {
            this.clusterClassPath = List.copyOf(classPath);
            return this;
        }

        /** Extra options of the cluster JVMs. */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public GatewayServer start() {
            if (users.isEmpty()) {
                throw new IllegalStateException("A gateway needs at least one user: builder.user(name, token)");
            }
            try {
                return new GatewayServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the gateway on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }

        private static ClusterOptions.Limits defaultLimits() {
            long physical = 8L << 30;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                physical = os.getTotalMemorySize();
            }
            int cores = Runtime.getRuntime().availableProcessors();
            return new ClusterOptions.Limits(Math.max(16, cores), cores, 64L << 20, Math.max(64L << 20, physical / 2), 4);
        }
    }
}
