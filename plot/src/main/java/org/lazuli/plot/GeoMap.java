package org.lazuli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Variable;

/**
 * A field drawn on a map in a {@link Projection}: pcolormesh (every cell a quadrilateral between the
 * midpoints of its neighbours' centres, as xarray infers them, for 1-D and 2-D longitudes and
 * latitudes), or filled contours (the field interpolated linearly between cell centres, then banded),
 * or contour lines (marching squares), with coastlines, the projection's outline, a title and a colour
 * bar. The cells are rasterized straight into the picture's pixels, so a 1440 x 720 field takes a
 * fraction of a second.
 */
final class GeoMap {
    private static final int WHITE = 0xFFFFFFFF;
    private static final double SEAM = 1e-7;

    /** What to draw: cells, bands or lines (or bands and lines). */
    record Style(Projection projection, boolean coastlines, boolean filledContours, boolean contourLines) {
    }

    /** One field's grid: centres and corners in degrees, and its values, rows first. */
    static final class Grid {
        final int ny;
        final int nx;
        final double[] values;
        final double[] lon;        // centres, ny x nx
        final double[] lat;
        final double[] cornerLon;  // (ny + 1) x (nx + 1)
        final double[] cornerLat;
        final boolean periodic;    // the longitudes go round the globe: the last column meets the first

        private Grid(int ny, int nx, double[] values, double[] lon, double[] lat, double[] cornerLon, double[] cornerLat,
                     boolean periodic) {
            this.ny = ny;
            this.nx = nx;
            this.values = values;
            this.lon = lon;
            this.lat = lat;
            this.cornerLon = cornerLon;
            this.cornerLat = cornerLat;
            this.periodic = periodic;
        }

        /**
         * The grid of a 2-D field from its longitude and latitude coordinates (1-D dimension ones, or 2-D),
         * or, with a {@code transform}, from its dimension coordinates in that system (a rotated pole's).
         */
        static Grid of(DataArray a, Projection transform) {
            String yDim = a.dims().get(0);
            String xDim = a.dims().get(1);
            int ny = (int) (long) a.sizes().get(yDim);
            int nx = (int) (long) a.sizes().get(xDim);
            if (transform != null) {
                return rotated(a, transform);
            }
            Variable lon2 = find(a, true, 2);
            Variable lat2 = find(a, false, 2);
            double[] values = a.values().toDoubleArray();
            if (lon2 != null && lat2 != null) {
                double[] lon = ordered(lon2, a.dims(), ny, nx);
                double[] lat = ordered(lat2, a.dims(), ny, nx);
                unwrapRows(lon, ny, nx);
                return new Grid(ny, nx, values, lon, lat, corners2d(lon, ny, nx), clampLatitudes(corners2d(lat, ny, nx)),
                        false);
            }
            Variable x = a.coords().variables().get(xDim);
            Variable y = a.coords().variables().get(yDim);
            if (x == null || y == null || x.isLabels() || y.isLabels() || !isLongitude(xDim, x) || !isLatitude(yDim, y)) {
                throw new IllegalArgumentException("A map needs longitudes and latitudes: '" + a.name() + "' has dims "
                        + a.dims() + " and no coordinate named lon/lat (or with units degrees_east/degrees_north)"
                        + " along them; plot it without a projection, or assign its lon and lat coordinates");
            }
            double[] xs = x.values().toDoubleArray();
            double[] ys = y.values().toDoubleArray();
            double span = nx > 1 ? Math.abs(xs[nx - 1] - xs[0]) * nx / (nx - 1) : 0;
            return onAxes(xs, ys, values, (lon, lat, out) -> {
                out[0] = lon;
                out[1] = lat;
            }, Math.abs(span - 360) < 1e-6 * 360);
        }

        /** Where a point of the field's two axes lies in longitude and latitude. */
        private interface AxesToLonLat {
            void map(double x, double y, double[] out);
        }

