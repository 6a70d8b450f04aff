package org.lazuli.plot;

import java.util.Locale;
import java.util.Map;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A map projection for {@link Plot#projection(Projection)}, as cartopy names them: longitudes and
 * latitudes in degrees become map coordinates through PROJ's formulas (proj4j), on a sphere.
 * Global projections draw the whole globe with its outline; polar ones a disc down to a latitude;
 * conic ones the data's region.
 *
 * <pre>{@code
 * Plot.of(anomaly).projection(Projection.robinson()).coastlines().save(Path.of("anomaly.png"));
 * }</pre>
 */
public final class Projection {
    /** PROJ's sphere (radius 6370997 m). */
    private static final String SPHERE = " +R=6370997 +units=m +no_defs";
    /**
     * The same sphere spelled as axes, for Lambert conformal and polar stereographic: proj4j's lcc ignores +R
     * (it would use WGS 84) and its stere scales a +R sphere differently at the two poles; as axes (with the
     * true-scale latitude at the pole) both give PROJ's numbers, checked against cs2cs.
     */
    private static final String SPHERE_AXES = " +a=6370997 +b=6370997 +units=m +no_defs";

    private final String name;
    private final String proj4;
    private final double centralLongitude;
    private final Kind kind;
    /** Polar projections: the latitude the disc reaches (north: least shown; south: greatest shown). */
    private final double limitLatitude;

    enum Kind { GLOBAL, POLAR_NORTH, POLAR_SOUTH, REGIONAL, ROTATED_POLE }

    private Projection(String name, String proj4, double centralLongitude, Kind kind, double limitLatitude) {
        this.name = name;
        this.proj4 = proj4;
        this.centralLongitude = centralLongitude;
        this.kind = kind;
        this.limitLatitude = limitLatitude;
    }

    /** Longitude and latitude as x and y (cartopy's PlateCarree). */
    public static Projection plateCarree() {
        return plateCarree(0);
    }

    public static Projection plateCarree(double centralLongitude) {
        return new Projection("PlateCarree", null, centralLongitude, Kind.GLOBAL, Double.NaN);
    }

    /** Robinson's compromise projection of the whole globe. */
    public static Projection robinson() {
        return robinson(0);
    }

    public static Projection robinson(double centralLongitude) {
        return new Projection("Robinson", "+proj=robin +lon_0=" + number(centralLongitude) + SPHERE, centralLongitude,
                Kind.GLOBAL, Double.NaN);
    }

    /** Mollweide's equal-area projection of the whole globe. */
    public static Projection mollweide() {
        return mollweide(0);
    }

    public static Projection mollweide(double centralLongitude) {
        return new Projection("Mollweide", "+proj=moll +lon_0=" + number(centralLongitude) + SPHERE, centralLongitude,
                Kind.GLOBAL, Double.NaN);
    }

    /** Polar stereographic, the North Pole at the centre, down to 20°N. */
    public static Projection northPolarStereo() {
        return northPolarStereo(20);
    }

    /** Polar stereographic, the North Pole at the centre, down to {@code southernmostLatitude}. */
    public static Projection northPolarStereo(double southernmostLatitude) {
        requireLatitude(southernmostLatitude, -10, 85);
        return new Projection("NorthPolarStereo", "+proj=stere +lat_0=90 +lat_ts=90 +lon_0=0" + SPHERE_AXES, 0, Kind.POLAR_NORTH,
                southernmostLatitude);
    }

    /** Polar stereographic, the South Pole at the centre, up to 20°S. */
    public static Projection southPolarStereo() {
        return southPolarStereo(-20);
    }

    public static Projection southPolarStereo(double northernmostLatitude) {
        requireLatitude(northernmostLatitude, -85, 10);
        return new Projection("SouthPolarStereo", "+proj=stere +lat_0=-90 +lat_ts=-90 +lon_0=0" + SPHERE_AXES, 0, Kind.POLAR_SOUTH,
                northernmostLatitude);
    }

    /** Lambert conformal conic with cartopy's defaults: centred on 96°W, 39°N, standard parallels 33°N and 45°N. */
    public static Projection lambertConformal() {
        return lambertConformal(-96, 39, 33, 45);
    }

    public static Projection lambertConformal(double centralLongitude, double centralLatitude, double parallel1,
                                              double parallel2) {
        requireLatitude(centralLatitude, -89, 89);
        return new Projection("LambertConformal", "+proj=lcc +lat_1=" + number(parallel1) + " +lat_2=" + number(parallel2)
                + " +lat_0=" + number(centralLatitude) + " +lon_0=" + number(centralLongitude) + SPHERE_AXES, centralLongitude,
                Kind.REGIONAL, Double.NaN);
    }

    /**
     * The coordinates of a rotated-pole grid (CF's {@code rotated_latitude_longitude}, cartopy's
     * {@code RotatedPole}), for {@link Plot#transform(Projection)}: the grid's north pole stands at
     * geographic ({@code poleLongitude}, {@code poleLatitude}). Data are drawn in it, never onto it.
     */
    public static Projection rotatedPole(double poleLongitude, double poleLatitude) {
        requireLatitude(poleLatitude, -90, 90);
        return new Projection("RotatedPole", null, poleLongitude, Kind.ROTATED_POLE, poleLatitude);
    }

    /**
     * The projection a CF grid-mapping variable's attributes describe: {@code
     * rotated_latitude_longitude} ({@code grid_north_pole_longitude}, {@code grid_north_pole_latitude})
     * and {@code latitude_longitude}.
     */
    public static Projection fromCf(Map<String, Object> gridMapping) {
        Object name = gridMapping.get("grid_mapping_name");
        if ("rotated_latitude_longitude".equals(name)) {
            double longitude = numberAttribute(gridMapping, "grid_north_pole_longitude");
            double latitude = numberAttribute(gridMapping, "grid_north_pole_latitude");
            Object gridLongitude = gridMapping.get("north_pole_grid_longitude");
            if (gridLongitude instanceof Number n && n.doubleValue() != 0) {
                throw new IllegalArgumentException("A rotated pole with north_pole_grid_longitude = " + n
                        + " is not supported: only 0, as CORDEX and most models write it");
            }
            return rotatedPole(longitude, latitude);
        }
        if ("latitude_longitude".equals(name)) {
            return plateCarree();
        }
        throw new IllegalArgumentException("The grid mapping '" + name + "' is not one Plot reads (rotated_latitude_longitude,"
                + " latitude_longitude); give the data's longitudes and latitudes as coordinates instead");
    }

    private static double numberAttribute(Map<String, Object> attrs, String key) {
        Object value = attrs.get(key);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof double[] d && d.length == 1) {
            return d[0];
        }
        if (value instanceof float[] f && f.length == 1) {
            return f[0];
        }
        throw new IllegalArgumentException("The grid mapping has no number " + key + " (it has " + attrs.keySet() + ")");
    }

    /** Geographic longitude and latitude of a rotated-pole grid's (rlon, rlat), in degrees, into {@code out}. */
    void toGeographic(double rlon, double rlat, double[] out) {
        double lr = Math.toRadians(rlon);
        double pr = Math.toRadians(rlat);
        double pole = Math.toRadians(limitLatitude);
        double sinLat = Math.sin(pr) * Math.sin(pole) + Math.cos(pr) * Math.cos(lr) * Math.cos(pole);
        double lat = Math.asin(Math.max(-1, Math.min(1, sinLat)));
        double lon = Math.atan2(Math.cos(pr) * Math.sin(lr),
                Math.sin(pole) * Math.cos(pr) * Math.cos(lr) - Math.cos(pole) * Math.sin(pr));
        double geographic = Math.toDegrees(lon) + centralLongitude + 180;
        out[0] = geographic - 360 * Math.floor((geographic + 180) / 360);
        out[1] = Math.toDegrees(lat);
    }

    public String name() {
        return name;
    }

    double centralLongitude() {
        return centralLongitude;
    }

    Kind kind() {
        return kind;
    }

    double limitLatitude() {
        return limitLatitude;
    }

    /** A projector for one thread's drawing (proj4j's projections hold state while they work). */
    Projector projector() {
        if (kind == Kind.ROTATED_POLE) {
            throw new IllegalArgumentException("RotatedPole describes the data's coordinates: give it to Plot.transform,"
                    + " and draw in another projection (PlateCarree, LambertConformal, …)");
        }
        return new Projector(this);
    }

    @Override
    public String toString() {
        return name + (kind != Kind.GLOBAL || centralLongitude == 0 ? "" : "(central longitude " + number(centralLongitude) + ")");
    }

    private static void requireLatitude(double latitude, double low, double high) {
        if (!(latitude >= low && latitude <= high)) {
            throw new IllegalArgumentException("A latitude of " + latitude + " is outside " + low + ".." + high
                    + " for this projection");
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Projects degrees to map coordinates; NaN for points the projection does not show. */
    static final class Projector {
        private final Projection projection;
        private final org.locationtech.proj4j.proj.Projection proj;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        private Projector(Projection projection) {
            this.projection = projection;
            this.proj = projection.proj4 == null ? null
                    : new CRSFactory().createFromParameters(projection.name, projection.proj4).getProjection();
        }

        /** Writes x and y of ({@code lon}, {@code lat}) into {@code xy}; NaN when it is not shown. */
        void project(double lon, double lat, double[] xy) {
            if (Double.isNaN(lon) || Double.isNaN(lat) || lat > 90.0001 || lat < -90.0001) {
                xy[0] = Double.NaN;
                xy[1] = Double.NaN;
                return;
            }
            projectRelative(relativeLongitude(lon), lat, xy);
        }

        /** As {@link #project}, the longitude given relative to the central one (in [-180, 180]). */
        void projectRelative(double relative, double lat, double[] xy) {
            if (Double.isNaN(relative) || Double.isNaN(lat)) {
                xy[0] = Double.NaN;
                xy[1] = Double.NaN;
                return;
            }
            lat = Math.max(-90, Math.min(90, lat));
            switch (projection.kind) {
                case POLAR_NORTH -> {
                    if (lat < projection.limitLatitude - 1e-9) {
                        xy[0] = Double.NaN;
                        xy[1] = Double.NaN;
                        return;
                    }
                }
                case POLAR_SOUTH -> {
                    if (lat > projection.limitLatitude + 1e-9) {
                        xy[0] = Double.NaN;
                        xy[1] = Double.NaN;
                        return;
                    }
                }
                default -> {
                }
            }
            if (proj == null) {
                xy[0] = relative;
                xy[1] = lat;
                return;
            }
            in.x = projection.centralLongitude + relative;
            in.y = lat;
            proj.project(in, out);
            xy[0] = out.x;
            xy[1] = out.y;
        }

        /** The longitude relative to the central one, in [-180, 180]. */
        double relativeLongitude(double lon) {
            double r = lon - projection.centralLongitude;
            r = r - 360 * Math.floor((r + 180) / 360);
            return r;
        }
    }
}
