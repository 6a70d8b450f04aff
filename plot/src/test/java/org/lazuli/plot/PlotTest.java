package org.lazuli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

class PlotTest {

    /** 18 latitudes from 85 down to -85 (descending) by 36 longitudes; the value is the latitude, NaN west of 0°. */
    private static DataArray field() {
        double[] lat = new double[18];
        double[] lon = new double[36];
        for (int j = 0; j < 18; j++) {
            lat[j] = 85 - 10 * j;
        }
        for (int i = 0; i < 36; i++) {
            lon[i] = -175 + 10 * i;
        }
        double[] values = new double[18 * 36];
        for (int j = 0; j < 18; j++) {
            for (int i = 0; i < 36; i++) {
                values[j * 36 + i] = lon[i] < 0 ? Double.NaN : 200 + lat[j];   // all positive: viridis, as xarray picks
            }
        }
        Map<String, Variable> coords = Map.of(
                "lat", Variable.of(List.of("lat"), DenseArray.of(lat, 18), Map.of("long_name", "latitude", "units", "degrees_north")),
                "lon", Variable.of(List.of("lon"), DenseArray.of(lon, 36), Map.of("units", "degrees_east")));
        return DataArray.of(Variable.of(List.of("lat", "lon"), DenseArray.of(values, 18, 36),
                Map.of("long_name", "air temperature", "units", "K")), coords, "tas");
    }

    private static double luminance(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    @Test
    void mapsFollowTheDataNorthUpWithTransparentNaN() {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = Plot.of(field()).size(720, 400).render(info);
        assertEquals(720, image.getWidth());
        assertEquals(400, image.getHeight());
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int west = (int) (area.getX() + area.getWidth() * 0.25);
        int east = (int) (area.getX() + area.getWidth() * 0.75);
        int north = (int) (area.getY() + area.getHeight() * 0.08);
        int south = (int) (area.getY() + area.getHeight() * 0.92);
        assertEquals(0, image.getRGB(west, (north + south) / 2) >>> 24, "NaN cells are transparent");
        assertEquals(255, image.getRGB(east, north) >>> 24, "data cells are opaque");
        assertTrue(luminance(image.getRGB(east, north)) > luminance(image.getRGB(east, south)) + 50,
                "the high latitudes (high values, bright) are at the top although the coordinate descends");
        double previous = -1;
        for (int k = 1; k <= 8; k++) {   // brighter going north, step by step
            int y = (int) (area.getY() + area.getHeight() * (1 - k / 9.0));
            double l = luminance(image.getRGB(east, y));
            assertTrue(l >= previous, "luminance rises with the value at row " + y);
            previous = l;
        }
    }

    /**
     * sin(m pi / 6) over 36 months: the line (the series colour) starts mid-height, reaches the top and the
     * bottom of the data area, and touches the top in three separate runs of columns (three peaks).
     */
    private static void checkTheLineFollowsTheWave(DataArray series) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = Plot.of(series).size(640, 320).render(info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int left = (int) Math.ceil(area.getX());
        int right = (int) area.getMaxX();
        double[] lineY = new double[right - left];
        java.util.Arrays.fill(lineY, Double.NaN);
        for (int x = left; x < right; x++) {
            for (int y = (int) Math.ceil(area.getY()); y < (int) area.getMaxY(); y++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (b > 120 && b - r > 80 && Math.abs(g - 119) < 40) {   // the series colour (31, 119, 180), antialiased
                    lineY[x - left] = Double.isNaN(lineY[x - left]) ? y : Math.min(lineY[x - left], y);
                }
            }
        }
        double top = area.getY();
        double height = area.getHeight();
        int first = 0;
        while (first < lineY.length && Double.isNaN(lineY[first])) {
            first++;
        }
        assertTrue(first < lineY.length / 10, "the line starts at the left of the data area");
        double start = (lineY[first] - top) / height;
        assertTrue(start > 0.35 && start < 0.65, "sin(0) = 0 is drawn mid-height, at " + start);
        double highest = java.util.Arrays.stream(lineY).filter(v -> !Double.isNaN(v)).min().orElseThrow();
        double lowest = java.util.Arrays.stream(lineY).filter(v -> !Double.isNaN(v)).max().orElseThrow();
        assertTrue((highest - top) / height < 0.12 && (lowest - top) / height > 0.85,
                "the line spans the range: " + (highest - top) / height + " to " + (lowest - top) / height);
        int peaks = 0;
        boolean inPeak = false;
        for (double y : lineY) {
            boolean high = !Double.isNaN(y) && (y - top) / height < 0.15;
            peaks += high && !inPeak ? 1 : 0;
            inPeak = high;
        }
        assertEquals(3, peaks, "three years of a yearly wave have three peaks");
    }

    @Test
    void labelsComeFromCfAttributes() {
        assertEquals("air temperature [K]", Plot.label(field()));
        assertEquals("lat = 45", Plot.defaultTitle(field().sel("lat", 45.0)));
    }

    @Test
    void timeSeriesFacetsAndHistograms(@TempDir Path tmp) throws Exception {
        List<Object> dates = new ArrayList<>();
        double[] values = new double[36];
        for (int m = 0; m < 36; m++) {
            dates.add(CalendarDate.of(Calendar.STANDARD, 2000 + m / 12, m % 12 + 1, 15));
            values[m] = Math.sin(m / 6.0 * Math.PI);
        }
        DataArray series = DataArray.of(Variable.of(List.of("time"), DenseArray.of(values, 36)),
                Map.of("time", Variable.labels("time", dates, Map.of())), "wave");
        Path line = tmp.resolve("line.png");
        Plot.of(series).size(640, 320).save(line);
        BufferedImage picture = ImageIO.read(line.toFile());
        assertEquals(640, picture.getWidth());
        assertEquals(320, picture.getHeight());
        checkTheLineFollowsTheWave(series);
        DataArray cube = DataArray.concat(List.of(field(), field().multiply(2.0), field(), field()), "run");
        BufferedImage facets = Plot.of(cube).size(300, 200).render();
        assertEquals(600, facets.getWidth());
        assertEquals(440, facets.getHeight());
        // panels share one colour scale (115 .. 570): the doubled field is far brighter in the north (570 against
        // 285), and the single field's south (115, the scale's least) darker than the doubled one's (230)
        int north = 55;
        int south = 190;
        assertTrue(luminance(facets.getRGB(490, north)) > luminance(facets.getRGB(190, north)) + 30, "panel 2, north");
        assertTrue(luminance(facets.getRGB(190, south)) < luminance(facets.getRGB(490, south)), "panel 1, south");
        assertEquals(facets.getRGB(190, north), facets.getRGB(190, north + 200), "panels 1 and 3 hold the same data");
        assertEquals(facets.getRGB(190, south), facets.getRGB(490, south + 200), "panels 1 and 4 hold the same data");
        BufferedImage histogram = Plot.histogram(field(), 10).size(400, 300).render();
        assertEquals(400, histogram.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Plot.of(cube.expandDims("extra")).render());
    }
}
