package org.lazuli.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.plot.Plot;
import org.lazuli.plot.Projection;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
    private static final Path CORDEX = MODULE.resolve("../testdata/tas_rotated_grid_EUR11.nc").normalize();
    private static List<JsonNode> cells;
    private static String html;

    @BeforeAll
    static void executeTheNotebook() throws Exception {
        Files.createDirectories(WORK);
        Map<String, String> env = Map.of("JUPYTER_DATA_DIR", WORK.resolve("jupyter").toString(), "LAZULI_SKIP_BUILD", "1");
        run(env, "install-kernel", "bash", MODULE.resolve("install-kernel.sh").toString());
        String[] execute = {"jupyter", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                "--ExecutePreprocessor.startup_timeout=60", "--output-dir", WORK.toString(), "--output", "tutorial",
                MODULE.resolve("tutorial.ipynb").toString()};
        // the rapaio kernel now and then binds its sockets, answers on its control channel and never on its shell
        // channel (loaded or idle, with ports inside or below the ephemeral range alike; twice in a row once); a
        // kernel that answers does so within seconds, so a new start after a minute is what a user would do, up to four
        for (int attempt = 1; ; attempt++) {
            try {
                run(env, "execute", execute);
                break;
            } catch (AssertionError failed) {
                if (attempt == 4 || !Files.readString(WORK.resolve("execute.log")).contains("Kernel didn't respond")) {
                    throw failed;
                }
                Files.move(WORK.resolve("execute.log"), WORK.resolve("execute-attempt-" + attempt + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
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
    void theMapsAreThoseDrawnHereAsInlinePngs() throws IOException {
        try (Dataset ds = Lazuli.openDataset(WINDS); Dataset cordex = Lazuli.openDataset(CORDEX)) {
            DataArray u = ds.get("UWND");
            DataArray climatology = u.groupBy("TIME.month").mean("TIME");
            DataArray january = climatology.compute().isel("month", 0);
            assertSameMap(Plot.of(january).title("UWND, January climatology"), "Plot.of(january).title");
            DataArray anomaly = u.groupBy("TIME.month").subtract(climatology).isel("TIME", 12).compute();
            assertSameMap(Plot.of(anomaly).projection(Projection.robinson(180)).coastlines()
                    .title("UWND anomaly, January 1983"), "Plot.of(anomaly");
            DataArray tas = cordex.get("tas").isel("time", 0).isel("height", 0);
            assertSameMap(Plot.of(tas).transform(Projection.fromCf(cordex.get("rotated_pole").attrs()))
                    .projection(Projection.lambertConformal(10, 52, 35, 65)).coastlines(), "Dataset cordex");
            assertSameMap(Plot.of(january).projection(Projection.northPolarStereo()).coastlines().contourf(12)
                    .title("UWND, January climatology"), "Plot.of(january).projection");
        }
        assertEquals("Plot(map of UWND, 800 x 500 px)", result(cellStartingWith("Plot.of(january).title"), "text/plain"));
        assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the saved HTML has the maps");
    }

    @Test
    void theSavedHtmlShowsItsMapsInABrowser(@TempDir Path profile) throws IOException {
        ChromeDriver browser = browser(profile);
        try {
            browser.get(WORK.resolve("tutorial.html").toUri().toString());
            List<WebElement> images = browser.findElements(By.cssSelector("img[src^='data:image/png']"));
            assertEquals(4, images.size(), "the January map, the anomaly, the CORDEX field and the polar map");
            List<String> names = List.of("map-january", "map-robinson-anomaly", "map-cordex-rotated-pole", "map-polar-stereo");
            Path shots = Files.createDirectories(MODULE.resolve("target/screenshots"));
            for (int i = 0; i < images.size(); i++) {
                WebElement image = images.get(i);
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView(true);", image);
                Object width = ((JavascriptExecutor) browser).executeScript(
                        "return arguments[0].complete ? arguments[0].naturalWidth : 0;", image);
                assertEquals(800L, width, names.get(i) + " is decoded at its size");
                Path shot = image.getScreenshotAs(OutputType.FILE).toPath();
                BufferedImage seen = ImageIO.read(shot.toFile());
                assertTrue(seen.getWidth() >= 700 && distinctColours(seen) > 50, names.get(i) + " is drawn on the page");
                Files.copy(shot, shots.resolve(names.get(i) + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            WebElement dataset = browser.findElement(By.cssSelector("div.lazuli-repr.lz-wrap"));
            assertTrue(dataset.getText().contains("Data variables"), dataset.getText());
        } finally {
            browser.quit();
        }
    }

    /** The cell's picture against the same plot drawn here (from an eager reading): the same but for a few pixels. */
    private static void assertSameMap(Plot plot, String cellStart) throws IOException {
        String png = result(cellStartingWith(cellStart), "image/png");
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(png)));
        BufferedImage expected = plot.render();
        assertEquals(expected.getWidth(), shown.getWidth(), cellStart);
        assertEquals(expected.getHeight(), shown.getHeight(), cellStart);
        int[] a = expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth());
        int[] b = shown.getRGB(0, 0, shown.getWidth(), shown.getHeight(), null, 0, shown.getWidth());
        int differing = 0;
        for (int k = 0; k < a.length; k++) {
            differing += a[k] == b[k] ? 0 : 1;
        }
        // the cluster sums in another order than the eager reading: a value on a colour's edge may land on its neighbour
        assertTrue(differing <= a.length / 500, cellStart + ": " + differing + " of " + a.length + " pixels differ");
        assertTrue(distinctColours(shown) > 50, cellStart + " draws a field");
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static ChromeDriver browser(Path profile) {
        String driver = "/usr/bin/chromedriver";
        String chromium = "/usr/bin/chromium";
        if (!Files.isExecutable(Path.of(driver)) || !Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("The notebook's browser check needs Debian's chromium and chromium-driver:"
                    + " apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--window-size=1300,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
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
