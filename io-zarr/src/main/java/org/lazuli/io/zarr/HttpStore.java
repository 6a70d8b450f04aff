package org.lazuli.io.zarr;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only Zarr store served over HTTP(S) (a static file server, a cloud bucket's public URL): a key
 * is a URL below the store's. Missing keys are 404s. Transient failures (connection errors, 429 and
 * 5xx answers) are retried a bounded number of times with growing pauses; the error then names the URL.
 * Listing is impossible over plain HTTP, so such stores are read through their consolidated metadata.
 */
final class HttpStore implements Store {
    private static final long serialVersionUID = 1L;
    private static final int ATTEMPTS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One client per JVM (it pools connections and threads); a store holds only its URL, so it serializes. */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private final String base;
    /** Metadata keys the server answered 403 for, taken as missing: kept for the message if nothing is found. */
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

    HttpStore(URI root) {
        String text = root.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private URI uri(String key) {
        return URI.create(key.isEmpty() ? base : base + "/" + key);
    }

    @Override
    public byte[] get(String key) throws IOException {
        return send(key, HttpRequest.newBuilder(uri(key)).timeout(TIMEOUT).GET().build(), 200);
    }

    /** A Range request (206 Partial Content), so that one chunk of a shard crosses the network, not the shard. */
    @Override
    public byte[] getRange(String key, long offset, int length) throws IOException {
        String range = offset < 0 ? "-" + length : offset + "-" + (offset + length - 1);
        HttpRequest request = HttpRequest.newBuilder(uri(key)).timeout(TIMEOUT).header("Range", "bytes=" + range)
                .GET().build();
        byte[] body = send(key, request, 206);
        if (body != null && body.length != length) {
            throw new IOException("GET " + uri(key) + " bytes " + range + " returned " + body.length + " bytes where "
                    + length + " were asked for; the object is shorter than its shard index says");
        }
        return body;
    }

    private byte[] send(String key, HttpRequest request, int expected) throws IOException {
        URI uri = request.uri();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<byte[]> response = Shared.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == expected) {
                    return response.body();
                }
                if (status == 404) {
                    return null;
                }
                if (status == 403 && isMetadata(key)) {
                    // object stores answer 403 for a missing key to whom may not list the bucket: a metadata
                    // document probed that way may just not exist, so it counts as missing, remembered for the message
                    forbidden.add(key);
                    return null;
                }
                last = new IOException("GET " + uri + " answered HTTP " + status
                        + (expected == 206 && status == 200 ? " instead of 206 (the server ignores Range requests)" : ""));
                if (status != 429 && status < 500) {
                    throw last;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading " + uri, e);
            } catch (IOException e) {
                if (e == last) {
                    throw e;
                }
                last = new IOException("GET " + uri + " failed: " + e, e);
            }
            if (attempt < ATTEMPTS) {
                pause(attempt);
            }
        }
        throw new IOException(last.getMessage() + " (after " + ATTEMPTS + " attempts); check that the server is"
                + " reachable and the URL is right", last);
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(100L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to retry", e);
        }
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        throw new IOException("The HTTP store " + base + " is read-only; write to a local folder or to s3://");
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        throw new IOException("The HTTP store " + base + " cannot be listed, and has no consolidated metadata"
                + " (.zmetadata); consolidate it where it was written (zarr.consolidate_metadata), or copy it to a"
                + " local folder" + missingHint());
    }

    /** Zarr's metadata documents, v2 and v3: the keys a reader probes for. */
    private static boolean isMetadata(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.equals(".zgroup") || name.equals(".zattrs") || name.equals(".zarray") || name.equals(".zmetadata")
                || name.equals("zarr.json");
    }

    @Override
    public String missingHint() {
        if (forbidden.isEmpty()) {
            return "";
        }
        return "; the server answered 403 Forbidden (not 404) for " + new TreeSet<>(forbidden) + ": the store may be"
                + " private (read it as s3://bucket/key with credentials in the storage options) or not there";
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        put(prefix, new byte[0]);
    }

    @Override
    public String describe(String key) {
        return uri(key).toString();
    }

    @Override
    public String toString() {
        return base;
    }
}
