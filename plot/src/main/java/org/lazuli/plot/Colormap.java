package org.lazuli.plot;

import java.awt.Color;
import java.awt.Paint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.renderer.PaintScale;

/**
 * One of matplotlib's colour maps over [min, max], sampled as matplotlib samples it (256 entries,
 * from {@code colormaps.txt}, written by {@code plot/scripts/make_colormaps.py}), optionally in bands
 * between levels as {@code contourf} colours them. NaN is fully transparent.
 */
final class Colormap implements PaintScale {
    private static final Map<String, int[]> TABLES = load();
    static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private final String name;
    private final int[] table;
    private final double min;
    private final double max;
    /** Band edges, ascending, or null for a continuous scale. */
    private final double[] levels;

    private Colormap(String name, double min, double max, double[] levels) {
        this.name = name;
        this.table = TABLES.get(name);
        if (table == null) {
            throw new IllegalArgumentException("No colour map named '" + name + "'; there are " + TABLES.keySet());
        }
        this.min = min;
        this.max = max > min ? max : min + 1;
        this.levels = levels;
    }

    /** viridis over [min, max]. */
    Colormap(double min, double max) {
        this("viridis", min, max, null);
    }

    static Colormap of(String name, double min, double max) {
        return new Colormap(name, min, max, null);
    }

    /** Bands between {@code levels}, each the colour of its middle, over the levels' range. */
    Colormap banded(double[] bandEdges) {
        return new Colormap(name, bandEdges[0], bandEdges[bandEdges.length - 1], bandEdges.clone());
    }

    String name() {
        return name;
    }

    double[] levels() {
        return levels == null ? null : levels.clone();
    }

    @Override
    public double getLowerBound() {
        return min;
    }

    @Override
    public double getUpperBound() {
        return max;
    }

    @Override
    public Paint getPaint(double value) {
        return Double.isNaN(value) ? TRANSPARENT : new Color(argb(value), true);
    }

    /** The colour of {@code value} as opaque ARGB; 0 (transparent) for NaN. */
    int argb(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double t;
        if (levels != null) {
            int band = 0;
            while (band < levels.length - 2 && value >= levels[band + 1]) {
                band++;
            }
            t = (band + 0.5) / (levels.length - 1);
        } else {
            t = (value - min) / (max - min);
        }
        int i = (int) Math.floor(Math.max(0, Math.min(1, t)) * table.length);
        return 0xFF000000 | table[Math.min(i, table.length - 1)];
    }

    private static Map<String, int[]> load() {
        Map<String, int[]> tables = new LinkedHashMap<>();
        try (InputStream in = Colormap.class.getResourceAsStream("colormaps.txt")) {
            if (in == null) {
                throw new IllegalStateException("colormaps.txt is missing from the plot jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(" ");
                int[] rgb = new int[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    rgb[i - 1] = Integer.parseInt(parts[i], 16);
                }
                tables.put(parts[0], rgb);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read colormaps.txt: " + e.getMessage(), e);
        }
        return tables;
    }
}
