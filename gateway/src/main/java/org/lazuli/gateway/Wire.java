package org.lazuli.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the gateway, its clients and its clusters share on the wire: bearer tokens compared in
 * constant time, JSON for everything the gateway reads, and Java serialization (behind a class
 * filter) only between an authenticated client and its cluster.
 */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String BINARY = "application/x-java-serialized-object";

    /**
     * Classes that have been used as deserialization gadgets are refused outright, and graphs are
     * bounded in depth; the rest is allowed because an authenticated client runs its own code anyway.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=1000;!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
                    + "!com.sun.org.apache.xalan.internal.xsltc.trax.*;!org.codehaus.groovy.runtime.*;!javax.management.*;"
                    + "!java.rmi.*;!sun.rmi.*;!com.sun.rowset.*;!org.springframework.beans.factory.*;"
                    + "!com.mchange.v2.c3p0.*;!bsh.*;!org.python.core.*;!clojure.*;!java.beans.*;*");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Wire() {
    }

    /** A random token: 32 bytes as hex. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A short random id: 6 bytes as hex. */
    static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code header} is "Bearer {@code expected}", compared in constant time. */
    static boolean bearerMatches(String header, String expected) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return same(header.substring("Bearer ".length()).trim(), expected);
    }

    static boolean same(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("Cannot send " + describe(value) + " to the cluster: " + e.getMessage()
                    + " is not Serializable. Functions and values sent to a gateway's cluster cross JVMs: capture only"
                    + " serializable values (no clients, streams or open files)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize " + describe(value) + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Reads one object, resolving classes with {@code loader}, through {@link #FILTER}. */
    static Object deserialize(InputStream in, ClassLoader loader) throws IOException {
        try (ObjectInputStream objects = new LoaderObjectInputStream(in, loader)) {
            objects.setObjectInputFilter(FILTER);
            return objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new InvalidClassException(e.getMessage(), "the class is neither on the cluster's class path nor in"
                    + " the code this client shipped");
        }
    }

    // ---- HTTP helpers shared by the gateway and the clusters --------------------------------

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        sendJson(exchange, status, Map.of("error", message));
    }

    static void sendBinary(HttpExchange exchange, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", BINARY);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Resolves classes with a given loader: the code a client shipped, on the cluster. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);   // primitives and arrays of them
            }
        }
    }
}
