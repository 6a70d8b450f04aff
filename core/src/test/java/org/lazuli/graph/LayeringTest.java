package org.lazuli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way (DESIGN.md): the scheduler knows tasks, never arrays or labels. */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/org/lazuli");

    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "graph", List.of("org.lazuli.array", "org.lazuli.exec", "org.lazuli.labelled", "org.lazuli.kernel"),
            "exec", List.of("org.lazuli.array", "org.lazuli.labelled", "org.lazuli.kernel"),
            "kernel", List.of("org.lazuli.array", "org.lazuli.exec", "org.lazuli.labelled"),
            "array", List.of("org.lazuli.labelled"));

    @Test
    void lowerLayersDoNotImportHigherOnes() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = SOURCES.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        for (String forbidden : rule.getValue()) {
                            if (line.startsWith("import " + forbidden + ".") || line.startsWith("import static " + forbidden + ".")) {
                                violations.add(file + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
