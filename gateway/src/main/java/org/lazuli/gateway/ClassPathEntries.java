package org.lazuli.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A JVM's class path as code that can travel: every jar and class folder (manifest {@code Class-Path}
 * entries followed, as Surefire's and the gateway's own jars use them), each named by the SHA-256 of
 * its content. A folder travels as a jar built from it deterministically, so equal folders hash equal.
 */
final class ClassPathEntries {
    private static final FileTime EPOCH = FileTime.fromMillis(0);
    private static final Map<Path, Entry> HASHED = new ConcurrentHashMap<>();

    /** One class path entry and the hash of its content. */
    record Entry(Path path, String sha256, long size, long modified) {

        /** The bytes that travel: the jar itself, or a jar of the folder. */
        byte[] bytes() {
            return read(path);
        }
    }

    private ClassPathEntries() {
    }

    /** This JVM's class path, manifests followed, without entries that do not exist. */
    static List<Path> ofThisJvm() {
        return expand(System.getProperty("java.class.path", ""));
    }

    /** Splits and expands a class path string. */
    static List<Path> expand(String classPath) {
        Set<Path> out = new LinkedHashSet<>();
        for (String part : classPath.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                add(Path.of(part).toAbsolutePath().normalize(), out);
            }
        }
        return List.copyOf(out);
    }

    private static void add(Path path, Set<Path> out) {
        if (!Files.exists(path) || !out.add(path) || Files.isDirectory(path)) {
            return;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String item : classPath.trim().split("\\s+")) {
                Path entry = item.startsWith("file:")
                        ? Path.of(java.net.URI.create(item))
                        : path.getParent().resolve(item.replace('/', java.io.File.separatorChar));
                add(entry.toAbsolutePath().normalize(), out);
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar: the JVM skips it too
        }
    }

    /** The entry with its content hash, computed once per path while its size and time are unchanged. */
    static Entry hashed(Path path) {
        long size;
        long modified;
        try {
            size = Files.isDirectory(path) ? -1 : Files.size(path);
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path entry " + path + ": " + e.getMessage(), e);
        }
        Entry known = HASHED.get(path);
        if (known != null && known.size() == size && known.modified() == modified && size >= 0) {
            return known;
        }
        Entry entry = new Entry(path, sha256(read(path)), size, modified);
        HASHED.put(path, entry);
        return entry;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.isDirectory(path) ? jarOf(path) : Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path entry " + path + ": " + e.getMessage(), e);
        }
    }

    /** The folder as a jar: entries sorted, times fixed, so the same content gives the same bytes. */
    private static byte[] jarOf(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'));
                entry.setLastModifiedTime(EPOCH);
                zip.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
