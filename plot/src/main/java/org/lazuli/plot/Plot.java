package org.lazuli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Align;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;
import org.lazuli.time.CalendarDate;

/**
 * Pictures of a {@link DataArray} (xarray's {@code .plot()}): a 1-D array is a line against its
 * coordinate (dates on a time axis), a 2-D array a map with a colour bar (descending coordinates and
 * NaN handled: NaN is transparent), a 3-D array small multiples over its first dimension with one
 * shared colour scale. Axis labels and titles come from the CF attributes {@code long_name} or
 * {@code standard_name} and {@code units}, and scalar coordinates ("month = 1") title the picture.
 * Computes the values it draws (only them).
 *
 * <pre>{@code
 * Plot.of(clim.isel("month", 0)).save(Path.of("january.png"));
 * Plot.of(series).size(900, 400).save(Path.of("series.png"));
 * }</pre>
 */
public final class Plot {
    private final DataArray array;
    private final int width;
    private final int height;
    private final String title;
    private final Integer bins;
    private final Options options;

    /**
     * How a field is drawn: projection, colour scale (xarray's {@code cmap}, {@code vmin}, {@code vmax},
     * {@code center}, {@code levels}), contours, facets. NaN and null are "not given". Each {@code Plot}
     * method changes a copy, so a {@code Plot}'s options never change once it has them.
     */
    private static final class Options implements Cloneable {
        Projection projection;
        Projection transform;
        boolean coastlines;
        String cmap;
        double vmin = Double.NaN;
        double vmax = Double.NaN;
        double center = Double.NaN;
        int levels;
        boolean filledContours;
        boolean contourLines;
        String col;
        int colWrap;

        /** Whether the field is drawn on a map (projected, with coastlines or contours) rather than on plain axes. */
        boolean geographic() {
            return projection != null || transform != null || coastlines || filledContours || contourLines;
        }

        ColourScale scale(double min, double max) {
            int n = levels == 0 && contourLines ? 8 : levels;   // matplotlib's default of about seven lines
            return ColourScale.choose(min, max, vmin, vmax, center, cmap, n);
        }

        Options changed(Consumer<Options> change) {
            try {
                Options copy = (Options) clone();
                change.accept(copy);
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private Plot(DataArray array, int width, int height, String title, Integer bins, Options options) {
        this.array = Objects.requireNonNull(array, "array");
        this.width = width;
        this.height = height;
        this.title = title;
        this.bins = bins;
        this.options = options;
    }

    private Plot with(Consumer<Options> change) {
        return new Plot(array, width, height, title, bins, options.changed(change));
    }

    /** A plot of the array, its kind chosen by its number of dimensions. */
    public static Plot of(DataArray array) {
        return new Plot(array, 800, 500, null, null, new Options());
    }

    /**
     * Draws a 2-D field on a map in this projection (cartopy's {@code projection=}), from its longitude
     * and latitude coordinates: 1-D dimension coordinates, or 2-D ones (curvilinear grids).
     */
    public Plot projection(Projection projection) {
        Objects.requireNonNull(projection, "projection");
        if (projection.kind() == Projection.Kind.ROTATED_POLE) {
            throw new IllegalArgumentException("RotatedPole describes the data's coordinates: give it to Plot.transform,"
                    + " and draw in another projection (PlateCarree, LambertConformal, …)");
        }
        return with(o -> o.projection = projection);
    }

    /**
     * The coordinate system of the field's dimension coordinates, when they are not longitudes and
     * latitudes (cartopy's {@code transform=}): {@code Projection.rotatedPole(-162, 39.25)}, or {@code
     * Projection.fromCf(ds.get("rotated_pole").attrs())}.
     */
    public Plot transform(Projection dataCoordinates) {
        Objects.requireNonNull(dataCoordinates, "dataCoordinates");
        return with(o -> o.transform = dataCoordinates);
    }

    /** Natural Earth's coastlines over the map (PlateCarree unless a projection is set). */
    public Plot coastlines() {
        return with(o -> o.coastlines = true);
    }

    /** The colour map by matplotlib's name: viridis, cividis, RdBu_r, RdBu, magma, plasma, inferno, coolwarm. */
    public Plot cmap(String name) {
        Colormap.of(name, 0, 1);   // refuses an unknown name now, not at drawing time
        return with(o -> o.cmap = name);
    }

    /** The colour scale's lower limit (xarray's {@code vmin}). */
    public Plot vmin(double value) {
        requireFinite(value, "vmin");
        return with(o -> o.vmin = value);
    }

    /** The colour scale's upper limit (xarray's {@code vmax}). */
    public Plot vmax(double value) {
        requireFinite(value, "vmax");
        return with(o -> o.vmax = value);
    }

    /** A diverging scale centred on this value (xarray's {@code center}); data either side of 0 centre on 0 anyway. */
    public Plot center(double value) {
        requireFinite(value, "center");
        return with(o -> o.center = value);
    }

    /** Discrete colours: about {@code n} levels at round values (xarray's {@code levels=n}). */
    public Plot levels(int n) {
        requireLevels(n);
        return with(o -> o.levels = n);
    }

    /** Filled contours (xarray's {@code plot.contourf(levels=n)}): the field interpolated between cell centres, banded. */
    public Plot contourf(int n) {
        requireLevels(n);
        return with(o -> {
            o.levels = n;
            o.filledContours = true;
        });
    }

    /** Contour lines at about {@code n} levels (xarray's {@code plot.contour(levels=n)}); over filled contours, black. */
    public Plot contour(int n) {
        requireLevels(n);
        return with(o -> {
            o.levels = n;
            o.contourLines = true;
        });
    }

    /** Small multiples of a 3-D array, one panel per position along {@code dim} (xarray's {@code col=}). */
    public Plot col(String dim) {
        Objects.requireNonNull(dim, "dim");
        return with(o -> o.col = dim);
    }

    /** Panels per row of the small multiples (xarray's {@code col_wrap}). */
    public Plot colWrap(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("colWrap needs at least one column, got " + columns);
        }
        return with(o -> o.colWrap = columns);
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + value);
        }
    }

