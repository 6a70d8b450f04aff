package org.lazuli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
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

    private Plot(DataArray array, int width, int height, String title, Integer bins) {
        this.array = Objects.requireNonNull(array, "array");
        this.width = width;
        this.height = height;
        this.title = title;
        this.bins = bins;
    }

    /** A plot of the array, its kind chosen by its number of dimensions. */
    public static Plot of(DataArray array) {
        return new Plot(array, 800, 500, null, null);
    }

    /** A histogram of the array's values. */
    public static Plot histogram(DataArray array, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("A histogram needs at least one bin, got " + bins);
        }
        return new Plot(array, 800, 500, null, bins);
    }

    /** The picture's size in pixels (for facets: of each panel). */
    public Plot size(int newWidth, int newHeight) {
        if (newWidth < 50 || newHeight < 50) {
            throw new IllegalArgumentException("A plot needs at least 50 x 50 pixels, got " + newWidth + " x " + newHeight);
        }
        return new Plot(array, newWidth, newHeight, title, bins);
    }

    public Plot title(String text) {
        return new Plot(array, width, height, text, bins);
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
        return switch (array.ndim()) {
            case 1 -> chart(lineChart()).createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, info);
            case 2 -> mapChart(array, range(array), title != null ? title : defaultTitle(array))
                    .createBufferedImage(width, height, BufferedImage.TYPE_INT_ARGB, info);
            case 3 -> facets();
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

    private static double[] range(DataArray a) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a.values().toDoubleArray()) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {0, 1};
    }

    private JFreeChart mapChart(DataArray a, double[] range, String chartTitle) {
        String yDim = a.dims().get(0);
        String xDim = a.dims().get(1);
        double[] values = a.values().toDoubleArray();
        double[] xs = coordinateValues(a, xDim);
        double[] ys = coordinateValues(a, yDim);
        int nx = xs.length;
        int ny = ys.length;
        double[][] data = new double[3][nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                data[0][k] = xs[i];
                data[1][k] = ys[j];
                data[2][k] = values[k];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(a.name() == null ? "values" : a.name(), data);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(step(xs));
        renderer.setBlockHeight(step(ys));
        Colormap colours = new Colormap(range[0], range[1]);
        renderer.setPaintScale(colours);
        NumberAxis xAxis = new NumberAxis(axisLabel(a.coords().variables().get(xDim), xDim));
        NumberAxis yAxis = new NumberAxis(axisLabel(a.coords().variables().get(yDim), yDim));
        xAxis.setRange(min(xs) - step(xs) / 2, max(xs) + step(xs) / 2);
        yAxis.setRange(min(ys) - step(ys) / 2, max(ys) + step(ys) / 2);
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(null);   // NaN cells stay transparent
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(chartTitle, titleFont(), plot, false);
        NumberAxis scaleAxis = new NumberAxis(label(a));
        scaleAxis.setRange(colours.getLowerBound(), colours.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(colours, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(14);
        legend.setAxisOffset(4);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(null);
        return chart;
    }

    /** Coordinate values along a dimension (positions when it has none). Blocks are placed at their labels. */
    private static double[] coordinateValues(DataArray a, String dim) {
        Variable c = a.coords().variables().get(dim);
        int n = (int) (long) a.sizes().get(dim);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = c == null || c.isLabels() || c.ndim() != 1 ? i : c.values().getDouble(i);
        }
        return out;
    }

    private static double step(double[] v) {
        if (v.length < 2) {
            return 1;
        }
        return Math.abs(v[v.length - 1] - v[0]) / (v.length - 1);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Small multiples over the first dimension, sharing one colour scale. */
    private BufferedImage facets() {
        String dim = array.dims().get(0);
        int n = (int) (long) array.sizes().get(dim);
        if (n > 24) {
            throw new IllegalArgumentException("Too many panels (" + n + ") along '" + dim + "'; select at most 24 first");
        }
        double[] range = range(array);
        int columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil((double) n / columns);
        BufferedImage image = new BufferedImage(columns * width, rows * height + 40, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(titleFont());
        g.drawString(title != null ? title : label(array), 10, 28);
        for (int i = 0; i < n; i++) {
            DataArray panel = array.isel(dim, i);
            JFreeChart chart = mapChart(panel, range, defaultTitle(panel));
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
