package org.lazuli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (DESIGN.md): every package of core belongs to a layer, and a layer uses only
 * the layers it is allowed, by import or by a qualified name written inline. The scheduler knows tasks,
 * never arrays or labels. Within a layer an API package and its SPI may use each other (a backend returns
 * a {@code Dataset}, a dashboard provider is handed a {@code Cluster}).
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** Package → its layer. */
    private static final Map<String, String> LAYER_OF = Map.ofEntries(
            Map.entry("org.lazuli.text", "text"),
            Map.entry("org.lazuli.graph", "graph"),
            Map.entry("org.lazuli.kernel", "kernel"),
            Map.entry("org.lazuli.exec", "exec"),
            Map.entry("org.lazuli.cluster", "cluster"),
            Map.entry("org.lazuli.array", "array"),
            Map.entry("org.lazuli.time", "time"),
            Map.entry("org.lazuli.labelled", "labelled"),
            Map.entry("org.lazuli.io.spi", "labelled"),
            Map.entry("org.lazuli", "entry"));

    /** Layer → the layers it may use (besides itself). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "text", Set.of(),
            "graph", Set.of("text"),
            "kernel", Set.of("text", "graph"),
            "exec", Set.of("text", "graph"),
            "cluster", Set.of("text", "graph", "exec"),
            "array", Set.of("text", "graph", "kernel", "exec"),
            "time", Set.of("text"),
            "labelled", Set.of("text", "graph", "kernel", "exec", "array", "time"),
            "entry", Set.of("text", "graph", "kernel", "exec", "cluster", "array", "time", "labelled"));

    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])(org\\.lazuli(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Map<Path, String> files = sources();
        Set<String> unplaced = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        files.forEach((file, pkg) -> {
            String layer = LAYER_OF.get(pkg);
            if (layer == null) {
                unplaced.add(pkg);
                return;
            }
            for (String used : references(file)) {
                String usedLayer = LAYER_OF.get(used);
                if (usedLayer != null && !usedLayer.equals(layer) && !MAY_USE.get(layer).contains(usedLayer)) {
                    violations.add(SOURCES.relativize(file) + ": " + layer + " uses " + used + " (" + usedLayer + ")");
                }
            }
        });
        assertEquals(Set.of(), unplaced, "every package is placed in a layer here");
        assertEquals(List.of(), violations);
    }

    @Test
    void mainCodeImportsWhatItUsesRatherThanQualifyingItInline() throws IOException {
        Pattern inline = Pattern.compile("(?<![\\w.])(?:java|javax|org\\.lazuli)(?:\\.[a-z]\\w*)+\\.[A-Z]");
        List<String> qualified = new ArrayList<>();
        for (Path file : sources().keySet()) {
            for (String code : codeLines(file)) {
                if (code.startsWith("import ")) {
                    continue;
                }
                Matcher m = inline.matcher(code);
                if (m.find()) {
                    qualified.add(SOURCES.relativize(file) + ": " + code.strip());
                }
            }
        }
        assertEquals(List.of(), qualified);
    }

    /**
     * The module exports what users and plug-ins write against and nothing else: every package is either
     * exported or named here as internal, so a new package is a decision. The kernels are used by core
     * alone; the text helpers only by the modules that show byte sizes. Every service core looks up is
     * declared, or a modular application would find no backend.
     */
    @Test
    void theModuleExportsTheApiPackagesOnly() throws IOException {
        ModuleDescriptor module = ModuleFinder.of(Path.of("target/classes")).find("org.lazuli.core").orElseThrow()
                .descriptor();
        Set<String> internal = Set.of("org.lazuli.kernel", "org.lazuli.text");
        Set<String> exported = new TreeSet<>();
        Map<String, Set<String>> qualified = new TreeMap<>();
        for (ModuleDescriptor.Exports e : module.exports()) {
            if (e.isQualified()) {
                qualified.put(e.source(), new TreeSet<>(e.targets()));
            } else {
                exported.add(e.source());
            }
        }
        Map<Path, String> sources = sources();
        Set<String> packages = new TreeSet<>(sources.values());
        assertEquals(packages, module.packages(), "the descriptor's packages are the sources'");
        Set<String> api = new TreeSet<>(packages);
        api.removeAll(internal);
        assertEquals(api, exported);
        assertEquals(Map.of("org.lazuli.text", Set.of("org.lazuli.dashboard", "org.lazuli.gateway", "org.lazuli.spark")),
                qualified);

        Pattern lookup = Pattern.compile("ServiceLoader\\.load\\((\\w+)\\.class\\)");
        Set<String> looked = new TreeSet<>();
        Map<String, String> typeToName = new TreeMap<>();
        sources.forEach((file, pkg) -> {
            String type = file.getFileName().toString().replace(".java", "");
            typeToName.put(type, pkg + "." + type);
            for (String code : codeLines(file)) {
                Matcher m = lookup.matcher(code);
                while (m.find()) {
                    looked.add(m.group(1));
                }
            }
        });
        Set<String> services = new TreeSet<>();
        looked.forEach(type -> services.add(typeToName.get(type)));
        assertEquals(services, new TreeSet<>(module.uses()));
    }

    @Test
    void theCheckSeesInlineNamesInCodeButNotInCommentsOrStrings() {
        List<String> lines = codeLines(List.of("/** {@link org.lazuli.array.ChunkedArray} */",
                "String s = \"org.lazuli.array.X\"; // org.lazuli.array.Y",
                "org.lazuli.array.ChunkedArray a = null;"));
        assertEquals(1, lines.stream().filter(l -> REFERENCE.matcher(l).find()).count());
        assertTrue(lines.get(lines.size() - 1).contains("org.lazuli.array.ChunkedArray"));
    }

    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.java")).sorted().toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                out.put(file, pkg);
            }
        }
        return out;
    }

    /** The packages of org.lazuli a file names: its imports and the qualified names in its code. */
    private static Set<String> references(Path file) {
        Set<String> out = new TreeSet<>();
        for (String line : codeLines(file)) {
            String text = line.startsWith("import static ") ? line.substring(14) : line;
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static List<String> codeLines(Path file) {
        try {
            return codeLines(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of code without comments and string contents (and without the package line). */
    static List<String> codeLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean inComment = false;
        boolean inTextBlock = false;
        for (String line : lines) {
            String code = line;
            if (inTextBlock) {
                inTextBlock = !code.contains("\"\"\"");
                continue;
            }
            if (inComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                inComment = false;
                code = code.substring(end + 2);
            }
            if (code.startsWith("package ")) {
                continue;
            }
            int block = code.indexOf("\"\"\"");
            if (block >= 0) {
                inTextBlock = true;
                code = code.substring(0, block);
            }
            code = STRING.matcher(code).replaceAll("\"\"");
            int start = code.indexOf("/*");
            if (start >= 0) {
                int end = code.indexOf("*/", start + 2);
                inComment = end < 0;
                code = code.substring(0, start) + (end < 0 ? "" : code.substring(end + 2));
            }
            int lineComment = code.indexOf("//");
            if (lineComment >= 0) {
                code = code.substring(0, lineComment);
            }
            if (!code.isBlank()) {
                out.add(code);
            }
        }
        return out;
    }
}
