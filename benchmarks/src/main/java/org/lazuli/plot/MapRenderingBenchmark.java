package org.lazuli.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An 800 x 500 picture of a 1440 x 720 (quarter-degree) global field: Lazuli's maps, which
 * rasterize the cells into the picture's pixels, in each projection with coastlines, cells or filled
 * contours; and, for comparison, the same field through JFreeChart's {@code XYBlockRenderer} (one
 * rectangle drawn per cell, what plain-axes maps used before).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Djava.awt.headless=true"})
public class MapRenderingBenchmark {
    @Param({"PlateCarree", "Robinson", "NorthPolarStereo"})
    String projection;

    @Param({"cells", "contourf"})
    String style;

    private DataArray field;
    private double[] lat;
    private double[] lon;
    private double[] values;

    @Setup
    public void makeField() {
        lat = new double[720];
        lon = new double[1440];
        for (int j = 0; j < lat.length; j++) {
            lat[j] = -89.875 + 0.25 * j;
        }
        for (int i = 0; i < lon.length; i++) {
            lon[i] = 0.125 + 0.25 * i;
        }
        values = new double[lat.length * lon.length];
        for (int j = 0; j < lat.length; j++) {
            for (int i = 0; i < lon.length; i++) {
                values[j * lon.length + i] = Math.sin(Math.toRadians(lat[j]) * 3) * Math.cos(Math.toRadians(lon[i]) * 2);
            }
        }
        field = DataArray.of(Variable.of(List.of("lat", "lon"), DenseArray.of(values, lat.length, lon.length)),
                Map.of("lat", Variable.of(List.of("lat"), DenseArray.of(lat, lat.length), Map.of("units", "degrees_north")),
                        "lon", Variable.of(List.of("lon"), DenseArray.of(lon, lon.length), Map.of("units", "degrees_east"))),
                "anomaly");
    }

    @Benchmark
    public BufferedImage lazuliMap() {
        Projection p = switch (projection) {
            case "Robinson" -> Projection.robinson();
            case "NorthPolarStereo" -> Projection.northPolarStereo();
            default -> Projection.plateCarree();
        };
        Plot plot = Plot.of(field).projection(p).coastlines();
        return (style.equals("contourf") ? plot.contourf(12) : plot).render();
    }

    /** The same field through JFreeChart's block renderer on plain axes (projection and style do not apply). */
    @Benchmark
    public BufferedImage jfreeChartBlocks() {
        double[][] data = new double[3][values.length];
        for (int j = 0; j < lat.length; j++) {
            for (int i = 0; i < lon.length; i++) {
                int k = j * lon.length + i;
                data[0][k] = lon[i];
                data[1][k] = lat[j];
                data[2][k] = values[k];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("anomaly", data);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(0.25);
        renderer.setBlockHeight(0.25);
        renderer.setPaintScale(Colormap.of("RdBu_r", -1, 1));
        XYPlot plot = new XYPlot(dataset, new NumberAxis("lon"), new NumberAxis("lat"), renderer);
        return new JFreeChart(plot).createBufferedImage(800, 500);
    }
}
