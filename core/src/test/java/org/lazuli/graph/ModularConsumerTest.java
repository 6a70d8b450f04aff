package org.lazuli.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that {@code requires org.lazuli.core} on the module path, compiled and run as one: the
 * API is there (a chunked sum on a local cluster), the kernels are not.
 */
class ModularConsumerTest {
    private static final Path CORE = Path.of("target/classes");

    @TempDir
    Path dir;

    private String compile(String mainSource) throws IOException, InterruptedException {
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires org.lazuli.core; }\n");
        Files.writeString(src.resolve("app/Main.java"), mainSource);
        // the JDK's javac in a process: this test runs inside core's module, which does not read java.compiler
        Process javac = new ProcessBuilder(tool("javac"), "-d", dir.resolve("out").toString(), "--module-path",
                CORE.toString(), src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString())
                .redirectErrorStream(true).start();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac ends");
        return javac.exitValue() == 0 ? null : errors;
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    @Test
    void anApplicationOnTheModulePathComputesWithTheApi() throws Exception {
        String failure = compile("""
                package app;
                import org.lazuli.array.ChunkedArray;
                import org.lazuli.cluster.Client;
                import org.lazuli.cluster.LocalCluster;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).start();
                             Client client = Client.connect(cluster)) {
                            System.out.println(ChunkedArray.arange(100, 10).sum().compute().getDouble());
                        }
                    }
                }
                """);
        assertEquals(null, failure);
        Process p = new ProcessBuilder(tool("java"), "--module-path", CORE + File.pathSeparator
                + dir.resolve("out"), "-m", "app/app.Main").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the application ends");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("4950.0", out.strip());
    }

    @Test
    void theKernelsAreNotVisibleToIt() throws Exception {
        String failure = compile("""
                package app;
                import org.lazuli.kernel.TileOps;
                public class Main {
                    public static void main(String[] args) {
                        System.out.println(TileOps.class);
                    }
                }
                """);
        assertTrue(failure != null && failure.contains("package org.lazuli.kernel is not visible"), failure);
    }
}
