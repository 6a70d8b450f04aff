package org.lazuli.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars executors need besides Spark's own: Lazuli, its readers, and the application's classes
 * (the lambdas of futures live there). Taken from the driver's class path, minus the jars of Spark's
 * distribution (listed at build time), with class directories packed into jars.
 */
final class ApplicationJars {
    private static final String SPARK_RUNTIME = "spark-runtime.txt";

    private ApplicationJars() {
    }

    /** The driver's class path entries executors lack, as jar paths. */
    static List<String> fromDriverClassPath(Path scratch) {
        Set<String> sparkJars = sparkRuntimeJars();
        Set<String> jars = new LinkedHashSet<>();
        for (Path path : classPath()) {
            if (Files.isDirectory(path)) {
                jars.add(packDirectory(path, scratch).toString());
            } else if (!sparkJars.contains(path.getFileName().toString())) {
                jars.add(path.toString());
            }
        }
        return new ArrayList<>(jars);
    }

    /**
     * This JVM's class path as the application sees it: the entries of the URL class loaders that
     * loaded Lazuli (as under {@code mvn exec:java} or an application server), then {@code
     * java.class.path}; existing files only, the JDK's own left out.
     */
    static List<Path> classPath() {
        Path javaHome = Paths.get(System.getProperty("java.home")).toAbsolutePath();
        Set<Path> entries = new LinkedHashSet<>();
        for (ClassLoader loader : List.of(ApplicationJars.class.getClassLoader(), contextLoader())) {
            for (ClassLoader l = loader; l != null; l = l.getParent()) {
                if (l instanceof URLClassLoader urls) {
                    for (URL url : urls.getURLs()) {
                        if (url.getProtocol().equals("file")) {
                            try {
                                entries.add(Paths.get(url.toURI()).toAbsolutePath());
                            } catch (URISyntaxException | IllegalArgumentException ignored) {
                                // not a plain file URL: not something to ship
                            }
                        }
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Paths.get(entry).toAbsolutePath());
            }
        }
        entries.removeIf(p -> p.startsWith(javaHome) || !Files.exists(p));
        return new ArrayList<>(entries);
    }

    private static ClassLoader contextLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassLoader.getSystemClassLoader();
    }

    /** File names of the jars Spark's distribution has (Spark and its dependencies, as Maven names them). */
    static Set<String> sparkRuntimeJars() {
        Set<String> names = new HashSet<>();
        sparkRuntime().forEach(jar -> names.add(jar.fileName()));
        return names;
    }

    /**
     * One jar of Spark's distribution.
     *
     * @param artifactId its Maven artifact id (with the classifier, if any, for matching other versions)
     * @param fileName   its file name at the version Spark was built with
     */
    record SparkJar(String artifactId, String fileName) {
        /** Whether {@code file} is this jar, at any version. */
        boolean matches(String file) {
            return file.equals(fileName) || (file.startsWith(artifactId + "-") && file.length() > artifactId.length() + 1
                    && Character.isDigit(file.charAt(artifactId.length() + 1)) && file.endsWith(".jar"));
        }
    }

    /** The jars of Spark's distribution, from the list made at build time. */
    static List<SparkJar> sparkRuntime() {
        List<SparkJar> jars = new ArrayList<>();
        try (InputStream in = ApplicationJars.class.getResourceAsStream(SPARK_RUNTIME)) {
            if (in == null) {
                return jars;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String coordinates = line.strip().split(" ")[0];
                String[] parts = coordinates.split(":");
                if (parts.length == 5) {            // group:artifact:type:version:scope
                    jars.add(new SparkJar(parts[1], parts[1] + "-" + parts[3] + "." + parts[2]));
                } else if (parts.length == 6) {     // group:artifact:type:classifier:version:scope
                    jars.add(new SparkJar(parts[1], parts[1] + "-" + parts[4] + "-" + parts[3] + "." + parts[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    /** A class directory as a jar in {@code scratch}. */
    private static Path packDirectory(Path directory, Path scratch) {
        Path jar = scratch.resolve("classes-" + Integer.toHexString(directory.toString().hashCode()) + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(directory)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(directory.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pack " + directory + " into a jar for the executors: " + e.getMessage(), e);
        }
        return jar;
    }
}
