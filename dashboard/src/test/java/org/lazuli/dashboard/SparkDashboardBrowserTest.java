package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.TaskFuture;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.spark.SparkCluster;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The same dashboard over a Spark application: its graph tasks per executor thread, and Spark's UI beside it. */
class SparkDashboardBrowserTest {

    @Test
    void theDashboardShowsSparkTasksAndLinksToSparkUi(@TempDir Path profile) throws Exception {
        ChromeDriver browser = Browser.start(profile);
        try (SparkCluster spark = SparkCluster.builder().master("local[2]").dashboardAddress("127.0.0.1:0").start();
             Client client = Client.connect(spark)) {
            URI link = client.dashboardLink().orElseThrow();
            browser.get(link.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("live"));

            ChunkedArray x = ChunkedArray.random(new long[] {600, 600}, new long[] {100, 100}, 1);
            ChunkedArray slow = x.mapBlocks(block -> {
                LockSupport.parkNanos(20_000_000L);
                return block;
            });
            TaskFuture<DenseArray> mean = client.compute(slow.mean());
            assertEquals(x.mean().compute(SynchronousScheduler.instance()).getDouble(), mean.result().getDouble(), 0.0);

            // back-to-back tasks of one prefix on one executor thread draw as one bar
            wait.until(d -> !d.findElements(By.cssSelector("#stream rect.bar[data-prefix='map_blocks']")).isEmpty());
            wait.until(d -> d.findElements(By.cssSelector(".progress-row[data-prefix='map_blocks'] .count")).stream()
                    .anyMatch(e -> e.getText().equals("36/36 100%")));
            assertTrue(browser.findElement(By.id("stream")).getText().contains("executor-driver-thread-"));
            wait.until(d -> d.findElements(By.cssSelector(".memory-row")).size() == 1);
            assertTrue(browser.findElement(By.id("memory")).getText().contains("executor-driver"),
                    browser.findElement(By.id("memory")).getText());

            URI sparkUi = spark.sparkUiLink().orElseThrow();
            WebElement external = wait.until(d -> d.findElements(By.cssSelector("nav a.external")).stream()
                    .filter(a -> a.getText().startsWith("Spark UI")).findFirst().orElse(null));
            assertEquals(sparkUi.toString().replaceAll("/$", ""), external.getAttribute("href").replaceAll("/$", ""));
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Browser.screenshots().resolve("status-spark.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}
