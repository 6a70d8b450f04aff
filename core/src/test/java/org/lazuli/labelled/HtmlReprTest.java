package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lazuli.array.ChunkedArray;

/** The HTML reprs: xarray's sections, escaped names, dask's chunk picture, and nothing computed. */
class HtmlReprTest {
    private static final AtomicInteger COMPUTED = new AtomicInteger();

    private static int count(String html, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aDatasetShowsXarraysSectionsWithoutComputingAnything() {
        DataArray field = LabelledReferenceTest.field(true);
        DataArray watched = DataArray.of(field.data().mapBlocks(b -> {
            COMPUTED.incrementAndGet();
            return b;
        }), "time", "lat", "lon");
        Dataset ds = Dataset.of(Map.of("v", field.variable(), "w", watched.variable()),
                field.coordVariables(), Map.of("title", "<b>bold</b> & more"));
        COMPUTED.set(0);
        String html = ds.toHtml();
        assertEquals(0, COMPUTED.get(), "a repr computes nothing");
        for (String section : List.of("Dimensions:", "Coordinates: (3)", "Data variables: (2)", "Indexes: (3)",
                "Attributes: (1)")) {
            assertTrue(html.contains(section), section);
        }
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more") && !html.contains("<b>bold"), "escaped");
        assertEquals(count(html, "<details"), count(html, "</details>"), "every section closes");
        assertEquals(count(html, "<li>"), count(html, "</li>"));
        assertTrue(html.contains("* time") && html.contains("object") && html.contains("float64"));
        assertEquals(2, count(html, "<svg class=\"lazuli-chunks\""), "a chunk picture per chunked variable");
        assertFalse(html.contains("<lazuli."), "not the text repr in a <pre>");
    }

    @Test
    void theChunkPictureCutsTheArrayAtEveryBlockEdge() {
        ChunkedArray x = ChunkedArray.ones(new long[] {1000, 300}, new long[] {250, 100});
        String html = x.toHtml();
        assertEquals(3 + 2, count(html, "<line "), "three edges between four row blocks, two between three columns");
        assertTrue(html.contains(">300</text>") && html.contains(">1000</text>"), html);
        String many = ChunkedArray.ones(new long[] {10_000}, new long[] {10}).toHtml();
        assertEquals(0, count(many, "<line "), "a thousand blocks are shaded, not drawn one by one");
        String cube = ChunkedArray.ones(new long[] {12, 40, 60}, new long[] {6, 20, 30}).toHtml();
        assertEquals(3 + 1 + 1, count(cube, "<line "), "three corner joins for the depth, then the block edges");
    }

    @Test
    void aDataArrayShowsItsDataThenItsCoordinates() {
        String html = LabelledReferenceTest.field(false).isel("time", 0).toHtml();
        assertTrue(html.contains("lazuli.DataArray") && html.contains("&#39;v&#39;") || html.contains("'v'"), html);
        assertTrue(html.indexOf("lz-data") < html.indexOf("Coordinates:"), "the values come first, as xarray's");
        assertTrue(html.contains("array([["), "eager values printed as NumPy prints them");
    }
}
