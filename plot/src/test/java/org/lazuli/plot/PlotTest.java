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
                values[j * 36 + i] = lon[i] < 0 ? Double.NaN : lat[j];
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
        DataArray cube = DataArray.concat(List.of(field(), field().multiply(2.0), field(), field()), "run");
        BufferedImage facets = Plot.of(cube).size(300, 200).render();
        assertEquals(600, facets.getWidth());
        assertEquals(440, facets.getHeight());
        BufferedImage histogram = Plot.histogram(field(), 10).size(400, 300).render();
        assertEquals(400, histogram.getWidth());
        assertThrows(IllegalArgumentException.class, () -> Plot.of(cube.expandDims("extra")).render());
    }
}
