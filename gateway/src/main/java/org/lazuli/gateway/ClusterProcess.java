package org.lazuli.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.lazuli.cluster.Cluster;
import org.lazuli.exec.ResultStore;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * The process behind one gateway cluster: its {@link ClusterEngine} (a {@code LocalCluster} whose
 * workers are thread pools in this JVM, or the driver of a Spark application) with its dashboard, served to the cluster's clients over HTTP on loopback. Every request
 * must carry the cluster's token, checked before a byte of its body is read. The process stops
 * itself: on {@code shutdown}, when the client that created a {@code shutdownOnClose} cluster closes
 * or stops sending heartbeats, or after the idle timeout without clients.
 *
 * <p>Started by the gateway as {@code java -cp … org.lazuli.gateway.ClusterProcess <request file>};
 * not an API.
 */
public final class ClusterProcess {
    private final ClusterRecord record;
    private final Path stateDirectory;
    private final ClusterEngine engine;
    private final Cluster cluster;
    private final ShippedCode code;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ExecutorService computations = Executors.newCachedThreadPool(daemon("lazuli-gateway-compute"));
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Published> published = new ConcurrentSkipListMap<>();
    private final AtomicLong deserialized = new AtomicLong();
    private final long startedMillis = System.currentTimeMillis();
    private volatile long lastActivityMillis = startedMillis;
    private volatile String creator;
    private volatile boolean stopping;

    /** A connected client: when it was last heard from, and the class loader of the code it shipped. */
    private static final class Session {
        volatile long lastSeenMillis = System.currentTimeMillis();
        volatile ClassLoader loader = ClusterProcess.class.getClassLoader();
    }

    /** A published value: its bytes as sent, and the class loader that reads them. */
    private record Published(byte[] bytes, ClassLoader loader) {
    }