        /**
         * A grid given by its two axes' coordinates: centres at the coordinates, corners at xarray's
         * breaks between them (latitudes held within the poles), each point mapped to degrees.
         */
        private static Grid onAxes(double[] xs, double[] ys, double[] values, AxesToLonLat toLonLat, boolean periodic) {
            int ny = ys.length;
            int nx = xs.length;
            double[] out = new double[2];
            double[] lon = new double[ny * nx];
            double[] lat = new double[ny * nx];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    toLonLat.map(xs[i], ys[j], out);
                    lon[j * nx + i] = out[0];
                    lat[j * nx + i] = out[1];
                }
            }
            double[] xe = edges(xs);
            double[] ye = edges(ys);
            double[] cornerLon = new double[(ny + 1) * (nx + 1)];
            double[] cornerLat = new double[(ny + 1) * (nx + 1)];
            for (int j = 0; j <= ny; j++) {
                for (int i = 0; i <= nx; i++) {
                    toLonLat.map(xe[i], ye[j], out);
                    cornerLon[j * (nx + 1) + i] = out[0];
                    cornerLat[j * (nx + 1) + i] = out[1];
                }
            }
            return new Grid(ny, nx, values, lon, lat, cornerLon, clampLatitudes(cornerLat), periodic);
        }

        int corner(int j, int i) {
            return j * (nx + 1) + i;
        }

        /** A rotated-pole grid: centres and corners (the 1-D breaks' grid) turned to geographic degrees. */
        private static Grid rotated(DataArray a, Projection transform) {
            if (transform.kind() != Projection.Kind.ROTATED_POLE) {
                throw new IllegalArgumentException("transform takes the data's coordinate system (Projection.rotatedPole"
                        + " or Projection.fromCf), got " + transform);
            }
            Variable x = a.coords().variables().get(a.dims().get(1));
            Variable y = a.coords().variables().get(a.dims().get(0));
            if (x == null || y == null || x.isLabels() || y.isLabels()) {
                throw new IllegalArgumentException("A rotated-pole field needs its rotated longitudes and latitudes as"
                        + " dimension coordinates; '" + a.name() + "' has dims " + a.dims());
            }
            return onAxes(x.values().toDoubleArray(), y.values().toDoubleArray(), a.values().toDoubleArray(),
                    transform::toGeographic, false);
        }
    }

    private GeoMap() {
    }

    /** Draws one field in {@code area} of {@code g} (pixels written into {@code image}). */
    static void draw(BufferedImage image, Graphics2D g, Rectangle2D area, Grid grid, Colormap colours, Style style) {
        Projection.Projector projector = style.projection().projector();
        Frame frame = Frame.fit(area, grid, style.projection(), projector);
        if (style.filledContours()) {
            bands(image, frame, grid, colours, projector);
        } else if (!style.contourLines()) {
            cells(image, frame, grid, colours, projector);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Shape clip = g.getClip();
        g.clip(frame.outline != null ? frame.outline : frame.dataArea);
        if (style.contourLines()) {
            lines(g, frame, grid, colours, projector, style.filledContours());
        }
        if (style.coastlines()) {
            g.setColor(new Color(40, 40, 40));
            g.setStroke(new BasicStroke(0.8f));
            for (double[] line : Coastlines.lines()) {
                g.draw(frame.polyline(line, projector));
            }
        }
        g.setClip(clip);
        g.setColor(new Color(90, 90, 90));
        g.setStroke(new BasicStroke(1f));
        g.draw(frame.outline != null ? frame.outline : frame.dataArea);
    }

    /** Where ({@code lon}, {@code lat}) lands when {@link #draw} draws the grid in {@code area}: pixel x and y. */
    static double[] pixel(Rectangle2D area, Grid grid, Style style, double lon, double lat) {
        Projection.Projector projector = style.projection().projector();
        Frame frame = Frame.fit(area, grid, style.projection(), projector);
        double[] xy = new double[2];
        projector.project(lon, lat, xy);
        return new double[]{frame.x(xy[0]), frame.y(xy[1])};
    }

    /** A colour bar for {@code colours}, labelled as xarray labels it, in {@code area}. */
    static void colourBar(Graphics2D g, Rectangle2D area, Colormap colours, String label) {
        PaintScaleLegend legend = colourLegend(colours, label);
        legend.getAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        legend.draw(g, area);
    }

    /** The vertical colour scale of every map, plain-axes ones (a JFreeChart subtitle) and projected ones. */
    static PaintScaleLegend colourLegend(Colormap colours, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(colours.getLowerBound(), colours.getUpperBound());
        PaintScaleLegend legend = new PaintScaleLegend(colours, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(14);
        legend.setAxisOffset(4);
        legend.setSubdivisionCount(256);
        legend.setMargin(4, 4, 4, 4);
        return legend;
    }

    static void title(Graphics2D g, String text, double centreX, double baseline, int size) {
        if (text == null || text.isEmpty()) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (float) (centreX - metrics.stringWidth(text) / 2.0), (float) baseline);
    }

    // ---- cells and bands ------------------------------------------------------------------------

    private static void cells(BufferedImage image, Frame frame, Grid grid, Colormap colours, Projection.Projector projector) {
        int n = (grid.ny + 1) * (grid.nx + 1);
        double[] px = new double[n];
        double[] py = new double[n];
        double[] rel = new double[n];
        double[] xy = new double[2];
        for (int k = 0; k < n; k++) {
            projector.project(grid.cornerLon[k], grid.cornerLat[k], xy);
            px[k] = frame.x(xy[0]);
            py[k] = frame.y(xy[1]);
            rel[k] = projector.relativeLongitude(grid.cornerLon[k]);
        }
        Raster raster = new Raster(image, frame);
        for (int j = 0; j < grid.ny; j++) {
            for (int i = 0; i < grid.nx; i++) {
                int colour = colours.argb(grid.values[j * grid.nx + i]);
                if (colour == 0) {
                    continue;
                }
                int[] c = {grid.corner(j, i), grid.corner(j, i + 1), grid.corner(j + 1, i + 1), grid.corner(j + 1, i)};
                if (crossesSeam(rel, c)) {
                    double[] lon = {grid.cornerLon[c[0]], grid.cornerLon[c[1]], grid.cornerLon[c[2]], grid.cornerLon[c[3]]};
                    double[] lat = {grid.cornerLat[c[0]], grid.cornerLat[c[1]], grid.cornerLat[c[2]], grid.cornerLat[c[3]]};
                    double[] flat = {0, 0, 0, 0};
                    splitAtSeam(raster, frame, projector, lon, lat, flat, colour, null);
                } else {
                    raster.quad(px[c[0]], py[c[0]], px[c[1]], py[c[1]], px[c[2]], py[c[2]], px[c[3]], py[c[3]], colour);
                }
            }
        }
    }

    /** Filled contours: the field interpolated between cell centres (the grid closed round the globe), banded. */
    private static void bands(BufferedImage image, Frame frame, Grid grid, Colormap colours, Projection.Projector projector) {
        int columns = grid.periodic ? grid.nx + 1 : grid.nx;
        double[][] centres = projectedCentres(frame, grid, projector, columns);
        double[] px = centres[0];
        double[] py = centres[1];
        double[] rel = centres[2];
        double[] lonAt = centres[3];
        Raster raster = new Raster(image, frame);
        for (int j = 0; j + 1 < grid.ny; j++) {
            for (int i = 0; i + 1 < columns; i++) {
                int[] c = {j * columns + i, j * columns + i + 1, (j + 1) * columns + i + 1, (j + 1) * columns + i};
                double[] v = {value(grid, j, i), value(grid, j, i + 1), value(grid, j + 1, i + 1), value(grid, j + 1, i)};
                if (Double.isNaN(v[0] + v[1] + v[2] + v[3])) {
                    continue;
                }
                if (crossesSeam(rel, c)) {
                    double[] lon = {lonAt[c[0]], lonAt[c[1]], lonAt[c[2]], lonAt[c[3]]};
                    double[] lat = {latAt(grid, j, i), latAt(grid, j, i + 1), latAt(grid, j + 1, i + 1), latAt(grid, j + 1, i)};
                    splitAtSeam(raster, frame, projector, lon, lat, v, 0, colours);
                } else {
                    raster.triangle(px[c[0]], py[c[0]], v[0], px[c[1]], py[c[1]], v[1], px[c[2]], py[c[2]], v[2], colours);
                    raster.triangle(px[c[0]], py[c[0]], v[0], px[c[2]], py[c[2]], v[2], px[c[3]], py[c[3]], v[3], colours);
                }
            }
        }
    }

    /** A cell straddling the projection's edge, drawn as its two halves, each pressed against its side of the edge. */
    private static void splitAtSeam(Raster raster, Frame frame, Projection.Projector projector, double[] lon, double[] lat,
                                    double[] values, int flatColour, Colormap colours) {
        double[] xy = new double[2];
        for (int side = -1; side <= 1; side += 2) {
            double[] x = new double[4];
            double[] y = new double[4];
            boolean visible = true;
            for (int k = 0; k < 4; k++) {
                double r = projector.relativeLongitude(lon[k]);
                double pressed = side < 0 ? (r < 0 ? r : -180 + SEAM) : (r > 0 ? r : 180 - SEAM);
                projector.projectRelative(pressed, lat[k], xy);
                x[k] = frame.x(xy[0]);
                y[k] = frame.y(xy[1]);
                visible &= !Double.isNaN(x[k] + y[k]);
            }
            if (!visible) {
                continue;
            }
            if (colours == null) {
                raster.quad(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], flatColour);
            } else {
                raster.triangle(x[0], y[0], values[0], x[1], y[1], values[1], x[2], y[2], values[2], colours);
                raster.triangle(x[0], y[0], values[0], x[2], y[2], values[2], x[3], y[3], values[3], colours);
            }
        }
    }

    private static boolean crossesSeam(double[] rel, int[] corners) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k : corners) {
            lo = Math.min(lo, rel[k]);
            hi = Math.max(hi, rel[k]);
        }
        return hi - lo > 180;
    }

    /** Pixel positions of the cell centres (and each one's relative and absolute longitude), {@code columns} wide. */
    private static double[][] projectedCentres(Frame frame, Grid grid, Projection.Projector projector, int columns) {
        int n = grid.ny * columns;
        double[] px = new double[n];
        double[] py = new double[n];
        double[] rel = new double[n];
        double[] lonAt = new double[n];
        double[] xy = new double[2];
        for (int j = 0; j < grid.ny; j++) {
            for (int i = 0; i < columns; i++) {
                int k = j * columns + i;
                lonAt[k] = grid.lon[j * grid.nx + i % grid.nx] + (i >= grid.nx ? 360 : 0);
                projector.project(lonAt[k], latAt(grid, j, i), xy);
                px[k] = frame.x(xy[0]);
                py[k] = frame.y(xy[1]);
                rel[k] = projector.relativeLongitude(lonAt[k]);
            }
        }
        return new double[][]{px, py, rel, lonAt};
    }

    private static double value(Grid grid, int j, int i) {
        return grid.values[j * grid.nx + i % grid.nx];
    }

    private static double latAt(Grid grid, int j, int i) {
        return grid.lat[j * grid.nx + i % grid.nx];
    }

    // ---- contour lines --------------------------------------------------------------------------

    /** Marching squares over the cell centres for each level, lines in the colour of their level (black over bands). */
    private static void lines(Graphics2D g, Frame frame, Grid grid, Colormap colours, Projection.Projector projector,
                              boolean overBands) {
        double[] levels = colours.levels();
        if (levels == null) {
            return;
        }
        int columns = grid.periodic ? grid.nx + 1 : grid.nx;
        double[][] centres = projectedCentres(frame, grid, projector, columns);
        double[] px = centres[0];
        double[] py = centres[1];
        double[] rel = centres[2];
        g.setStroke(new BasicStroke(overBands ? 0.6f : 1.2f));
        for (double level : levels) {
            g.setColor(overBands ? Color.BLACK : new Color(colours.argb(level)));
            Path2D.Double path = new Path2D.Double();
            for (int j = 0; j + 1 < grid.ny; j++) {
                for (int i = 0; i + 1 < columns; i++) {
                    int[] c = {j * columns + i, j * columns + i + 1, (j + 1) * columns + i + 1, (j + 1) * columns + i};
                    double[] v = {value(grid, j, i), value(grid, j, i + 1), value(grid, j + 1, i + 1), value(grid, j + 1, i)};
                    if (Double.isNaN(v[0] + v[1] + v[2] + v[3]) || crossesSeam(rel, c)
                            || Double.isNaN(px[c[0]] + px[c[1]] + px[c[2]] + px[c[3]])) {
                        continue;
                    }
                    marchingSquare(path, level, v, new double[]{px[c[0]], px[c[1]], px[c[2]], px[c[3]]},
                            new double[]{py[c[0]], py[c[1]], py[c[2]], py[c[3]]});
                }
            }
            g.draw(path);
        }
    }

    /** The level's crossings of one square's edges (corners 0-1-2-3 round it), joined in pairs. */
    private static void marchingSquare(Path2D.Double path, double level, double[] v, double[] x, double[] y) {
        double[] cx = new double[4];
        double[] cy = new double[4];
        int n = 0;
        for (int e = 0; e < 4; e++) {
            int a = e;
            int b = (e + 1) % 4;
            if ((v[a] < level) != (v[b] < level)) {
                double t = (level - v[a]) / (v[b] - v[a]);
                cx[n] = x[a] + t * (x[b] - x[a]);
                cy[n] = y[a] + t * (y[b] - y[a]);
                n++;
            }
        }
        if (n == 2 || n == 4) {
            for (int s = 0; s < n; s += 2) {
                path.moveTo(cx[s], cy[s]);
                path.lineTo(cx[s + 1], cy[s + 1]);
            }
        }
    }

    // ---- the frame: projected extent, pixels, outline --------------------------------------------

    /** Where map coordinates land in the picture, and the outline of what the projection shows. */
    private static final class Frame {
        final double minX;
        final double maxY;
        final double scale;
        final double left;
        final double top;
        final Rectangle2D dataArea;
        final Shape outline;

        private Frame(double minX, double maxY, double scale, double left, double top, Rectangle2D dataArea, Shape outline) {
            this.minX = minX;
            this.maxY = maxY;
            this.scale = scale;
            this.left = left;
            this.top = top;
            this.dataArea = dataArea;
            this.outline = outline;
        }

        double x(double mapX) {
            return left + (mapX - minX) * scale;
        }

        double y(double mapY) {
            return top + (maxY - mapY) * scale;
        }

        static Frame fit(Rectangle2D area, Grid grid, Projection projection, Projection.Projector projector) {
            double[] xy = new double[2];
            double[] data = bounds(grid.cornerLon, grid.cornerLat, projector, xy);
            double[][] edge = outlinePoints(projection, projector);
            double[] whole = edge == null ? null : extent(edge[0], edge[1]);
            boolean showWhole = whole != null && (data == null
                    || (data[2] - data[0]) * (data[3] - data[1]) > 0.8 * (whole[2] - whole[0]) * (whole[3] - whole[1]));
            double[] b = showWhole ? whole : data;
            if (b == null) {
                throw new IllegalArgumentException("No cell of the field is visible in " + projection);
            }
            double scale = Math.min(area.getWidth() / (b[2] - b[0]), area.getHeight() / (b[3] - b[1]));
            double width = (b[2] - b[0]) * scale;
            double height = (b[3] - b[1]) * scale;
            double left = area.getX() + (area.getWidth() - width) / 2;
            double top = area.getY() + (area.getHeight() - height) / 2;
            Rectangle2D dataArea = new Rectangle2D.Double(left, top, width, height);
            Frame frame = new Frame(b[0], b[3], scale, left, top, dataArea, null);
            if (!showWhole) {
                return frame;
            }
            Path2D.Double outline = new Path2D.Double();
            for (int k = 0; k < edge[0].length; k++) {
                double px = frame.x(edge[0][k]);
                double py = frame.y(edge[1][k]);
                if (k == 0) {
                    outline.moveTo(px, py);
                } else {
                    outline.lineTo(px, py);
                }
            }
            outline.closePath();
            return new Frame(b[0], b[3], scale, left, top, dataArea, outline);
        }

        /** The projected outline of the globe (or the polar disc), or null for regional projections. */
        private static double[][] outlinePoints(Projection projection, Projection.Projector projector) {
            double[] xy = new double[2];
            List<double[]> points = new ArrayList<>();
            double c = projection.centralLongitude();
            switch (projection.kind()) {
                case GLOBAL -> {
                    for (int k = 0; k <= 180; k++) {
                        points.add(point(projector, c - 180 + SEAM, -90 + k, xy));
                    }
                    for (int k = 0; k <= 360; k++) {
                        points.add(point(projector, c - 180 + SEAM + k * (360 - 2 * SEAM) / 360, 90, xy));
                    }
                    for (int k = 0; k <= 180; k++) {
                        points.add(point(projector, c + 180 - SEAM, 90 - k, xy));
                    }
                    for (int k = 0; k <= 360; k++) {
                        points.add(point(projector, c + 180 - SEAM - k * (360 - 2 * SEAM) / 360, -90, xy));
                    }
                }
                case POLAR_NORTH, POLAR_SOUTH -> {
                    for (int k = 0; k <= 360; k++) {
                        points.add(point(projector, -180 + k, projection.limitLatitude(), xy));
                    }
                }
                default -> {
                    return null;
                }
            }
            double[][] out = new double[2][points.size()];
            for (int k = 0; k < points.size(); k++) {
                out[0][k] = points.get(k)[0];
                out[1][k] = points.get(k)[1];
            }
            return out;
        }

        private static double[] point(Projection.Projector projector, double lon, double lat, double[] xy) {
            projector.project(lon, lat, xy);
            return xy.clone();
        }

        private static double[] bounds(double[] lon, double[] lat, Projection.Projector projector, double[] xy) {
            double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int k = 0; k < lon.length; k++) {
                projector.project(lon[k], lat[k], xy);
                extend(b, xy[0], xy[1]);
            }
            return b[0] < b[2] && b[1] < b[3] ? b : null;
        }

        private static double[] extent(double[] x, double[] y) {
            double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int k = 0; k < x.length; k++) {
                extend(b, x[k], y[k]);
            }
            return b[0] < b[2] && b[1] < b[3] ? b : null;
        }

        private static void extend(double[] b, double x, double y) {
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }

        /** A coastline in pixels, broken where it leaves the map or jumps across the projection's edge. */
        Path2D polyline(double[] points, Projection.Projector projector) {
            Path2D.Double path = new Path2D.Double();
            double[] xy = new double[2];
            boolean pen = false;
            double lastX = 0;
            double lastY = 0;
            double jump = dataArea.getWidth() / 3;
            for (int k = 0; k < points.length; k += 2) {
                projector.project(points[k], points[k + 1], xy);
                double px = x(xy[0]);
                double py = y(xy[1]);
                if (Double.isNaN(px + py)) {
                    pen = false;
                    continue;
                }
                if (pen && Math.abs(px - lastX) + Math.abs(py - lastY) < jump) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                }
                pen = true;
                lastX = px;
                lastY = py;
            }
            return path;
        }
    }

    // ---- rasterizing into the picture's pixels ----------------------------------------------------

    /** Fills triangles and quadrilaterals of pixel centres straight into the picture's ARGB buffer. */
    private static final class Raster {
        final int[] pixels;
        final int width;
        final int x0;
        final int y0;
        final int x1;
        final int y1;

        Raster(BufferedImage image, Frame frame) {
            this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            this.width = image.getWidth();
            Rectangle2D area = frame.dataArea;
            this.x0 = Math.max(0, (int) Math.floor(area.getMinX()));
            this.y0 = Math.max(0, (int) Math.floor(area.getMinY()));
            this.x1 = Math.min(image.getWidth() - 1, (int) Math.ceil(area.getMaxX()));
            this.y1 = Math.min(image.getHeight() - 1, (int) Math.ceil(area.getMaxY()));
        }

        void quad(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy, int colour) {
            if (Double.isNaN(ax + ay + bx + by + cx + cy + dx + dy)) {
                return;
            }
            flat(ax, ay, bx, by, cx, cy, colour);
            flat(ax, ay, cx, cy, dx, dy, colour);
        }

        private void flat(double ax, double ay, double bx, double by, double cx, double cy, int colour) {
            fill(ax, ay, 0, bx, by, 0, cx, cy, 0, null, colour);
        }

        void triangle(double ax, double ay, double va, double bx, double by, double vb, double cx, double cy, double vc,
                      Colormap colours) {
            if (Double.isNaN(ax + ay + bx + by + cx + cy)) {
                return;
            }
            fill(ax, ay, va, bx, by, vb, cx, cy, vc, colours, 0);
        }

        /** Every pixel whose centre lies in the triangle: one colour, or the value interpolated and coloured. */
        private void fill(double ax, double ay, double va, double bx, double by, double vb, double cx, double cy, double vc,
                          Colormap colours, int colour) {
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (area == 0) {
                return;
            }
            int minX = Math.max(x0, (int) Math.ceil(Math.min(ax, Math.min(bx, cx)) - 0.5));
            int maxX = Math.min(x1, (int) Math.floor(Math.max(ax, Math.max(bx, cx)) - 0.5));
            int minY = Math.max(y0, (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - 0.5));
            int maxY = Math.min(y1, (int) Math.floor(Math.max(ay, Math.max(by, cy)) - 0.5));
            double inverse = 1 / area;
            for (int y = minY; y <= maxY; y++) {
                double sy = y + 0.5;
                for (int x = minX; x <= maxX; x++) {
                    double sx = x + 0.5;
                    double wa = ((bx - sx) * (cy - sy) - (by - sy) * (cx - sx)) * inverse;
                    double wb = ((cx - sx) * (ay - sy) - (cy - sy) * (ax - sx)) * inverse;
                    double wc = 1 - wa - wb;
                    if (wa >= -1e-9 && wb >= -1e-9 && wc >= -1e-9) {
                        pixels[y * width + x] = colours == null ? colour : colours.argb(wa * va + wb * vb + wc * vc);
                    }
                }
            }
        }
    }

    // ---- coordinates ----------------------------------------------------------------------------

    /** The longitude (or latitude) coordinate of {@code ndim} dims over the field's dims, if there is one. */
    private static Variable find(DataArray a, boolean longitude, int ndim) {
        for (Map.Entry<String, Variable> e : a.coords().variables().entrySet()) {
            Variable v = e.getValue();
            if (v.ndim() == ndim && !v.isLabels() && a.dims().containsAll(v.dims())
                    && (longitude ? isLongitude(e.getKey(), v) : isLatitude(e.getKey(), v))) {
                return v;
            }
        }
        return null;
    }

    static boolean isLongitude(String name, Variable v) {
        String lower = name.toLowerCase(Locale.ROOT);
        Object units = v.attrs().get("units");
        Object standard = v.attrs().get("standard_name");
        return lower.equals("lon") || lower.equals("longitude") || lower.equals("nav_lon") || "longitude".equals(standard)
                || (units != null && String.valueOf(units).toLowerCase(Locale.ROOT).matches("degrees?_?e(ast)?"));
    }

    static boolean isLatitude(String name, Variable v) {
        String lower = name.toLowerCase(Locale.ROOT);
        Object units = v.attrs().get("units");
        Object standard = v.attrs().get("standard_name");
        return lower.equals("lat") || lower.equals("latitude") || lower.equals("nav_lat") || "latitude".equals(standard)
                || (units != null && String.valueOf(units).toLowerCase(Locale.ROOT).matches("degrees?_?n(orth)?"));
    }

    /** A 2-D coordinate's values laid out as the field's (rows along its first dim). */
    private static double[] ordered(Variable v, List<String> dims, int ny, int nx) {
        double[] values = v.values().toDoubleArray();
        if (v.dims().equals(dims)) {
            return values;
        }
        double[] out = new double[ny * nx];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = values[i * ny + j];
            }
        }
        return out;
    }

    /** Longitudes along each row made continuous (no 360° jumps), so midpoints are between neighbours. */
    private static void unwrapRows(double[] lon, int ny, int nx) {
        for (int j = 0; j < ny; j++) {
            for (int i = 1; i < nx; i++) {
                int k = j * nx + i;
                double d = lon[k] - lon[k - 1];
                lon[k] -= 360 * Math.round(d / 360);
            }
        }
    }

    /** xarray's interval breaks along one axis: midpoints, and the ends extended by half a step. */
    static double[] edges(double[] centres) {
        int n = centres.length;
        double[] e = new double[n + 1];
        if (n == 1) {
            e[0] = centres[0] - 0.5;
            e[1] = centres[0] + 0.5;
            return e;
        }
        for (int i = 1; i < n; i++) {
            e[i] = (centres[i - 1] + centres[i]) / 2;
        }
        e[0] = centres[0] - (e[1] - centres[0]);
        e[n] = centres[n - 1] + (centres[n - 1] - e[n - 1]);
        return e;
    }

    /** Corners of a 2-D grid of centres: breaks along the columns, then along the rows. */
    private static double[] corners2d(double[] centres, int ny, int nx) {
        double[] rows = new double[ny * (nx + 1)];
        double[] line = new double[nx];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(centres, j * nx, line, 0, nx);
            System.arraycopy(edges(line), 0, rows, j * (nx + 1), nx + 1);
        }
        double[] out = new double[(ny + 1) * (nx + 1)];
        double[] column = new double[ny];
        for (int i = 0; i <= nx; i++) {
            for (int j = 0; j < ny; j++) {
                column[j] = rows[j * (nx + 1) + i];
            }
            double[] e = edges(column);
            for (int j = 0; j <= ny; j++) {
                out[j * (nx + 1) + i] = e[j];
            }
        }
        return out;
    }

    private static double[] clampLatitudes(double[] lat) {
        for (int k = 0; k < lat.length; k++) {
            lat[k] = Math.max(-90, Math.min(90, lat[k]));
        }
        return lat;
    }

    /** A fresh white picture whose pixels the rasterizer may write. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Arrays.fill(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), WHITE);
        return image;
    }
}
