package org.lazuli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;

/**
 * Maps: projections against PROJ's own numbers ({@code reference/projections.json}, made with cs2cs),
 * and pictures checked pixel by pixel where the field's values are known.
 */
class PlotMapsTest {
    private static final int WHITE = 0xFFFFFFFF;

    @Test
    void projectionsGiveProjsCoordinates() throws IOException {
        JsonNode reference = reference().get("projections");
        Map<String, Projection> projections = Map.of("Robinson", Projection.robinson(),
                "Robinson(central longitude 150.0)", Projection.robinson(150), "Mollweide", Projection.mollweide(),
                "NorthPolarStereo", Projection.northPolarStereo(), "SouthPolarStereo", Projection.southPolarStereo(),
                "LambertConformal", Projection.lambertConformal());
        assertEquals(projections.keySet(), setOf(reference.fieldNames()));
        double[] xy = new double[2];
        for (Map.Entry<String, Projection> e : projections.entrySet()) {
            assertEquals(e.getKey(), e.getValue().toString());
            Projection.Projector projector = e.getValue().projector();
            JsonNode points = reference.get(e.getKey()).get("points");
            JsonNode expected = reference.get(e.getKey()).get("xy");
            // within 10 m: proj4j's Robinson table differs from PROJ 9's by up to 2 m (a 1/20000 of a pixel here)
            for (int k = 0; k < points.size(); k++) {
                projector.project(points.get(k).get(0).asDouble(), points.get(k).get(1).asDouble(), xy);
                assertEquals(expected.get(k).get(0).asDouble(), xy[0], 10.0, e.getKey() + " x of " + points.get(k));
                assertEquals(expected.get(k).get(1).asDouble(), xy[1], 10.0, e.getKey() + " y of " + points.get(k));
            }
        }
        Projection.northPolarStereo().projector().project(0, 10, xy);
        assertTrue(Double.isNaN(xy[0]), "10°N is outside a disc down to 20°N");
    }

    @Test
    void rotatedPoleCoordinatesBecomeProjsGeographicOnes() throws IOException {
        JsonNode reference = reference().get("rotatedPole");
        Projection pole = Projection.fromCf(Map.of("grid_mapping_name", "rotated_latitude_longitude",
                "grid_north_pole_longitude", -162.0, "grid_north_pole_latitude", 39.25));
        double[] out = new double[2];
        for (int k = 0; k < reference.get("points").size(); k++) {
            JsonNode p = reference.get("points").get(k);
            pole.toGeographic(p.get(0).asDouble(), p.get(1).asDouble(), out);
            assertEquals(reference.get("lonlat").get(k).get(0).asDouble(), out[0], 1e-9, "lon of " + p);
            assertEquals(reference.get("lonlat").get(k).get(1).asDouble(), out[1], 1e-9, "lat of " + p);
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Projection.fromCf(Map.of("grid_mapping_name", "transverse_mercator")));
        assertTrue(unknown.getMessage().startsWith("The grid mapping 'transverse_mercator' is not one Plot reads"),
                unknown.getMessage());
    }

    @Test
    void cellsOfUnevenLatitudesAreDrawnWhereTheyLie() {
        // rows of 10° near the poles and 1° near the equator, each row's value its index
        double[] lat = {-80, -70, -60, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 60, 70, 80};
        double[] lon = steps(-175, 10, 36);
        DataArray field = field(lat, lon, "rows", (j, i) -> i == 3 ? Double.NaN : j);
        Plot plot = Plot.of(field).projection(Projection.plateCarree());
        BufferedImage image = plot.render();
        Colormap colours = Colormap.of("viridis", 0, lat.length - 1);
        for (int j = 0; j < lat.length; j++) {
            double[] p = plot.pixelOf(30, lat[j]);
            assertEquals(colours.argb(j), image.getRGB((int) p[0], (int) p[1]), "the row at " + lat[j] + "°");
        }
        double[] gap = plot.pixelOf(lon[3], 0);
        assertEquals(WHITE, image.getRGB((int) gap[0], (int) gap[1]), "NaN cells leave the map white");
    }

