package org.lazuli.plot;

/**
 * xarray's choice of colour scale for a field ({@code _determine_cmap_params}): the data's range unless
 * {@code vmin}/{@code vmax} are given; data either side of zero (or a given {@code center}) get a
 * range symmetric about the centre and the diverging map RdBu_r, other data viridis; an integer
 * number of levels becomes matplotlib's {@code MaxNLocator} ticks over the range (linearly spaced when
 * the user set a limit), and the levels' ends become the range.
 *
 * @param cmap   the colour map's name
 * @param levels band edges, or null for a continuous scale
 */
record ColourScale(double vmin, double vmax, String cmap, double[] levels) {

    /**
     * @param min    the data's least finite value (NaN when it has none)
     * @param max    the data's greatest finite value
     * @param vmin   the user's lower limit, or NaN
     * @param vmax   the user's upper limit, or NaN
     * @param center the user's centre, or NaN
     * @param cmap   the user's colour map, or null
     * @param levels the user's number of levels, or 0 for a continuous scale
     */
    static ColourScale choose(double min, double max, double vmin, double vmax, double center, String cmap, int levels) {
        if (Double.isNaN(min)) {
            min = 0;
            max = 0;
        }
        boolean vminWasNone = Double.isNaN(vmin);
        boolean vmaxWasNone = Double.isNaN(vmax);
        boolean userMinMax = !vminWasNone || !vmaxWasNone;
        double lo = vminWasNone ? min : vmin;
        double hi = vmaxWasNone ? max : vmax;
        boolean divergent = (lo < 0 && hi > 0) || !Double.isNaN(center);
        double c = Double.isNaN(center) ? 0 : center;
        if (!vminWasNone && !vmaxWasNone) {
            divergent = false;   // both limits given: no diverging map
        }
        if (divergent) {
            double vlim = vminWasNone && vmaxWasNone ? Math.max(Math.abs(lo - c), Math.abs(hi - c))
                    : vminWasNone ? Math.abs(hi - c) : Math.abs(lo - c);
            lo = -vlim;
            hi = vlim;
        }
        lo += c;   // as xarray: the centre shifts user limits too
        hi += c;
        String chosen = cmap != null ? cmap : divergent ? "RdBu_r" : "viridis";
        double[] edges = null;
        if (levels > 0) {
            if (userMinMax) {
                edges = linspace(lo, hi, levels);
            } else if (levels == 1) {
                edges = new double[]{(lo + hi) / 2};
            } else {
                edges = maxNLocator(levels - 1, lo, hi);
            }
            lo = edges[0];
            hi = edges[edges.length - 1];
        } else if (lo == hi) {
            // matplotlib's norm widens an empty range by 5% (or to ±0.05 about zero)
            lo = lo == 0 ? -0.05 : lo - 0.05 * Math.abs(lo);
            hi = hi == 0 ? 0.05 : hi + 0.05 * Math.abs(hi);
        }
        return new ColourScale(lo, hi, chosen, edges);
    }

    /** The colour map this scale draws with. */
    Colormap colormap() {
        Colormap continuous = Colormap.of(cmap, vmin, vmax);
        return levels != null && levels.length >= 2 ? continuous.banded(levels) : continuous;
    }

    private static double[] linspace(double lo, double hi, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
        }
        return out;
    }

    /** matplotlib's {@code MaxNLocator(nbins).tick_values(lo, hi)} with its default steps [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]. */
    static double[] maxNLocator(int nbins, double lo, double hi) {
        double[] limits = nonsingular(lo, hi);
        lo = limits[0];
        hi = limits[1];
        double dv = Math.abs(hi - lo);
        double mean = (hi + lo) / 2;
        double offset = Math.abs(mean) / dv < 100 ? 0 : Math.copySign(Math.pow(10, Math.floor(Math.log10(Math.abs(mean)))), mean);
        double scale = Math.pow(10, Math.floor(Math.log10(dv / nbins)));
        double vmin = lo - offset;
        double vmax = hi - offset;
        double[] staircase = {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15};
        double rawStep = (vmax - vmin) / nbins;
        int istep = 0;
        while (istep < staircase.length - 1 && staircase[istep] * scale < rawStep) {
            istep++;
        }
        double[] ticks = null;
        for (int s = istep; s >= 0; s--) {
            double step = staircase[s] * scale;
            double bestVmin = Math.floor(vmin / step) * step;
            long low = edgeLe(vmin - bestVmin, step, offset);
            long high = edgeGe(vmax - bestVmin, step, offset);
            ticks = new double[(int) (high - low + 1)];
            int shown = 0;
            for (int i = 0; i < ticks.length; i++) {
                ticks[i] = (low + i) * step + bestVmin;
                if (ticks[i] <= vmax && ticks[i] >= vmin) {
                    shown++;
                }
            }
            if (shown >= 2) {
                break;
            }
        }
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] += offset;
        }
        return ticks;
    }

    private static long edgeLe(double x, double step, double offset) {
        double d = Math.floor(x / step);
        double m = x - d * step;
        return closeTo(m / step, 1, step, offset) ? (long) d + 1 : (long) d;
    }

    private static long edgeGe(double x, double step, double offset) {
        double d = Math.floor(x / step);
        double m = x - d * step;
        return closeTo(m / step, 0, step, offset) ? (long) d : (long) d + 1;
    }

    private static boolean closeTo(double ms, double edge, double step, double offset) {
        double tol = 1e-10;
        if (offset > 0) {
            double digits = Math.log10(offset / step);
            tol = Math.min(0.4999, Math.max(1e-10, Math.pow(10, digits - 12)));
        }
        return Math.abs(ms - edge) < tol;
    }

    /** matplotlib's {@code transforms.nonsingular(lo, hi, expander=1e-13, tiny=1e-14)}: a range never empty. */
    private static double[] nonsingular(double lo, double hi) {
        boolean swapped = false;
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
            swapped = true;
        }
        double maxabs = Math.max(Math.abs(lo), Math.abs(hi));
        if (maxabs < (1e6 / Double.MAX_VALUE) * Double.MIN_NORMAL) {
            lo = -1e-13;
            hi = 1e-13;
        } else if (hi - lo <= maxabs * 1e-14) {
            if (hi == 0 && lo == 0) {
                lo = -1e-13;
                hi = 1e-13;
            } else {
                lo -= 1e-13 * Math.abs(lo);
                hi += 1e-13 * Math.abs(hi);
            }
        }
        return swapped ? new double[]{hi, lo} : new double[]{lo, hi};
    }
}
