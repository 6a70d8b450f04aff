package org.lazuli.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Code clients ship to a cluster, cached on disk by content hash (shared by every cluster of a
 * gateway), and one class loader per distinct set of shipped jars on top of the cluster's own class
 * path. Jars the cluster already has (same hash) are never asked for.
 */
final class ShippedCode {
    private final Path directory;
    private final Set<String> own;
    private final Map<List<String>, ClassLoader> loaders = new ConcurrentHashMap<>();

    ShippedCode(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the code cache " + directory + ": " + e.getMessage(), e);
        }
        this.own = ClassPathEntries.ofThisJvm().stream().map(p -> ClassPathEntries.hashed(p).sha256())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Of {@code hashes}, those neither on this JVM's class path nor in the cache. */
    List<String> missing(List<String> hashes) {
        List<String> missing = new ArrayList<>();
        for (String hash : hashes) {
            requireHash(hash);
            if (!own.contains(hash) && !Files.exists(jar(hash))) {
                missing.add(hash);
            }
        }
        return missing;
    }

    /** Stores shipped bytes after checking they are what their hash says. */
    void store(String hash, byte[] bytes) throws IOException {
        requireHash(hash);
        String actual = ClassPathEntries.sha256(bytes);
        if (!actual.equals(hash)) {
            throw new IllegalArgumentException("The code sent as " + hash + " hashes to " + actual + "; send it again");
        }
        Path temporary = Files.createTempFile(directory, hash, ".part");
        Files.write(temporary, bytes);
        Files.move(temporary, jar(hash), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The loader for a client's class path: its jars this JVM lacks, over this JVM's own. */
    ClassLoader loaderFor(List<String> hashes) {
        List<String> shipped = hashes.stream().filter(h -> !own.contains(h)).toList();
        if (shipped.isEmpty()) {
            return ShippedCode.class.getClassLoader();
        }
        List<String> absent = shipped.stream().filter(h -> !Files.exists(jar(h))).toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("The code " + absent + " was not shipped; send it first (PUT /code/{hash})");
        }
        return loaders.computeIfAbsent(shipped, list -> {
            URL[] urls = list.stream().map(this::url).toArray(URL[]::new);
            return new URLClassLoader("lazuli-shipped-code", urls, ShippedCode.class.getClassLoader());
        });
    }

    /** The cached jars of a client's class path that this JVM lacks. */
    List<Path> shippedJars(List<String> hashes) {
        return hashes.stream().filter(h -> !own.contains(h)).map(this::jar).filter(Files::exists).toList();
    }

    private URL url(String hash) {
        try {
            return jar(hash).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path jar(String hash) {
        return directory.resolve(hash + ".jar");
    }

    private static void requireHash(String hash) {
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 in hex: " + hash);
        }
    }
}
