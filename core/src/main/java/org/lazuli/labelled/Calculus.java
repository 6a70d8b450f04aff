package org.lazuli.labelled;

import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

/**
 * Derivatives and integrals along a coordinate, as xarray's {@code differentiate} (NumPy's
 * {@code gradient}: second-order central differences inside, first-order at the edges, on uneven
 * spacing too) and {@code integrate} (the trapezoidal rule). Both are lazy: the neighbours come from
 * {@code shift}, which reaches across chunk edges, times per-position coefficients along the dimension.
 */
final class Calculus {
    /** NumPy's datetime units, and their length in microseconds. */
    private static final Map<String, Double> UNIT_MICROS = Map.of("W", 7 * 86_400e6, "D", 86_400e6, "h", 3_600e6,
            "m", 60e6, "s", 1e6, "ms", 1e3, "us", 1.0, "ns", 1e-3);

    private Calculus() {
    }

    static DataArray differentiate(DataArray data, String coord, String datetimeUnit) {
        Variable c = coordinate(data, coord, "differentiate");
        String dim = c.dims().get(0);
        double[] x = numeric(c, coord, datetimeUnit);
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("differentiate needs at least 2 points along '" + dim + "', which has "
                    + n + " (NumPy's gradient with edge_order=1)");
        }
        double[] before = new double[n];
        double[] here = new double[n];
        double[] after = new double[n];
        here[0] = -1 / (x[1] - x[0]);
        after[0] = 1 / (x[1] - x[0]);
        before[n - 1] = -1 / (x[n - 1] - x[n - 2]);
        here[n - 1] = 1 / (x[n - 1] - x[n - 2]);
        for (int i = 1; i < n - 1; i++) {
            double h1 = x[i] - x[i - 1];
            double h2 = x[i + 1] - x[i];
            before[i] = -h2 / (h1 * (h1 + h2));
            here[i] = (h2 - h1) / (h1 * h2);
            after[i] = h1 / (h2 * (h1 + h2));
        }
        boolean uniform = true;
        for (int i = 2; i < n; i++) {
            uniform &= x[i] - x[i - 1] == x[1] - x[0];
        }
        // shifted in with 0, not NaN: the edges' missing neighbour has a zero coefficient
        DataArray neighbours = data.shift(dim, 1, 0.0).multiply(DataArray.along(data, dim, before))
                .add(data.shift(dim, -1, 0.0).multiply(DataArray.along(data, dim, after)));
        DataArray own = data;
        if (uniform && n > 2) {
            // NumPy's (f[i+1] - f[i-1]) / 2h inside: a point's own value (a NaN) enters only the edges' derivatives
            double[] atEdges = new double[n];
            atEdges[0] = 1;
            atEdges[n - 1] = 1;
            own = data.where(DataArray.along(data, dim, atEdges).gt(0), 0.0);
        }
        DataArray gradient = neighbours.add(own.multiply(DataArray.along(data, dim, here)));
        DType type = data.dtype();
        DataArray typed = type.isFloat() && type != gradient.dtype() ? gradient.astype(type) : gradient;
        return new DataArray(typed.variable().withAttrs(Map.of()), typed.coordVariables(), data.name());
    }

    static DataArray integrate(DataArray data, String coord, String datetimeUnit) {
        Variable c = coordinate(data, coord, "integrate");
        String dim = c.dims().get(0);
        double[] x = numeric(c, coord, datetimeUnit);
        int n = x.length;
        ReduceArgs propagate = ReduceArgs.defaults().withSkipNa(false);
        if (n < 2) {
            DataArray empty = data.isel(dim, Slice.of(0, 0)).reduce(Reductions.Kind.SUM, propagate, dim);
            return new DataArray(empty.variable().withAttrs(Map.of()), empty.coordVariables(), data.name());
        }
        double[] halfWidth = new double[n];   // the trapezoid from i to i + 1; none after the last point
        for (int i = 0; i < n - 1; i++) {
            halfWidth[i] = 0.5 * (x[i + 1] - x[i]);
        }
        DataArray trapezoids = data.add(data.shift(dim, -1, 0.0)).multiply(DataArray.along(data, dim, halfWidth));
        DataArray total = trapezoids.reduce(Reductions.Kind.SUM, propagate, dim);
        return new DataArray(total.variable().withAttrs(Map.of()), total.coordVariables(), data.name());
    }

    /** A one-dimensional coordinate of {@code data}, or an error naming the ones it has. */
    private static Variable coordinate(DataArray data, String coord, String operation) {
        Variable c = data.coordVariables().get(coord);
        if (c == null && data.dims().contains(coord)) {
            throw new IllegalArgumentException("Dimension '" + coord + "' has no coordinate to " + operation
                    + " along; assign one (assignCoords) first");
        }
        if (c == null) {
            throw new IllegalArgumentException("No coordinate '" + coord + "' to " + operation + " along; the"
                    + " coordinates are " + data.coordVariables().keySet());
        }
        if (c.dims().size() != 1) {
            throw new IllegalArgumentException("Coordinate '" + coord + "' has dimensions " + c.dims() + "; "
                    + operation + " needs a one-dimensional coordinate");
        }
        return c;
    }

    /**
     * The coordinate's values as numbers: numbers as they are, dates in {@code unit} (xarray's defaults:
     * "ns" for the standard and proleptic Gregorian calendars, which xarray holds as datetime64[ns], and "s"
     * for the others, held as cftime), counted from an arbitrary origin (only differences matter).
     */
    private static double[] numeric(Variable c, String coord, String unit) {
        if (!c.isLabels()) {
            if (unit != null) {
                throw new IllegalArgumentException("A datetime unit ('" + unit + "') applies to time coordinates;"
                        + " '" + coord + "' holds numbers");
            }
            return c.values().astype(DType.FLOAT64).toDoubleArray();
        }
        List<Object> labels = c.labelValues();
        if (labels.isEmpty() || !(labels.get(0) instanceof CalendarDate first)) {
            throw new IllegalArgumentException("Coordinate '" + coord + "' holds text labels; differentiate and"
                    + " integrate need numbers or dates");
        }
        Calendar calendar = first.calendar();
        String chosen = unit != null ? unit
                : calendar == Calendar.STANDARD || calendar == Calendar.PROLEPTIC_GREGORIAN ? "ns" : "s";
        Double micros = UNIT_MICROS.get(chosen);
        if (micros == null) {
            throw new IllegalArgumentException("Unknown datetime unit '" + chosen + "'; use one of "
                    + List.of("W", "D", "h", "m", "s", "ms", "us", "ns"));
        }
        long origin = first.toMicros();
        double[] x = new double[labels.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (((CalendarDate) labels.get(i)).toMicros() - origin) / micros;
        }
        return x;
    }
}
