package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.time.CalendarDate;

/**
 * Least-squares polynomial fits along a dimension and their evaluation, as xarray's {@code polyfit} and
 * {@code polyval}. Lazy over the other dimensions: a fit needs sums over the fitted dimension (of the
 * powers of the coordinate where a value is present, and of the values times those powers), which are
 * chunked reductions, and a small solve per point, which is elementwise arithmetic on those sums. The
 * coordinate is centred and scaled before the sums are taken (so the normal equations stay well
 * conditioned), the system is solved by Cholesky, and the coefficients are turned back into powers of
 * the coordinate itself. Dates count in nanoseconds since 1970-01-01 of their calendar, as xarray's.
 */
final class Polynomials {
    private static final String DEGREE = "degree";

    private Polynomials() {
    }

    /**
     * The coefficients of the degree-{@code deg} fit along {@code dim}, highest power first along a new
     * {@code degree} dimension (labelled deg .. 0); NaN values are left out of each point's fit, and a point
     * with fewer than {@code deg + 1} values present gets NaN coefficients.
     */
    static DataArray fit(DataArray data, String dim, int deg) {
        if (deg < 0) {
            throw new IllegalArgumentException("polyfit needs a degree of at least 0, got " + deg);
        }
        if (!data.dims().contains(dim)) {
            throw Selection.missingDimension(dim, data.sizes(), data.describe());
        }
        Variable coordinate = data.coordVariables().get(dim);
        double[] x = coordinate == null ? positions(data.sizes().get(dim)) : numeric(coordinate, dim);
        int n = deg + 1;
        double centre = 0;
        for (double v : x) {
            centre += v / x.length;
        }
        double spread = 0;
        for (double v : x) {
            spread = Math.max(spread, Math.abs(v - centre));
        }
        double scale = spread == 0 ? 1 : spread;
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = (x[i] - centre) / scale;
        }
        DataArray present = data.notnull().astype(DType.FLOAT64);
        DataArray values = data.astype(DType.FLOAT64).fillna(0);
        DataArray[] powerSums = new DataArray[2 * deg + 1];   // sum of t^p where a value is present
        for (int p = 0; p <= 2 * deg; p++) {
            powerSums[p] = present.multiply(DataArray.along(data, dim, powers(t, p))).reduce(Reductions.Kind.SUM,
                    ReduceArgs.defaults(), dim);
        }
        DataArray[] moments = new DataArray[n];   // sum of t^q y
        for (int q = 0; q < n; q++) {
            moments[q] = values.multiply(DataArray.along(data, dim, powers(t, q))).reduce(Reductions.Kind.SUM,
                    ReduceArgs.defaults(), dim);
        }
        DataArray[] inT = choleskySolve(powerSums, moments, n);   // ascending powers of t
        // back to powers of x: t^k = ((x - centre) / scale)^k, expanded by the binomial theorem
        List<DataArray> descending = new ArrayList<>();
        for (int j = deg; j >= 0; j--) {
            DataArray c = null;
            for (int k = j; k <= deg; k++) {
                double factor = binomial(k, j) * Math.pow(-centre, k - j) / Math.pow(scale, k);
                DataArray term = inT[k].multiply(factor);
                c = c == null ? term : c.add(term);
            }
            descending.add(c.where(powerSums[0].ge(n)));
        }
        double[] degrees = new double[n];
        for (int j = 0; j < n; j++) {
            degrees[j] = deg - j;
        }
        DataArray stacked = DataArray.concat(descending, DEGREE);
        Variable labels = Variable.of(List.of(DEGREE), DenseArray.of(Arrays.stream(degrees)
                .mapToLong(d -> (long) d).toArray(), n));
        return stacked.assignCoords(Map.of(DEGREE, labels)).rename("polyfit_coefficients");
    }

    /** Solves G a = b per point, G_jk = sums[j + k] (a Gram matrix: symmetric positive definite), by Cholesky. */
    private static DataArray[] choleskySolve(DataArray[] sums, DataArray[] b, int n) {
        DataArray[][] lower = new DataArray[n][n];
        for (int j = 0; j < n; j++) {
            DataArray diagonal = sums[2 * j];
            for (int k = 0; k < j; k++) {
                diagonal = diagonal.subtract(lower[j][k].multiply(lower[j][k]));
            }
            lower[j][j] = diagonal.sqrt();
            for (int i = j + 1; i < n; i++) {
                DataArray entry = sums[i + j];
                for (int k = 0; k < j; k++) {
                    entry = entry.subtract(lower[i][k].multiply(lower[j][k]));
                }
                lower[i][j] = entry.divide(lower[j][j]);
            }
        }
        DataArray[] z = new DataArray[n];
        for (int i = 0; i < n; i++) {
            DataArray rest = b[i];
            for (int k = 0; k < i; k++) {
                rest = rest.subtract(lower[i][k].multiply(z[k]));
            }
            z[i] = rest.divide(lower[i][i]);
        }
        DataArray[] a = new DataArray[n];
        for (int i = n - 1; i >= 0; i--) {
            DataArray rest = z[i];
            for (int k = i + 1; k < n; k++) {
                rest = rest.subtract(lower[k][i].multiply(a[k]));
            }
            a[i] = rest.divide(lower[i][i]);
        }
        return a;
    }

    /**
     * The polynomial with {@code coefficients} (along {@code degree}, as polyfit gives them) at the values of
     * {@code coord} (numbers, or dates as nanoseconds since 1970-01-01 of their calendar), by Horner's rule.
     */
    static DataArray evaluate(DataArray coord, DataArray coefficients) {
        if (!coefficients.dims().contains(DEGREE)) {
            throw new IllegalArgumentException("polyval needs coefficients along '" + DEGREE + "' (as polyfit gives"
                    + " them); these have dimensions " + coefficients.dims());
        }
        Variable labels = coefficients.coordVariables().get(DEGREE);
        long[] degrees = labels == null ? null : labels.values().astype(DType.INT64).toLongArray();
        if (degrees == null) {
            throw new IllegalArgumentException("polyval needs the '" + DEGREE + "' coordinate of the coefficients"
                    + " (the power of each); polyfit's results have it");
        }
        int highest = (int) Arrays.stream(degrees).max().orElse(0);
        DataArray x = asNumbers(coord);
        DataArray result = null;
        for (int power = highest; power >= 0; power--) {
            DataArray c = coefficientOf(coefficients, degrees, power);
            result = result == null ? x.multiply(0).add(c) : result.multiply(x).add(c);
        }
        return result;
    }

    /** The coefficient of {@code power} (zero where the coefficients skip it). */
    private static DataArray coefficientOf(DataArray coefficients, long[] degrees, int power) {
        for (int i = 0; i < degrees.length; i++) {
            if (degrees[i] == power) {
                DataArray c = coefficients.isel(DEGREE, i);
                return c.drop(DEGREE);
            }
        }
        return coefficients.isel(DEGREE, 0).drop(DEGREE).multiply(0);
    }

    private static DataArray asNumbers(DataArray coord) {
        Variable v = coord.variable();
        if (!v.isLabels()) {
            return coord.astype(DType.FLOAT64);
        }
        if (v.dims().size() != 1) {
            throw new IllegalArgumentException("polyval takes one-dimensional dates; " + coord.describe() + " has "
                    + v.dims());
        }
        double[] x = numeric(v, coord.name());
        Variable numbers = Variable.of(v.dims(), DenseArray.of(x, x.length));
        return new DataArray(numbers, coord.coordVariables(), coord.name());
    }

    /** Numbers as they are; dates as nanoseconds since 1970-01-01 of their calendar (xarray's polyfit x). */
    private static double[] numeric(Variable c, String name) {
        if (!c.isLabels()) {
            return c.values().astype(DType.FLOAT64).toDoubleArray();
        }
        List<Object> dates = c.labelValues();
        double[] x = new double[dates.size()];
        for (int i = 0; i < x.length; i++) {
            if (!(dates.get(i) instanceof CalendarDate d)) {
                throw new IllegalArgumentException("'" + name + "' holds text labels; a polynomial needs numbers or"
                        + " dates along it");
            }
            x[i] = (d.toMicros() - CalendarDate.of(d.calendar(), 1970, 1, 1).toMicros()) * 1000.0;
        }
        return x;
    }

    private static double[] positions(long length) {
        double[] x = new double[(int) length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] powers(double[] t, int p) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Math.pow(t[i], p);
        }
        return out;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
