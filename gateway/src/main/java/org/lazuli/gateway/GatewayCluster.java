package org.lazuli.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.Cluster;
import org.lazuli.cluster.EventStream;
import org.lazuli.exec.Scheduler;

/**
 * A cluster of a gateway, connected from this JVM (dask-gateway's {@code GatewayCluster}): computations
 * of a {@link Client} on it run in the cluster's own process. Connecting ships this JVM's classes and
 * jars that the cluster lacks (cached there by content hash), so lambdas of futures and user functions
 * run unchanged. While connected, a heartbeat tells the cluster this client lives.
 *
 * <pre>{@code
 * GatewayCluster cluster = gw.newCluster(gw.clusterOptions().workers(2), false);
 * try (Client client = cluster.getClient()) { … }
 * cluster.adapt(1, 4);
 * cluster.shutdown();
 * }</pre>
 */
public final class GatewayCluster implements Cluster {
    private final Gateway gateway;
    private final String name;
    private final URI address;
    private final String token;
    private final boolean shutdownOnClose;
    private final URI dashboard;
    private final HttpClient http;
    private final ClassLoader classLoader;
    private final String session;
    private final RemoteScheduler scheduler;
    private final ScheduledExecutorService heartbeat;
    private final EventStream events = new EventStream();
    private volatile boolean closed;

