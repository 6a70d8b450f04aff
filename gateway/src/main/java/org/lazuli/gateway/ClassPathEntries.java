package org.lazuli.gateway;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
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

    /**
     * One class path entry and the hash of its content. A folder keeps the jar made of it, so what
     * travels is exactly what was hashed even when the folder changes meanwhile.
     */
    record Entry(Path path, String sha256, long size, long modified, byte[] folderJar) {

        /** The bytes that travel: the jar itself, or the jar of the folder. */
        byte[] bytes() {
            byte[] bytes = folderJar != null ? folderJar : read(path);
            if (folderJar == null && !ClassPathEntries.sha256(bytes).equals(sha256)) {
                throw new IllegalStateException("The jar " + path + " changed while it was being shipped; connect again");
            }
            return bytes;
        }
    }

    private ClassPathEntries() {
    }

    /**
     * The class path of this thread's code: the jars and folders of every {@link java.net.URLClassLoader}
     * from the context class loader up (what {@code mvn exec:java} and application servers load user code
     * with), then {@code java.class.path}; manifests followed, entries that do not exist left out.
     */
    static List<Path> ofThisJvm() {
        Set<Path> out = new LinkedHashSet<>();
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            chain.add(0, l);   // parents first, as classes resolve
        }
        for (ClassLoader loader : chain) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            add(Path.of(url.toURI()).toAbsolutePath().normalize(), out);
                        } catch (URISyntaxException | IllegalArgumentException ignored) {
                            // not a local path
                        }
                    }
                }
            }
        }
        out.addAll(expand(System.getProperty("java.class.path", "")));
        return List.copyOf(out);
    }

    /** Splits and expands a class path string. */
    static List<Path> expand(String classPath) {
        Set<Path> out = new LinkedHashSet<>();
        for (String part : classPath.split(File.pathSeparator)) {
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
                        ? Path.of(URI.create(item))
                        : path.getParent().resolve(item.replace('/', File.separatorChar));
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
        byte[] bytes = read(path);
        if (size < 0) {
            return new Entry(path, sha256(bytes), size, modified, bytes);   // folders are hashed afresh each time
        }
        Entry entry = new Entry(path, sha256(bytes), size, modified, null);
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
                ZipEntry entry = new ZipEntry(folder.relativize(file).toString().replace(File.separatorChar, '/'));
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