    @Test
    void aGlobalAnomalyInRobinsonIsRedEastAndBlueWestWithNoGapAtTheSeam() {
        double[] lat = steps(-90, 2.5, 73);
        double[] lon = steps(0, 2.5, 144);   // 0 .. 357.5: the projection's edge at 180° cuts a column of cells
        DataArray anomaly = field(lat, lon, "anomaly", (j, i) -> lon[i] < 180 ? 2.0 : -1.0);
        Plot plot = Plot.of(anomaly).projection(Projection.robinson()).coastlines();
        BufferedImage image = plot.render();
        Colormap rdbu = Colormap.of("RdBu_r", -2, 2);    // either side of zero: RdBu_r, symmetric
        double[] east = plot.pixelOf(100, -30);            // the Indian Ocean
        double[] west = plot.pixelOf(-150, -30);           // the South Pacific
        assertEquals(rdbu.argb(2), image.getRGB((int) east[0], (int) east[1]));
        assertEquals(rdbu.argb(-1), image.getRGB((int) west[0], (int) west[1]));
        for (double latitude = -60; latitude <= 60; latitude += 10) {
            double[] left = plot.pixelOf(-179.5, latitude);
            double[] right = plot.pixelOf(179.5, latitude);
            // three pixels in from the outline, which is drawn antialiased over the cells
            assertEquals(rdbu.argb(-1), image.getRGB((int) Math.ceil(left[0]) + 3, (int) left[1]), "west edge at " + latitude);
            assertEquals(rdbu.argb(2), image.getRGB((int) Math.floor(right[0]) - 3, (int) right[1]), "east edge at " + latitude);
        }
        double[] outside = plot.pixelOf(-180, 85);
        assertEquals(WHITE, image.getRGB((int) outside[0] - 3, 40), "the corner outside the globe stays white");
        double[] coast = plot.pixelOf(-9.5, 38.7);          // Lisbon's coast
        int dark = 0;
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int rgb = image.getRGB((int) coast[0] + dx, (int) coast[1] + dy);
                dark += ((rgb >> 16) & 0xFF) < 110 && ((rgb >> 8) & 0xFF) < 110 && (rgb & 0xFF) < 110 ? 1 : 0;
            }
        }
        assertTrue(dark > 0, "a coastline is drawn at Lisbon");
    }

    @Test
    void filledContoursBandTheFieldInterpolatedBetweenCentres() {
        Plot plot = Plot.of(latitudePlus100()).projection(Projection.plateCarree()).contourf(10);
        BufferedImage image = plot.render();
        ColourScale scale = ColourScale.choose(10, 190, Double.NaN, Double.NaN, Double.NaN, null, 10);
        Colormap bands = scale.colormap();
        for (double latitude : new double[]{-72, -33, 3, 41, 77}) {
            double[] p = plot.pixelOf(12, latitude);
            double interpolated = latitude + 100;            // between two centres 10° apart: linear
            assertEquals(bands.argb(interpolated), image.getRGB((int) p[0], (int) p[1]), "the band at " + latitude + "°");
        }
        double[] north = plot.pixelOf(0, 55);
        double[] south = plot.pixelOf(0, -55);
        assertNotEquals(image.getRGB((int) north[0], (int) north[1]), image.getRGB((int) south[0], (int) south[1]));
    }

    @Test
    void contourLinesLieOnTheirLevelsAndFacetsWrapTheirPanels() {
        DataArray field = latitudePlus100();
        Plot plot = Plot.of(field).projection(Projection.plateCarree()).contour(5);
        BufferedImage image = plot.render();
        double[] levels = ColourScale.choose(10, 190, Double.NaN, Double.NaN, Double.NaN, null, 5).levels();
        double level = levels[2];
        double next = levels[3];
        double[] onLevel = plot.pixelOf(20, level - 100);              // the field is latitude + 100
        double[] between = plot.pixelOf(20, (level + next) / 2 - 100);
        boolean drawn = false;
        for (int dy = -1; dy <= 1; dy++) {
            drawn |= image.getRGB((int) onLevel[0], (int) onLevel[1] + dy) != WHITE;
        }
        assertTrue(drawn, "the " + level + " line is drawn at " + (level - 100) + "°");
        assertEquals(WHITE, image.getRGB((int) between[0], (int) between[1]), "no line between " + level + " and " + next);

        DataArray three = DataArray.concat(List.of(field, field.multiply(2.0), field.multiply(3.0)), "run");
        BufferedImage facets = Plot.of(three).col("run").colWrap(2).size(300, 200).projection(Projection.mollweide()).render();
        assertEquals(2 * 300 + 110, facets.getWidth(), "two panels a row and the colour bar");
        assertEquals(2 * 200 + 40, facets.getHeight(), "two rows under the title");
        IllegalArgumentException notThere = assertThrows(IllegalArgumentException.class,
                () -> Plot.of(three).col("member").render());
        assertTrue(notThere.getMessage().startsWith("col(\"member\") draws a 3-D array's panels along one of its dims"),
                notThere.getMessage());
    }

    @Test
    void badRequestsFailWithWhatToDo() {
        double[] values = new double[4];
        DataArray noLonLat = DataArray.of(Variable.of(List.of("y", "x"), DenseArray.of(values, 2, 2)), Map.of(), "v");
        IllegalArgumentException noCoords = assertThrows(IllegalArgumentException.class,
                () -> Plot.of(noLonLat).projection(Projection.robinson()).render());
        assertTrue(noCoords.getMessage().startsWith("A map needs longitudes and latitudes: 'v' has dims [y, x]"),
                noCoords.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plot.of(noLonLat).contourf(1));
        IllegalArgumentException cmap = assertThrows(IllegalArgumentException.class, () -> Plot.of(noLonLat).cmap("jet"));
        assertTrue(cmap.getMessage().contains("viridis"), cmap.getMessage());
        IllegalArgumentException rotated = assertThrows(IllegalArgumentException.class,
                () -> Plot.of(noLonLat).projection(Projection.rotatedPole(-162, 39.25)));
        assertTrue(rotated.getMessage().startsWith("RotatedPole describes the data's coordinates: give it to Plot.transform"),
                rotated.getMessage());
    }

    /** The value of a field's cell at row {@code j}, column {@code i}. */
    private interface Cell {
        double at(int j, int i);
    }

    /** {@code n} coordinates from {@code start}, {@code step} apart. */
    private static double[] steps(double start, double step, int n) {
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = start + step * k;
        }
        return out;
    }

    /** Latitude + 100 (10 .. 190, linear in latitude) on a 10° grid from the South Pole and the antimeridian. */
    private static DataArray latitudePlus100() {
        double[] lat = steps(-90, 10, 19);
        return field(lat, steps(-180, 10, 37), "t", (j, i) -> lat[j] + 100);
    }

    private static DataArray field(double[] lat, double[] lon, String name, Cell cell) {
        double[] values = new double[lat.length * lon.length];
        for (int j = 0; j < lat.length; j++) {
            for (int i = 0; i < lon.length; i++) {
                values[j * lon.length + i] = cell.at(j, i);
            }
        }
        return DataArray.of(Variable.of(List.of("lat", "lon"), DenseArray.of(values, lat.length, lon.length)),
                Map.of("lat", Variable.of(List.of("lat"), DenseArray.of(lat, lat.length), Map.of("units", "degrees_north")),
                        "lon", Variable.of(List.of("lon"), DenseArray.of(lon, lon.length), Map.of("units", "degrees_east"))),
                name);
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = PlotMapsTest.class.getResourceAsStream("/reference/projections.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static java.util.Set<String> setOf(java.util.Iterator<String> names) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