    GatewayCluster(Gateway gateway, Map<String, Object> connection) {
        this.gateway = gateway;
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) connection.get("report");
        this.name = (String) report.get("name");
        this.shutdownOnClose = Boolean.TRUE.equals(report.get("shutdownOnClose"));
        this.dashboard = report.get("dashboard") == null ? null : URI.create((String) report.get("dashboard"));
        this.address = URI.create((String) connection.get("address"));
        this.token = (String) connection.get("token");
        this.http = gateway.http();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.classLoader = context != null ? context : GatewayCluster.class.getClassLoader();
        Map<String, Object> opened = json("POST", "/sessions", Map.of());
        this.session = (String) opened.get("session");
        this.scheduler = new RemoteScheduler(this, ((Number) opened.get("parallelism")).intValue());
        long beat = Math.max(50, ((Number) opened.get("heartbeatMillis")).longValue() / 4);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lazuli-gateway-heartbeat-" + name);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        shipCode();
    }

    /** Sends the cluster what of this JVM's class path it lacks, then names the whole of it for this session. */
    private void shipCode() {
        List<ClassPathEntries.Entry> entries = ClassPathEntries.ofThisJvm().stream().map(ClassPathEntries::hashed).toList();
        List<String> hashes = entries.stream().map(ClassPathEntries.Entry::sha256).toList();
        List<String> missing = Wire.JSON.convertValue(jsonValue("POST", "/code/missing", hashes), new TypeReference<List<String>>() { });
        for (ClassPathEntries.Entry entry : entries) {
            if (missing.contains(entry.sha256())) {
                send("PUT", "/code/" + entry.sha256(), HttpRequest.BodyPublishers.ofByteArray(entry.bytes()));
            }
        }
        jsonValue("POST", "/sessions/" + session + "/code", hashes);
    }

    private void beat() {
        try {
            send("POST", "/sessions/" + session + "/heartbeat", HttpRequest.BodyPublishers.noBody());
        } catch (RuntimeException e) {
            // a missed beat is retried; the cluster gives up only after its timeout
        }
    }

    // ---- Cluster ------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public Scheduler scheduler() {
        requireOpen();
        return scheduler;
    }

    /** A client of this cluster (dask-gateway's {@code cluster.get_client()}): the same as {@code Client.connect(this)}. */
    public Client getClient() {
        return Client.connect(this);
    }

    @Override
    public List<WorkerInfo> workers() {
        return Wire.JSON.convertValue(status().get("workers"), new TypeReference<List<WorkerInfo>>() { });
    }

    /** Sets the number of workers (within the gateway's limits); ends adaptive scaling. */
    @Override
    public void scale(int workers) {
        gateway.call("POST", "/clusters/" + name + "/scale", Map.of("workers", workers));
    }

    /**
     * Lets the cluster choose its number of workers between {@code minimum} and {@code maximum}: one
     * more while tasks wait, back to the minimum after a quiet spell (dask's {@code adapt}).
     */
    public void adapt(int minimum, int maximum) {
        gateway.call("POST", "/clusters/" + name + "/adapt", Map.of("minimum", minimum, "maximum", maximum));
    }

    /** The dashboard through the gateway: open it once with {@code ?token=} and the gateway token. */
    @Override
    public Optional<URI> dashboardLink() {
        return Optional.ofNullable(dashboard);
    }

    /** Empty: a gateway cluster's events are on its dashboard, in its own process. */
    @Override
    public EventStream events() {
        return events;
    }

    @Override
    public void restart() {
        json("POST", "/restart", Map.of());
    }

    @Override
    public String dumpState() {
        return new String(send("GET", "/dump", HttpRequest.BodyPublishers.noBody()), StandardCharsets.UTF_8);
    }

    @Override
    public List<String> recentErrors() {
        return Wire.JSON.convertValue(status().get("recentErrors"), new TypeReference<List<String>>() { });
    }

    @Override
    public int tasksProcessingNow() {
        return ((Number) status().get("processing")).intValue();
    }

    @Override
    public int tasksWaitingNow() {
        return ((Number) status().get("waiting")).intValue();
    }

    /** Sends {@code value} to the cluster, which keeps it and what it reads until {@link #unpublish}. */
    @Override
    public void publish(String name, Object value) {
        requireOpen();
        send("PUT", "/sessions/" + session + "/published/" + name, HttpRequest.BodyPublishers.ofByteArray(Wire.serialize(value)));
    }

    @Override
    public Object published(String name) {
        byte[] bytes = send("GET", "/published/" + name, HttpRequest.BodyPublishers.noBody());
        try {
            return Wire.deserialize(new ByteArrayInputStream(bytes), classLoader);
        } catch (IOException e) {
            throw new GatewayException("Cannot read '" + name + "' published on " + this.name + ": " + e, e);
        }
    }

    @Override
    public List<String> publishedNames() {
        return Wire.JSON.convertValue(status().get("published"), new TypeReference<List<String>>() { });
    }

    @Override
    public void unpublish(String name) {
        send("DELETE", "/published/" + name, HttpRequest.BodyPublishers.noBody());
    }

    /** Stops the cluster and its process, whatever {@code shutdownOnClose} says. */
    public void shutdown() {
        disconnect();
        gateway.call("DELETE", "/clusters/" + name, null);
    }

    /** Disconnects this JVM; a {@code shutdownOnClose} cluster stops, another keeps running for a later {@code connect}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        disconnect();
        if (shutdownOnClose) {
            try {
                gateway.call("DELETE", "/clusters/" + name, null);
            } catch (GatewayException alreadyStopped) {
                // the cluster stopped itself when this session ended
            }
        }
    }

    private void disconnect() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdownNow();
        try {
            send("DELETE", "/sessions/" + session, HttpRequest.BodyPublishers.noBody());
        } catch (RuntimeException gone) {
            // the cluster has already ended the session
        }
        gateway.forget(this);
    }

    public boolean shutdownOnClose() {
        return shutdownOnClose;
    }

    @Override
    public String toString() {
        return "GatewayCluster(" + name + ", " + (closed ? "closed" : "connected") + ", dashboard="
                + (dashboard == null ? "none" : dashboard) + ")";
    }

    // ---- calls to the cluster -----------------------------------------------------------------

    ClassLoader classLoader() {
        return classLoader;
    }

    private Map<String, Object> status() {
        return json("GET", "/status", null);
    }

    /** A graph request of this session, answered asynchronously. */
    CompletableFuture<byte[]> sessionCall(String action, byte[] body) {
        requireOpen();
        HttpRequest request = request("POST", "/sessions/" + session + "/" + action, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", Wire.BINARY).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((reply, error) -> {
            if (error != null) {
                throw new CompletionException(unreachable(error));
            }
            return checked(reply);
        });
    }

    private Map<String, Object> json(String method, String path, Object body) {
        return Wire.JSON.convertValue(jsonValue(method, path, body), new TypeReference<Map<String, Object>>() { });
    }

    private Object jsonValue(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body));
            byte[] reply = send(method, path, publisher);
            return reply.length == 0 ? Map.of() : Wire.JSON.readValue(reply, Object.class);
        } catch (IOException e) {
            throw new GatewayException("Cannot read the reply of " + name + " to " + path + ": " + e.getMessage(), e);
        }
    }

    private byte[] send(String method, String path, HttpRequest.BodyPublisher body) {
        try {
            return checked(http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while calling " + name, e);
        }
    }

    private HttpRequest.Builder request(String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(address.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofDays(1)).method(method, body);
    }

    private byte[] checked(HttpResponse<byte[]> reply) {
        if (reply.statusCode() / 100 == 2) {
            return reply.body();
        }
        String message;
        try {
            message = String.valueOf(Wire.JSON.readValue(reply.body(), Map.class).get("error"));
        } catch (IOException notJson) {
            message = new String(reply.body(), StandardCharsets.UTF_8);
        }
        throw new GatewayException(reply.statusCode(), name + ": " + message);
    }

    private GatewayException unreachable(Throwable error) {
        return new GatewayException("The cluster " + name + " at " + address + " cannot be reached (" + error
                + "); it may have been shut down: gateway.listClusters() says what runs", error);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This connection to " + name + " is closed; gateway.connect(\"" + name
                    + "\") connects again");
        }
    }
}