    private ClusterProcess(ClusterRecord record, Path stateDirectory) throws IOException {
        this.record = record;
        this.stateDirectory = stateDirectory;
        this.code = new ShippedCode(stateDirectory.resolve("code"));
        this.engine = ClusterEngine.start(record);
        this.cluster = engine.cluster();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.handlers = Executors.newFixedThreadPool(8, daemon("lazuli-gateway-cluster-http"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClusterProcess <request file written by the gateway>");
            System.exit(2);
        }
        Path requestFile = Path.of(args[0]);
        ClusterRecord request = ClusterRecord.read(requestFile);
        Path stateDirectory = requestFile.toAbsolutePath().getParent();
        ClusterProcess process = new ClusterProcess(request, stateDirectory);
        process.start();
    }

    private void start() throws IOException {
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::forgetStateFile, "lazuli-cluster-state-cleanup"));
        String dashboard = cluster.dashboardLink().map(Object::toString).orElse(null);
        record.running(ProcessHandle.current().pid(), server.getAddress().getPort(), dashboard).write(stateDirectory);
        System.out.println("cluster " + record.name() + " serving on " + server.getAddress());
        Thread monitor = new Thread(this::monitor, "lazuli-gateway-cluster-monitor");
        monitor.setDaemon(false);   // the process lives as long as this loop
        monitor.start();
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    private void monitor() {
        long tick = Math.max(50, Math.min(500, record.heartbeatMillis() / 4));
        while (!stopping) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.currentTimeMillis();
            for (Map.Entry<String, Session> e : List.copyOf(sessions.entrySet())) {
                if (now - e.getValue().lastSeenMillis > record.heartbeatMillis()) {
                    System.out.println("client session " + e.getKey() + " sent no heartbeat for "
                            + record.heartbeatMillis() + " ms: it has gone");
                    endSession(e.getKey());
                }
            }
            if (!stopping && record.shutdownOnClose() && creator == null
                    && now - startedMillis > 2 * record.heartbeatMillis() + 30_000) {
                stop("its creating client never connected");
            }
            if (!stopping && record.idleSeconds() > 0 && sessions.isEmpty()
                    && now - lastActivityMillis > record.idleSeconds() * 1000) {
                stop("idle for " + record.idleSeconds() + " s with no client");
            }
            engine.ended().ifPresent(this::stop);
            if (!stopping) {
                engine.tick(now);
            }
        }
    }

    private void endSession(String id) {
        if (sessions.remove(id) != null) {
            KeptResults.release(id);
            lastActivityMillis = System.currentTimeMillis();
            if (record.shutdownOnClose() && id.equals(creator)) {
                stop("the client that created it (shutdownOnClose) has gone");
            }
        }
    }

    private synchronized void stop(String why) {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("cluster " + record.name() + " stopping: " + why);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(100);   // lets the reply to a shutdown request go out
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
            handlers.shutdownNow();
            computations.shutdownNow();
            engine.close();
            KeptResults.clear();
            forgetStateFile();
            System.exit(0);
        }, "lazuli-cluster-stop");
        stopper.start();
    }

    private void forgetStateFile() {
        try {
            Files.deleteIfExists(ClusterRecord.file(stateDirectory, record.name()));
        } catch (IOException ignored) {
            // the gateway removes the records of clusters whose process is gone
        }
    }

    // ---- requests -----------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        if (!Wire.bearerMatches(exchange.getRequestHeaders().getFirst("Authorization"), record.token())) {
            // refused before the body is read: nothing of an unauthenticated request is parsed
            answer(exchange, () -> Wire.sendError(exchange, 401, "This cluster needs its token (Authorization:"
                    + " Bearer …), which its gateway gives the cluster's owner"), true);
            return;
        }
        lastActivityMillis = System.currentTimeMillis();
        String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
        if (exchange.getRequestMethod().equals("POST") && path.length == 3 && path[0].equals("sessions")
                && (path[2].equals("execute") || path[2].equals("persist"))) {
            // read here, run elsewhere: long computations must not hold the threads heartbeats need
            Session session = sessions.get(path[1]);
            if (session != null) {
                session.lastSeenMillis = System.currentTimeMillis();
                GraphRequest[] request = new GraphRequest[1];
                answer(exchange, () -> request[0] = (GraphRequest) readObject(exchange, session.loader), false);
                if (request[0] != null) {
                    boolean persist = path[2].equals("persist");
                    computations.execute(() -> answer(exchange, () -> run(exchange, request[0], persist, path[1]), true));
                }
                return;
            }
        }
        answer(exchange, () -> route(exchange, path), true);
    }

    /**
     * Runs a reply, turning failures into JSON errors (which close the exchange), and closes the
     * exchange after it when {@code last}.
     */
    private static void answer(HttpExchange exchange, Reply reply, boolean last) {
        try {
            try {
                reply.send();
                if (last) {
                    exchange.close();
                }
            } catch (IllegalArgumentException | IllegalStateException | InvalidClassException | ClassCastException e) {
                Wire.sendError(exchange, 400, e.getMessage());
                exchange.close();
            } catch (RuntimeException e) {
                Wire.sendError(exchange, 500, e.toString());
                exchange.close();
            }
        } catch (IOException e) {
            exchange.close();   // the client went away; nothing to answer
        }
    }

    private interface Reply {
        void send() throws IOException;
    }

    private void route(HttpExchange exchange, String[] path) throws IOException {
        String method = exchange.getRequestMethod();
        String first = path[0];
        switch (first) {
            case "status" -> Wire.sendJson(exchange, 200, status());
            case "dump" -> sendText(exchange, cluster.dumpState());
            case "sessions" -> sessions(exchange, method, path);
            case "code" -> code(exchange, method, path);
            case "published" -> published(exchange, method, path);
            case "scale" -> {
                int workers = readJson(exchange, new TypeReference<Map<String, Integer>>() { }).get("workers");
                engine.scale(workers);
                Wire.sendJson(exchange, 200, status());
            }
            case "adapt" -> {
                Map<String, Integer> bounds = readJson(exchange, new TypeReference<>() { });
                engine.adapt(bounds.get("minimum"), bounds.get("maximum"));
                Wire.sendJson(exchange, 200, status());
            }
            case "restart" -> {
                cluster.restart();
                Wire.sendJson(exchange, 200, status());
            }
            case "shutdown" -> {
                Wire.sendJson(exchange, 200, Map.of("stopping", record.name()));
                stop("shutdown was asked for");
            }
            default -> Wire.sendError(exchange, 404, "No such cluster endpoint: " + exchange.getRequestURI().getPath());
        }
    }

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", record.name());
        status.put("workers", cluster.workers());
        status.put("processing", cluster.tasksProcessingNow());
        status.put("waiting", cluster.tasksWaitingNow());
        status.put("sessions", sessions.size());
        status.put("published", List.copyOf(published.keySet()));
        status.put("kept", KeptResults.size());
        status.put("deserialized", deserialized.get());
        status.put("recentErrors", cluster.recentErrors());
        status.put("adapt", engine.adaptBounds().orElse(null));
        status.put("backend", record.backendOrLocal().value());
        return status;
    }

    private void sessions(HttpExchange exchange, String method, String[] path) throws IOException {
        if (path.length == 1 && method.equals("POST")) {
            String id = Wire.newId();
            sessions.put(id, new Session());
            if (creator == null) {
                creator = id;
            }
            Wire.sendJson(exchange, 200, Map.of("session", id, "parallelism", engine.parallelism(),
                    "heartbeatMillis", record.heartbeatMillis()));
            return;
        }
        String id = path.length > 1 ? path[1] : "";
        Session session = sessions.get(id);
        if (session == null) {
            Wire.sendError(exchange, 410, "The client session " + id + " has ended (closed, or no heartbeat for "
                    + record.heartbeatMillis() + " ms); connect again");
            return;
        }
        session.lastSeenMillis = System.currentTimeMillis();
        String action = path.length > 2 ? path[2] : "";
        switch (method + " " + action) {
            case "DELETE " -> {
                endSession(id);
                exchange.sendResponseHeaders(204, -1);
            }
            case "POST heartbeat" -> exchange.sendResponseHeaders(204, -1);
            case "POST code" -> {
                List<String> hashes = readJson(exchange, new TypeReference<List<String>>() { });
                session.loader = code.loaderFor(hashes);
                engine.shipped(code.shippedJars(hashes));
                exchange.sendResponseHeaders(204, -1);
            }
            case "PUT published" -> publish(exchange, session, id, path.length > 3 ? path[3] : "");
            default -> Wire.sendError(exchange, 404, "No such session endpoint: " + method + " " + action);
        }
    }

    /** Runs a graph sent by a client; the reply is its results, or the failure, serialized. */
    private void run(HttpExchange exchange, GraphRequest request, boolean persist, String owner) throws IOException {
        TaskGraph graph = TaskGraph.of(request.tasks());
        Object reply;
        try {
            if (persist) {
                ResultStore kept = cluster.scheduler().persist(graph, request.outputs()).orElseThrow();
                reply = KeptResults.keep(record.name(), kept, owner);
            } else {
                reply = new LinkedHashMap<>(cluster.scheduler().execute(graph, request.outputs()));
            }
        } catch (RuntimeException | Error e) {
            reply = new GraphRequest.Failure(e);
        }
        byte[] bytes;
        try {
            bytes = Wire.serialize(reply);   // once: a failure that does not travel falls back to its text below
        } catch (IllegalArgumentException | UncheckedIOException notSerializable) {
            Throwable failure = reply instanceof GraphRequest.Failure f ? textOnly(f.error()) : notSerializable;
            bytes = Wire.serialize(new GraphRequest.Failure(failure));
        }
        Wire.sendBinary(exchange, bytes);
    }

    /** A failure's text with the same stack, for one whose class or cause does not serialize. */
    private static Throwable textOnly(Throwable e) {
        RuntimeException copy = new RuntimeException(e.toString());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private void publish(HttpExchange exchange, Session session, String owner, String name) throws IOException {
        requireName(name);
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        Set<String> kept;
        try {
            kept = KeptResults.resolvedBy(() -> Wire.deserialize(new ByteArrayInputStream(bytes), session.loader));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        deserialized.incrementAndGet();
        if (published.putIfAbsent(name, new Published(bytes, session.loader)) != null) {
            Wire.sendError(exchange, 409, "'" + name + "' is already published on " + record.name()
                    + "; unpublish it first or choose another name");
            return;
        }
        KeptResults.addOwner(kept, "published:" + name);
        exchange.sendResponseHeaders(204, -1);
    }

    private void published(HttpExchange exchange, String method, String[] path) throws IOException {
        if (path.length == 1) {
            Wire.sendJson(exchange, 200, List.copyOf(published.keySet()));
            return;
        }
        String name = path[1];
        Published value = published.get(name);
        if (value == null) {
            Wire.sendError(exchange, 404, "Nothing is published as '" + name + "' on " + record.name() + "; published: "
                    + published.keySet());
            return;
        }
        if (method.equals("DELETE")) {
            published.remove(name);
            KeptResults.release("published:" + name);
            exchange.sendResponseHeaders(204, -1);
        } else {
            Wire.sendBinary(exchange, value.bytes());
        }
    }

    private void code(HttpExchange exchange, String method, String[] path) throws IOException {
        if (method.equals("POST") && path.length == 2 && path[1].equals("missing")) {
            Wire.sendJson(exchange, 200, code.missing(readJson(exchange, new TypeReference<List<String>>() { })));
        } else if (method.equals("PUT") && path.length == 2) {
            code.store(path[1], exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
        } else {
            Wire.sendError(exchange, 404, "No such code endpoint: " + method + " " + exchange.getRequestURI().getPath());
        }
    }

    private Object readObject(HttpExchange exchange, ClassLoader loader) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            Object value = Wire.deserialize(in, loader);
            deserialized.incrementAndGet();
            return value;
        }
    }

    private static <T> T readJson(HttpExchange exchange, TypeReference<T> type) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Wire.JSON.readValue(in, type);
        }
    }

    private static void sendText(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void requireName(String name) {
        Names.require(name, "published name");
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicLong n = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
