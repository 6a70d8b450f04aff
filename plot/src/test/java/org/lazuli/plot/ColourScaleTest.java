package org.lazuli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The colour scale is xarray's choice, case by case ({@code reference/colour_scales.json}, made by xarray itself). */
class ColourScaleTest {

    @Test
    void scalesAreThoseXarrayChooses() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/reference/colour_scales.json")) {
            cases = new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature()).readTree(in);
        }
        assertEquals(20, cases.size());
        for (JsonNode reference : cases) {
            JsonNode c = reference.get("case");
            double min = Math.min(c.get("data").get(0).asDouble(), c.get("data").get(1).asDouble());
            double max = Math.max(c.get("data").get(0).asDouble(), c.get("data").get(1).asDouble());
            ColourScale scale = ColourScale.choose(min, max, c.path("vmin").asDouble(Double.NaN),
                    c.path("vmax").asDouble(Double.NaN), c.path("center").asDouble(Double.NaN),
                    c.has("cmap") ? c.get("cmap").asText() : null, c.path("levels").asInt(0));
            String what = c.toString();
            assertEquals(reference.get("cmap").asText(), scale.cmap(), what);
            assertClose(reference.get("vmin").asDouble(), scale.vmin(), what);
            assertClose(reference.get("vmax").asDouble(), scale.vmax(), what);
            if (reference.get("levels").isNull()) {
                assertNull(scale.levels(), what);
            } else {
                assertEquals(reference.get("levels").size(), scale.levels().length, what);
                for (int i = 0; i < scale.levels().length; i++) {
                    assertClose(reference.get("levels").get(i).asDouble(), scale.levels()[i], what + " level " + i);
                }
            }
        }
    }

    @Test
    void coloursAreMatplotlibsSamples() {
        Colormap viridis = Colormap.of("viridis", 0, 1);
        assertEquals(0xFF440154, viridis.argb(0));           // matplotlib: viridis(0) = (0.267, 0.005, 0.329)
        assertEquals(0xFFFDE725, viridis.argb(1));
        Colormap rdbu = Colormap.of("RdBu_r", -1, 1);
        assertEquals(0xFF053061, rdbu.argb(-1));             // RdBu_r runs from dark blue
        assertEquals(0xFF67001F, rdbu.argb(1));              // to dark red
        assertEquals(0, rdbu.argb(Double.NaN));
        Colormap bands = Colormap.of("viridis", 0, 1).banded(new double[]{0, 0.5, 1});
        assertEquals(bands.argb(0.1), bands.argb(0.4), "one colour per band");
        assertEquals(Colormap.of("viridis", 0, 1).argb(0.25), bands.argb(0.1), "the colour of the band's middle");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Colormap.of("jet", 0, 1));
        assertTrue(unknown.getMessage().startsWith("No colour map named 'jet'; there are [viridis, cividis, RdBu_r"),
                unknown.getMessage());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }
}
