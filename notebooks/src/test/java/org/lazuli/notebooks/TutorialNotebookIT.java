package org.lazuli.notebooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.plot.Plot;

/**
 * The tutorial notebook as a user runs it: {@code install-kernel.sh} installs the kernel from the
 * packaged jars into a Jupyter data folder of its own, Jupyter executes {@code tutorial.ipynb} on
 * it and converts it to HTML, and the outputs are checked against values computed here.
 */
@Timeout(600)
class TutorialNotebookIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path WORK = MODULE.resolve("target/notebook-it");
    private static final Path WINDS = MODULE.resolve("../testdata/monthly_navy_winds.cdf").normalize();
    private static List<JsonNode> cells;
    private static String html;

    @BeforeAll
    static void executeTheNotebook() throws Exception {
        Files.createDirectories(WORK);
        Map<String, String> env = Map.of("JUPYTER_DATA_DIR", WORK.resolve("jupyter").toString(), "LAZULI_SKIP_BUILD", "1");
        run(env, "install-kernel", "bash", MODULE.resolve("install-kernel.sh").toString());
        run(env, "execute", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                "--output-dir", WORK.toString(), "--output", "tutorial", MODULE.resolve("tutorial.ipynb").toString());
        run(env, "to-html", "jupyter", "nbconvert", "--to", "html", "--output-dir", WORK.toString(), WORK.resolve("tutorial.ipynb").toString());
        JsonNode notebook = new ObjectMapper().readTree(WORK.resolve("tutorial.ipynb").toFile());
        cells = StreamSupport.stream(notebook.get("cells").spliterator(), false)
                .filter(c -> c.get("cell_type").asText().equals("code")).toList();
        html = Files.readString(WORK.resolve("tutorial.html"));
    }

    @Test
    void everyCellRanWithoutAnError() {
        for (JsonNode cell : cells) {
            for (JsonNode output : cell.get("outputs")) {
                assertTrue(!output.get("output_type").asText().equals("error") && !output.path("name").asText().equals("stderr"),
                        "cell " + source(cell) + " failed: " + output);
            }
        }
    }

    @Test
    void theClientShowsItsClusterAndDashboardLink() {
        String client = result(cellStartingWith("LocalCluster cluster"), "text/html");
        assertTrue(client.contains("workers=1, threads=4"), client);
        assertTrue(client.matches("(?s).*Dashboard: <a href=\"http://127\\.0\\.0\\.1:\\d+/status\\?token=[^\"]+\".*"), client);
        assertTrue(html.contains("Dashboard: <a href=\"http://127.0.0.1:"), "the saved HTML has the dashboard link");
    }

    @Test
    void chunkedArraysShowTheirSizesAndChunkGrid() {
        String x = result(cellStartingWith("ChunkedArray x ="), "text/html");
        assertTrue(x.contains("762.94 MiB") && x.contains("7.63 MiB") && x.contains("<svg"), x);
        assertTrue(x.contains("Blocks / tasks</th><td colspan=\"2\">100 / 100</td>"), x);
    }

    @Test
    void theMeansAreThoseComputedHere() {
        double chunked = ChunkedArray.random(new long[]{10000, 10000}, new long[]{1000, 1000}, 42L).mean()
                .compute(SynchronousScheduler.instance()).getDouble();
        SplittableRandom random = new SplittableRandom(42L);
        double sum = 0;
        for (int i = 0; i < 10000 * 10000; i++) {
            sum += random.nextDouble();
        }
        String text = result(cellStartingWith("long start"), "text/html");
        assertTrue(text.startsWith(String.format(Locale.ROOT, "chunked mean %.6f in ", chunked)), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "in memory, one thread: %.6f in ", sum / (10000 * 10000))), text);
    }

    @Test
    void theDatasetShowsItsHtmlRepr() {
        String dataset = result(cellStartingWith("Dataset ds ="), "text/html");
        for (String part : List.of("<details", "Dimensions", "Coordinates", "Data variables", "Attributes", "UWND", "VWND",
                "TIME", "FNOCY", "FNOCX")) {
            assertTrue(dataset.contains(part), part + " in " + dataset);
        }
        String text = result(cellStartingWith("Dataset ds ="), "text/plain");
        assertTrue(text.startsWith("<lazuli.Dataset>\nDimensions:  (FNOCX: 144, FNOCY: 73, TIME: 132)"), text);
        assertTrue(html.contains("Data variables"), "the saved HTML has the Dataset's repr");
    }

    @Test
    void thePlotIsTheMapDrawnHereAsAnInlinePng() throws IOException {
        String png = result(cellStartingWith("Plot.of(january)"), "image/png");
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(png)));
        try (Dataset ds = Lazuli.openDataset(WINDS)) {
            DataArray january = ds.get("UWND").groupBy("TIME.month").mean("TIME").compute().isel("month", 0);
            BufferedImage expected = Plot.of(january).title("UWND, January climatology").render();
            assertEquals(expected.getWidth(), shown.getWidth());
            assertEquals(expected.getHeight(), shown.getHeight());
            assertArrayEquals(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                    shown.getRGB(0, 0, shown.getWidth(), shown.getHeight(), null, 0, shown.getWidth()), "pixel for pixel");
        }
        assertEquals("Plot(map of UWND, 800 x 500 px)", result(cellStartingWith("Plot.of(january)"), "text/plain"));
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the saved HTML has the map");
    }

    @Test
    void theAnomaliesSpreadIsTheEagerOne() {
        try (Dataset ds = Lazuli.openDataset(WINDS)) {
            DataArray u = ds.get("UWND");
            double expected = u.groupBy("TIME.month").subtract(u.groupBy("TIME.month").mean("TIME")).std().compute()
                    .values().getDouble();
            double shown = Double.parseDouble(result(cellStartingWith("DataArray anomaly"), "text/html"));
            assertEquals(expected, shown, 1e-5 * Math.abs(expected));
        }
    }

    @Test
    void delayedValuesAndFuturesGiveTheLessonsResults() {
        assertEquals("5", result(cellStartingWith("int inc"), "text/html"));
        assertEquals("future 11, mapped [2, 3, 4], fed by a future 22", result(cellStartingWith("TaskFuture<Integer> f"), "text/html"));
    }

    private static JsonNode cellStartingWith(String start) {
        return cells.stream().filter(c -> source(c).startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell starts with " + start));
    }

    private static String source(JsonNode cell) {
        JsonNode source = cell.get("source");
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /** The cell's result in {@code mime}, lines joined. */
    private static String result(JsonNode cell, String mime) {
        for (JsonNode output : cell.get("outputs")) {
            JsonNode data = output.path("data").path(mime);
            if (!data.isMissingNode()) {
                if (data.isTextual()) {
                    return data.asText();
                }
                StringBuilder text = new StringBuilder();
                data.forEach(line -> text.append(line.asText()));
                return text.toString();
            }
        }
        throw new AssertionError("cell " + source(cell) + " has no " + mime + " result: " + cell.get("outputs"));
    }

    /** Runs a command in the module's folder, its output in {@code <step>.log}; fails with the log's end. */
    private static void run(Map<String, String> env, String step, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
                .redirectOutput(WORK.resolve(step + ".log").toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed: the notebook needs Jupyter (Debian: apt-get install"
                    + " jupyter-nbconvert jupyter-client)", e);
        }
        if (!process.waitFor(400, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 400 s");
        }
        if (process.exitValue() != 0) {
            List<String> log = new ArrayList<>(Files.readAllLines(builder.redirectOutput().file().toPath()));
            fail(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
        }
    }
}