    private static void requireLevels(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Contours and discrete colours need at least 2 levels, got " + n);
        }
    }

    /** A histogram of the array's values. */
    public static Plot histogram(DataArray array, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("A histogram needs at least one bin, got " + bins);
        }
        return new Plot(array, 800, 500, null, bins, new Options());
    }

    /** The picture's size in pixels (for facets: of each panel). */
    public Plot size(int newWidth, int newHeight) {
        if (newWidth < 50 || newHeight < 50) {
            throw new IllegalArgumentException("A plot needs at least 50 x 50 pixels, got " + newWidth + " x " + newHeight);
        }
        return new Plot(array, newWidth, newHeight, title, bins, options);
    }

    public Plot title(String text) {
        return new Plot(array, width, height, text, bins, options);
    }

    /** Draws the picture. */
    public BufferedImage render() {
        return render(null);
    }

    /** Draws the picture, recording where the plot's data area is (for tests and overlays). */
    BufferedImage render(org.jfree.chart.ChartRenderingInfo info) {
        if (bins != null) {
            return chart(histogramChart()).createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, null);
        }
        if (options.col != null) {
            requireFacetDim(options.col);
            return onMap(array) ? geoFacets(options.col) : facets(options.col);
        }
        return switch (array.ndim()) {
            case 1 -> chart(lineChart()).createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, info);
            case 2 -> onMap(array) ? geoMap()
                    : mapChart(array, scale(array), title != null ? title : defaultTitle(array))
                    .createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, info);
            case 3 -> onMap(array) ? geoFacets(array.dims().get(0)) : facets(array.dims().get(0));
            default -> throw new IllegalArgumentException("Plot draws 1-D (line), 2-D (map) and 3-D (small multiples)"
                    + " arrays; this one has dims " + array.dims() + ": select or reduce first");
        };
    }

    /** "Plot(map of UWND, 800 x 500 px)": what it draws, for text-only displays. */
    @Override
    public String toString() {
        String kind = bins != null ? "histogram" : switch (array.ndim()) {
            case 1 -> "line";
            case 2 -> "map";
            case 3 -> "facets";
            default -> array.ndim() + "-D array";
        };
        String name = array.name() == null ? "an unnamed array" : array.name();
        return "Plot(" + kind + " of " + name + ", " + width + " x " + height + " px)";
    }

    /** Writes the picture as PNG. */
    public void save(Path path) {
        try {
            ImageIO.write(render(), "png", path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static JFreeChart chart(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    // ---- line --------------------------------------------------------------------------------

    private JFreeChart lineChart() {
        String dim = array.dims().get(0);
        double[] y = array.values().toDoubleArray();
        Variable coordinate = array.coords().variables().get(dim);
        boolean dates = coordinate != null && coordinate.isLabels() && !coordinate.labelValues().isEmpty()
                && coordinate.labelValues().get(0) instanceof CalendarDate date && date.calendar().isRealWorld();
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = coordinate == null ? i : dates ? epochMillis((CalendarDate) coordinate.labelValues().get(i))
                    : coordinate.isLabels() ? i : coordinate.values().getDouble(i);
        }
        XYSeries series = new XYSeries(label(array), false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], Double.isNaN(y[i]) ? null : (Number) y[i]);
        }
        ValueAxis xAxis = dates ? new DateAxis(axisLabel(coordinate, dim)) : new NumberAxis(coordinate == null ? dim
                : axisLabel(coordinate, dim));
        NumberAxis yAxis = new NumberAxis(label(array));
        yAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, y.length <= 60);
        renderer.setSeriesPaint(0, new Color(31, 119, 180));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title != null ? title : defaultTitle(array), titleFont(), plot, false);
        return chart;
    }

    private static double epochMillis(CalendarDate date) {
        return date.toMicros() / 1000.0;   // real-world calendars count days from 1970-01-01
    }

    // ---- maps --------------------------------------------------------------------------------

    /** The finite values' least and greatest (NaN when there are none). */
    private static double[] range(DataArray a) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a.values().toDoubleArray()) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }

    /** xarray's colour scale for the array's values and this plot's options. */
    private Colormap scale(DataArray a) {
        double[] range = range(a);
        return options.scale(range[0], range[1]).colormap();
    }

    /** Whether a field is drawn on a map: asked for, or its coordinates are 2-D longitudes and latitudes. */
    private boolean onMap(DataArray a) {
        if (options.geographic()) {
            return true;
        }
        for (Map.Entry<String, Variable> e : a.coords().variables().entrySet()) {
            if (e.getValue().ndim() == 2 && GeoMap.isLongitude(e.getKey(), e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private Projection projectionOrPlateCarree() {
        return options.projection != null ? options.projection : Projection.plateCarree();
    }

    private GeoMap.Style style() {
        return new GeoMap.Style(projectionOrPlateCarree(), options.coastlines, options.filledContours,
                options.contourLines);
    }

    /** One field on a map: title above, colour bar at the right. */
    private BufferedImage geoMap() {
        BufferedImage image = GeoMap.canvas(width, height);
        Graphics2D g = image.createGraphics();
        Colormap colours = scale(array);
        GeoMap.title(g, title != null ? title : defaultTitle(array), (width - 100) / 2.0 + 5, 24, 15);
        GeoMap.draw(image, g, mapArea(), GeoMap.Grid.of(array, options.transform), colours, style());
        GeoMap.colourBar(g, new Rectangle2D.Double(width - 105, 36, 100, height - 46), colours, label(array));
        g.dispose();
        return image;
    }

    private Rectangle2D mapArea() {
        return new Rectangle2D.Double(10, 36, width - 120, height - 46);
    }

    /** Where ({@code lon}, {@code lat}) lands in a single map's picture: pixel x and y (for tests and overlays). */
    double[] pixelOf(double lon, double lat) {
        return GeoMap.pixel(mapArea(), GeoMap.Grid.of(array, options.transform), style(), lon, lat);
    }

    /** Small multiples on maps along {@code dim}, sharing one colour scale and one colour bar. */
    private BufferedImage geoFacets(String dim) {
        int n = panels(dim);
        Colormap colours = scale(array);
        int columns = options.colWrap > 0 ? Math.min(options.colWrap, n) : (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil((double) n / columns);
        int barWidth = 110;
        BufferedImage image = GeoMap.canvas(columns * width + barWidth, rows * height + 40);
        Graphics2D g = image.createGraphics();
        GeoMap.title(g, title != null ? title : label(array), columns * width / 2.0, 26, 15);
        for (int i = 0; i < n; i++) {
            DataArray panel = array.isel(dim, i);
            double left = (i % columns) * width;
            double top = 40 + (i / columns) * height;
            GeoMap.title(g, defaultTitle(panel), left + width / 2.0, top + 16, 12);
            GeoMap.draw(image, g, new Rectangle2D.Double(left + 6, top + 24, width - 12, height - 30), GeoMap.Grid.of(panel, options.transform),
                    colours, style());
        }
        GeoMap.colourBar(g, new Rectangle2D.Double(columns * width, 64, barWidth - 5, Math.min(rows * height, 400)), colours,
                label(array));
        g.dispose();
        return image;
    }

    private int panels(String dim) {
        int n = (int) (long) array.sizes().get(dim);
        if (n > 24) {
            throw new IllegalArgumentException("Too many panels (" + n + ") along '" + dim + "'; select at most 24 first");
        }
        return n;
    }

    private void requireFacetDim(String dim) {
        if (!array.dims().contains(dim) || array.ndim() != 3) {
            throw new IllegalArgumentException("col(\"" + dim + "\") draws a 3-D array's panels along one of its dims;"
                    + " this one has dims " + array.dims());
        }
    }

    /**
     * A field on plain axes: the cells drawn as one picture behind the axes (each pixel the cell its
     * centre falls in, so uneven coordinates are drawn at their places), a colour bar at the right.
     */
    private JFreeChart mapChart(DataArray a, Colormap colours, String chartTitle) {
        String yDim = a.dims().get(0);
        String xDim = a.dims().get(1);
        double[] xEdges = GeoMap.edges(coordinateValues(a, xDim));
        double[] yEdges = GeoMap.edges(coordinateValues(a, yDim));
        NumberAxis xAxis = new NumberAxis(axisLabel(a.coords().variables().get(xDim), xDim));
        NumberAxis yAxis = new NumberAxis(axisLabel(a.coords().variables().get(yDim), yDim));
        xAxis.setRange(Math.min(xEdges[0], xEdges[xEdges.length - 1]), Math.max(xEdges[0], xEdges[xEdges.length - 1]));
        yAxis.setRange(Math.min(yEdges[0], yEdges[yEdges.length - 1]), Math.max(yEdges[0], yEdges[yEdges.length - 1]));
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(null, xAxis, yAxis, null);
        plot.setBackgroundPaint(null);   // NaN cells stay transparent
        plot.setBackgroundImage(cellPicture(a, colours, xEdges, yEdges));
        plot.setBackgroundImageAlignment(Align.FIT);
        plot.setBackgroundImageAlpha(1f);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(chartTitle, titleFont(), plot, false);
        chart.addSubtitle(GeoMap.colourLegend(colours, label(a)));
        chart.setBackgroundPaint(null);
        return chart;
    }

    /**
     * The field as a picture, north (the greatest y) up and the least x left: one pixel per cell for even
     * coordinates, else a finer picture whose pixels take the cell their centre falls in.
     */
    private static BufferedImage cellPicture(DataArray a, Colormap colours, double[] xEdges, double[] yEdges) {
        int nx = xEdges.length - 1;
        int ny = yEdges.length - 1;
        double[] values = a.values().toDoubleArray();
        boolean even = isEven(xEdges) && isEven(yEdges);
        int w = even ? nx : Math.max(nx, Math.min(2000, 4 * nx));
        int h = even ? ny : Math.max(ny, Math.min(2000, 4 * ny));
        int[] column = cellsAlong(xEdges, w, false);
        int[] row = cellsAlong(yEdges, h, true);
        BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                pixels[r * w + c] = row[r] < 0 || column[c] < 0 ? 0 : colours.argb(values[row[r] * nx + column[c]]);
            }
        }
        return picture;
    }

    /** For each of {@code n} pixels across the edges' span (from the greatest when {@code fromTop}), the cell it falls in. */
    private static int[] cellsAlong(double[] edges, int n, boolean fromTop) {
        double lo = Math.min(edges[0], edges[edges.length - 1]);
        double hi = Math.max(edges[0], edges[edges.length - 1]);
        boolean ascending = edges[edges.length - 1] >= edges[0];
        int[] cells = new int[n];
        for (int p = 0; p < n; p++) {
            double t = (p + 0.5) / n;
            double v = fromTop ? hi - t * (hi - lo) : lo + t * (hi - lo);
            cells[p] = cellOf(edges, v, ascending);
        }
        return cells;
    }

    private static int cellOf(double[] edges, double v, boolean ascending) {
        int lo = 0;
        int hi = edges.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if ((edges[mid] <= v) == ascending) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean isEven(double[] edges) {
        double step = (edges[edges.length - 1] - edges[0]) / (edges.length - 1);
        for (int i = 1; i < edges.length; i++) {
            if (Math.abs(edges[i] - edges[i - 1] - step) > 1e-6 * Math.abs(step)) {
                return false;
            }
        }
        return true;
    }

    /** Coordinate values along a dimension (positions when it has none). Cells are placed at their labels. */
    private static double[] coordinateValues(DataArray a, String dim) {
        Variable c = a.coords().variables().get(dim);
        int n = (int) (long) a.sizes().get(dim);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = c == null || c.isLabels() || c.ndim() != 1 ? i : c.values().getDouble(i);
        }
        return out;
    }

    /** Small multiples along {@code dim} on plain axes, sharing one colour scale. */
    private BufferedImage facets(String dim) {
        int n = panels(dim);
        Colormap colours = scale(array);
        int columns = options.colWrap > 0 ? Math.min(options.colWrap, n) : (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil((double) n / columns);
        BufferedImage image = new BufferedImage(columns * width, rows * height + 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(titleFont());
        g.drawString(title != null ? title : label(array), 10, 28);
        for (int i = 0; i < n; i++) {
            DataArray panel = array.isel(dim, i);
            JFreeChart chart = mapChart(panel, colours, defaultTitle(panel));
            chart.draw(g, new Rectangle2D.Double((i % columns) * width, 40 + (i / columns) * height, width,
                    height));
        }
        g.dispose();
        return image;
    }

    // ---- histogram ---------------------------------------------------------------------------

    private JFreeChart histogramChart() {
        double[] values = Arrays.stream(array.values().toDoubleArray()).filter(v -> !Double.isNaN(v)).toArray();
        HistogramDataset dataset = new HistogramDataset();
        dataset.addSeries(label(array), values.length == 0 ? new double[] {0} : values, bins);
        NumberAxis xAxis = new NumberAxis(label(array));
        xAxis.setAutoRangeIncludesZero(false);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setSeriesPaint(0, new Color(31, 119, 180));
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        XYPlot plot = new XYPlot(dataset, xAxis, new NumberAxis("count"), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        return new JFreeChart(title != null ? title : "Histogram of " + label(array), titleFont(), plot, false);
    }

    // ---- labels ------------------------------------------------------------------------------

    private static Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    }

    /** xarray's label: long_name (or standard_name, or the name) and [units]. */
    static String label(DataArray a) {
        return describe(a.attrs(), a.name() == null ? "values" : a.name());
    }

    private static String axisLabel(Variable coordinate, String dim) {
        return coordinate == null ? dim : describe(coordinate.attrs(), dim);
    }

    private static String describe(Map<String, Object> attrs, String fallback) {
        Object name = attrs.getOrDefault("long_name", attrs.getOrDefault("standard_name", fallback));
        Object units = attrs.get("units");
        return name + (units == null ? "" : " [" + units + "]");
    }

    /** Scalar coordinates as "name = value" pairs, as xarray titles a selection. */
    static String defaultTitle(DataArray a) {
        List<String> parts = new ArrayList<>();
        a.coords().variables().forEach((n, v) -> {
            if (v.ndim() == 0) {
                Object value = v.isLabels() ? v.labelValues().get(0) : format(v.values().getDouble());
                parts.add(n + " = " + value);
            }
        });
        return String.join(", ", parts);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
