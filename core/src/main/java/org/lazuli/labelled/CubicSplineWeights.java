package org.lazuli.labelled;

import java.util.Arrays;

/**
 * The weights of SciPy's cubic {@code interp1d} (a not-a-knot cubic spline, {@code make_interp_spline} with
 * {@code k=3}): the spline is linear in the values, so its value at a target is {@code sum_j w_j y_j}, and
 * the weights of {@code y_j} are the spline through the unit vector {@code e_j}. One tridiagonal solve per
 * point (SciPy's {@code CubicSpline} system for the slopes), so n points and m targets cost O(n (n + m)).
 */
final class CubicSplineWeights {
    private CubicSplineWeights() {
    }

    /**
     * {@code weights[k][j]}: the weight of the value at sorted point {@code j} in the spline at
     * {@code targets[k]}; targets outside {@code [x[0], x[n-1]]} get zero weights (the caller masks them).
     */
    static double[][] weights(double[] x, double[] targets) {
        int n = x.length;
        double[] dx = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            dx[i] = x[i + 1] - x[i];
        }
        // the slopes' system: lower[i] s[i-1] + diag[i] s[i] + upper[i] s[i+1] = b[i], not-a-knot at both ends
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        diag[0] = dx[1];
        upper[0] = x[2] - x[0];
        for (int i = 1; i < n - 1; i++) {
            lower[i] = dx[i];
            diag[i] = 2 * (dx[i - 1] + dx[i]);
            upper[i] = dx[i - 1];
        }
        lower[n - 1] = x[n - 1] - x[n - 3];
        diag[n - 1] = dx[n - 3];
        int[] interval = new int[targets.length];
        for (int k = 0; k < targets.length; k++) {
            int i = 0;
            while (i < n - 2 && x[i + 1] < targets[k]) {
                i++;
            }
            interval[k] = targets[k] >= x[0] && targets[k] <= x[n - 1] ? i : -1;
        }
        double[][] weights = new double[targets.length][n];
        double[] y = new double[n];
        double[] slopes = new double[n];
        for (int j = 0; j < n; j++) {
            Arrays.fill(y, 0);
            y[j] = 1;
            solveSlopes(x, dx, y, lower, diag, upper, slopes);
            for (int k = 0; k < targets.length; k++) {
                int i = interval[k];
                if (i >= 0) {
                    weights[k][j] = hermite(x, dx, y, slopes, i, targets[k]);
                }
            }
        }
        return weights;
    }

    private static void solveSlopes(double[] x, double[] dx, double[] y, double[] lower, double[] diag, double[] upper,
                                    double[] slopes) {
        int n = y.length;
        double[] slope = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            slope[i] = (y[i + 1] - y[i]) / dx[i];
        }
        double[] b = new double[n];
        double d0 = x[2] - x[0];
        b[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] * dx[0] * slope[1]) / d0;
        for (int i = 1; i < n - 1; i++) {
            b[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
        }
        double d1 = x[n - 1] - x[n - 3];
        b[n - 1] = (dx[n - 2] * dx[n - 2] * slope[n - 3] + (2 * d1 + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / d1;
        // Thomas' algorithm: the pivots stay positive for increasing x (the first is dx[1], the rest dominate)
        double[] c = new double[n];
        double[] r = new double[n];
        c[0] = upper[0] / diag[0];
        r[0] = b[0] / diag[0];
        for (int i = 1; i < n; i++) {
            double pivot = diag[i] - lower[i] * c[i - 1];
            c[i] = upper[i] / pivot;
            r[i] = (b[i] - lower[i] * r[i - 1]) / pivot;
        }
        slopes[n - 1] = r[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            slopes[i] = r[i] - c[i] * slopes[i + 1];
        }
    }

    /** The cubic on interval {@code i} with the end values and slopes given, at {@code t}. */
    private static double hermite(double[] x, double[] dx, double[] y, double[] s, int i, double t) {
        double h = dx[i];
        double slope = (y[i + 1] - y[i]) / h;
        double third = (s[i] + s[i + 1] - 2 * slope) / h;
        double second = (slope - s[i]) / h - third;
        double d = t - x[i];
        return y[i] + d * (s[i] + d * (second + d * third / h));
    }
}
