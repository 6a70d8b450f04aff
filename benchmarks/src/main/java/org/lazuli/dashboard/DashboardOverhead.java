package org.lazuli.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.lazuli.array.ChunkedArray;
import org.lazuli.cluster.LocalCluster;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard's cost on the 10,000-task graph ({@code ones(100000, chunks=10).sum()}) with a browser
 * attached: the same cluster settings without a dashboard, then with one open in headless Chromium on
 * its status page (live task stream). Alternates the two, 20 rounds each, and prints medians.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.lazuli.dashboard.DashboardOverhead}
 * (needs Debian's chromium and chromium-driver).
 */
public final class DashboardOverhead {
    private DashboardOverhead() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        boolean blank = args.length > 1 && args[1].equals("blank");   // the browser on an empty page: its own cost
        Path profile = Files.createTempDirectory("lazuli-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        try (LocalCluster plain = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("none").start();
             LocalCluster watched = LocalCluster.builder().workers(1).threadsPerWorker(2).dashboardAddress("127.0.0.1:0")
                     .start()) {
            browser.get(blank ? "about:blank" : watched.dashboardLink().orElseThrow().toString());
            for (int warm = 0; warm < 10; warm++) {
                run(plain);
                run(watched);
            }
            for (int r = 0; r < rounds; r++) {
                without[r] = run(plain);
                with[r] = run(watched);
            }
        } finally {
            browser.quit();
        }
        double a = median(without);
        double b = median(with);
        System.out.printf(Locale.ROOT, "10,669 tasks: %.2f ms without a dashboard, %.2f ms with a browser on %s:"
                + " %+.1f%%%n", a, b, blank ? "an empty page" : "the dashboard", 100 * (b - a) / a);
    }

    private static double run(LocalCluster cluster) {
        long start = System.nanoTime();
        ChunkedArray.ones(new long[] {100_000}, new long[] {10}).sum().compute(cluster.scheduler());
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
