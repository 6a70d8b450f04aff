package org.lazuli.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection to a gateway (dask-gateway's {@code Gateway}): asks it for clusters, lists them, and
 * connects to one by name, from any JVM. Closing it disconnects the clusters connected through it.
 *
 * <pre>{@code
 * try (Gateway gw = Gateway.connect(URI.create("http://127.0.0.1:8000"), token)) {
 *     List<ClusterReport> clusters = gw.listClusters();
 *     GatewayCluster cluster = clusters.isEmpty()
 *             ? gw.newCluster(gw.clusterOptions().workerCores(1), false)
 *             : gw.connect(clusters.get(0).name());
 *     Client client = cluster.getClient();
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private final URI address;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<GatewayCluster> connected = ConcurrentHashMap.newKeySet();
    private final ClusterOptions.Limits limits;

    private Gateway(URI address, String token) {
        this.address = address;
        this.token = token;
        this.limits = Wire.JSON.convertValue(call("GET", "/options", null).get("limits"), ClusterOptions.Limits.class);
    }

    /** Connects, checking the token at once: a wrong one fails here with the gateway's 401. */
    public static Gateway connect(URI address, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Gateway.connect needs the token the gateway gave you");
        }
        return new Gateway(address, token);
    }

    public URI address() {
        return address;
    }

    /** The gateway's default options and limits; change them with the setters. */
    public ClusterOptions clusterOptions() {
        return ClusterOptions.fromJson(call("GET", "/options", null), limits);
    }

    /** A new cluster with the default options, stopped when this client closes it. */
    public GatewayCluster newCluster() {
        return newCluster(clusterOptions(), true);
    }

    /**
     * Starts a cluster and connects to it.
     *
     * @param shutdownOnClose whether the cluster stops when this connection closes or this JVM dies
     *                        ({@code false}: it runs until {@code shutdown()} or its idle timeout)
     */
    public GatewayCluster newCluster(ClusterOptions options, boolean shutdownOnClose) {
        Map<String, Object> connection = call("POST", "/clusters", Map.of("options", options.toJson(),
                "shutdownOnClose", shutdownOnClose));
        return opened(new GatewayCluster(this, connection));
    }

    /** This user's clusters, oldest first. */
    public List<ClusterReport> listClusters() {
        List<Map<String, Object>> reports = Wire.JSON.convertValue(call("GET", "/clusters", null).get("clusters"),
                new TypeReference<>() { });
        return reports.stream().map(Gateway::report).toList();
    }

    /** Connects to a running cluster of this user by name. */
    public GatewayCluster connect(String name) {
        return opened(new GatewayCluster(this, call("GET", "/clusters/" + name, null)));
    }

    /** Disconnects every cluster connected through this gateway ({@code shutdownOnClose} ones stop). */
    @Override
    public void close() {
        for (GatewayCluster cluster : List.copyOf(connected)) {
            cluster.close();
        }
    }

    @Override
    public String toString() {
        return "Gateway(" + address + ")";
    }

    private GatewayCluster opened(GatewayCluster cluster) {
        connected.add(cluster);
        return cluster;
    }

    void forget(GatewayCluster cluster) {
        connected.remove(cluster);
    }

    HttpClient http() {
        return http;
    }

    static ClusterReport report(Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) json.get("options");
        Object dashboard = json.get("dashboard");
        return new ClusterReport((String) json.get("name"), (String) json.get("status"),
                ((Number) json.get("workers")).intValue(), dashboard == null ? null : URI.create((String) dashboard),
                Instant.parse((String) json.get("created")), Boolean.TRUE.equals(json.get("shutdownOnClose")),
                ClusterOptions.fromJson(options, null), (String) json.getOrDefault("backend", "local"));
    }

    /** One JSON call to the gateway's API; a refusal raises a {@link GatewayException} with its status and message. */
    Map<String, Object> call(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(address.resolve(GatewayServer.API + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(120))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(Wire.JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Object json = Wire.JSON.readValue(reply.body(), Object.class);
            if (reply.statusCode() != 200) {
                Object error = json instanceof Map<?, ?> map ? map.get("error") : json;
                throw new GatewayException(reply.statusCode(), "The gateway at " + address + " refused " + method + " "
                        + path + " (" + reply.statusCode() + "): " + error);
            }
            if (json instanceof List<?> list) {
                return Map.of("clusters", list);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) json;
            return map;
        } catch (IOException e) {
            throw new GatewayException("The gateway at " + address + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("Interrupted while calling the gateway at " + address, e);
        }
    }
}
