package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** A Dataset's HTML repr, as a notebook shows it, in a real browser: sections that fold, a chunk picture. */
class ReprBrowserTest {

    private static Dataset climate() {
        List<Object> months = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            months.add(CalendarDate.of(Calendar.NOLEAP, 2000 + m / 12, m % 12 + 1, 1));
        }
        double[] lat = new double[73];
        double[] lon = new double[144];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = -90 + 2.5 * i;
        }
        for (int i = 0; i < lon.length; i++) {
            lon[i] = 2.5 * i;
        }
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("time", Variable.labels("time", months, Map.of("standard_name", "time")));
        coords.put("lat", Variable.of(List.of("lat"), DenseArray.of(lat, lat.length), Map.of("units", "degrees_north")));
        coords.put("lon", Variable.of(List.of("lon"), DenseArray.of(lon, lon.length), Map.of("units", "degrees_east")));
        Map<String, Variable> data = new LinkedHashMap<>();
        data.put("tas", Variable.lazy(List.of("time", "lat", "lon"), ChunkedArray.random(new long[] {120, 73, 144},
                new long[] {12, 73, 144}, 1).multiply(30).add(250), Map.of("units", "K", "long_name", "air temperature")));
        data.put("pr", Variable.lazy(List.of("time", "lat", "lon"), ChunkedArray.random(new long[] {120, 73, 144},
                new long[] {12, 73, 144}, 2), Map.of("units", "kg m-2 s-1")));
        return Dataset.of(data, coords, Map.of("title", "A synthetic monthly climate", "Conventions", "CF-1.8"));
    }

    @Test
    void aDatasetsReprFoldsItsSectionsAndDrawsItsChunks(@TempDir Path profile) throws Exception {
        Path page = profile.resolve("repr.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + climate().toHtml()
                + "</body></html>");
        ChromeDriver browser = Browser.start(profile.resolve("chromium"));
        try {
            browser.get(page.toUri().toString());
            List<WebElement> sections = browser.findElements(By.cssSelector("details.lz-section"));
            assertEquals(5, sections.size(), "dimensions, coordinates, data variables, indexes, attributes");
            WebElement tas = browser.findElements(By.cssSelector("details.lz-var")).stream()
                    .filter(d -> d.getText().startsWith("tas")).findFirst().orElseThrow();
            assertNull(tas.getAttribute("open"), "a variable starts folded");
            tas.findElement(By.tagName("summary")).click();
            assertEquals("true", tas.getAttribute("open"));
            WebElement svg = tas.findElement(By.cssSelector("svg.lazuli-chunks"));
            assertTrue(svg.getSize().getWidth() > 100 && svg.getSize().getHeight() > 50, "the chunk picture is drawn");
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Browser.screenshots().resolve("dataset-repr.png"), StandardCopyOption.REPLACE_EXISTING);
            String shown = tas.getAttribute("innerText");
            assertTrue(shown.contains("air temperature") && shown.contains("9.62 MiB") && shown.contains("(12, 73, 144)"),
                    shown);
        } finally {
            browser.quit();
        }
    }
}
