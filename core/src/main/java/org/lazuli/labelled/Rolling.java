package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;

/**
 * Moving windows along a dimension (xarray's {@code rolling}). A window of w elements is the sum of
 * w shifted views of the NaN-padded data, so it stays lazy and fuses into one pass per block;
 * windows with fewer than {@code minPeriods} valid values give NaN.
 */
public final class Rolling {
    private final DataArray source;
    private final String dim;
    private final int window;
    private final boolean center;
    private final int minPeriods;
    private final boolean keepAttrs;

    Rolling(DataArray source, String dim, int window, boolean center, int minPeriods) {
        this(source, dim, window, center, minPeriods, true);
    }

    private Rolling(DataArray source, String dim, int window, boolean center, int minPeriods, boolean keepAttrs) {
        if (window < 1) {
            throw new IllegalArgumentException("A rolling window needs at least 1 element, got " + window);
        }
        if (minPeriods < 1 || minPeriods > window) {
            throw new IllegalArgumentException("minPeriods must be in [1, window], got " + minPeriods);
        }
        source.variable().axisOf(dim);
        this.source = source;
        this.dim = dim;
        this.window = window;
        this.center = center;
        this.minPeriods = minPeriods;
        this.keepAttrs = keepAttrs;
    }

    /** Whether the results keep the data's attributes: yes by default, as xarray's rolling reductions. */
    public Rolling keepAttrs(boolean keep) {
        return new Rolling(source, dim, window, center, minPeriods, keep);
    }

    /** The w shifted views: view k at position i is the element at i - before + k (NaN outside). */
    private List<ChunkedArray> views() {
        Variable v = source.variable();
        int axis = v.axisOf(dim);
        ChunkedArray data = v.array().dtype().isFloat() ? v.array() : v.array().astype(DType.FLOAT64);
        long length = data.shape()[axis];
        int after = center ? window / 2 : 0;
        int before = window - 1 - after;
        ChunkedArray padded = pad(data, axis, before, after);
        ArrayList<ChunkedArray> views = new ArrayList<>();
        for (int k = 0; k < window; k++) {
            views.add(padded.slice(axis, k, k + length));
        }
        return views;
    }

    private static ChunkedArray pad(ChunkedArray data, int axis, int before, int after) {
        ArrayList<ChunkedArray> parts = new ArrayList<>();
        long[] shape = data.shape();
        long[] chunks = data.chunkSize();
        for (int k = 0; k < chunks.length; k++) {
            chunks[k] = Math.max(chunks[k], 1);
        }
        if (before > 0) {
            shape[axis] = before;
            parts.add(ChunkedArray.full(shape.clone(), Double.NaN, chunks).astype(data.dtype()));
        }
        parts.add(data);
        if (after > 0) {
            shape[axis] = after;
            parts.add(ChunkedArray.full(shape.clone(), Double.NaN, chunks).astype(data.dtype()));
        }
        return parts.size() == 1 ? data : ChunkedArray.concatenate(parts, axis);
    }

    private DataArray result(ChunkedArray values, ChunkedArray counts) {
        ChunkedArray masked = ChunkedArray.where(counts.ge(minPeriods), values, Double.NaN);
        Variable v = source.variable();
        return DataArray.of(v.withArray(v.dims(), masked, v.isLazy(), keepAttrs ? v.attrs() : Map.of()),
                source.coordVariables(), source.name());
    }

    private ChunkedArray validCount(List<ChunkedArray> views) {
        ChunkedArray count = null;
        for (ChunkedArray view : views) {
            ChunkedArray one = view.isnan().not().astype(DType.FLOAT64);
            count = count == null ? one : count.add(one);
        }
        return count;
    }

    private ChunkedArray nanSum(List<ChunkedArray> views) {
        ChunkedArray sum = null;
        for (ChunkedArray view : views) {
            ChunkedArray filled = ChunkedArray.where(view.isnan(), 0.0, view);
            sum = sum == null ? filled : sum.add(filled);
        }
        return sum;
    }

    /**
     * The sum of each window, NaN skipped; a window with fewer values than min_periods is NaN. Lazy across chunk
     * edges.
     */
    public DataArray sum() {
        List<ChunkedArray> views = views();
        return result(nanSum(views), validCount(views));
    }

    /**
     * The mean of each window, NaN skipped; a window with fewer values than min_periods is NaN. Lazy across chunk
     * edges.
     */
    public DataArray mean() {
        List<ChunkedArray> views = views();
        ChunkedArray count = validCount(views);
        return result(nanSum(views).divide(count), count);
    }

    /**
     * The largest value of each window, NaN skipped; fewer values than min_periods give NaN. Lazy across chunk
     * edges.
     */
    public DataArray max() {
        return extreme(true);
    }

    /**
     * The smallest value of each window, NaN skipped; fewer values than min_periods give NaN. Lazy across chunk
     * edges.
     */
    public DataArray min() {
        return extreme(false);
    }

    private DataArray extreme(boolean max) {
        List<ChunkedArray> views = views();
        double fill = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        ChunkedArray best = null;
        for (ChunkedArray view : views) {
            ChunkedArray filled = ChunkedArray.where(view.isnan(), fill, view);
            best = best == null ? filled : max ? best.maximum(filled) : best.minimum(filled);
        }
        return result(best, validCount(views));
    }

    /** Population standard deviation (ddof 0) of each window, computed around the window mean. */
    public DataArray std() {
        List<ChunkedArray> views = views();
        ChunkedArray count = validCount(views);
        ChunkedArray mean = nanSum(views).divide(count);
        ChunkedArray squares = null;
        for (ChunkedArray view : views) {
            ChunkedArray deviation = view.subtract(mean);
            ChunkedArray sq = ChunkedArray.where(view.isnan(), 0.0, deviation.multiply(deviation));
            squares = squares == null ? sq : squares.add(sq);
        }
        return result(squares.divide(count).sqrt(), count);
    }

    /** The windows, as xarray prints them. */
    @Override
    public String toString() {
        return "Rolling(" + dim + "=" + window + (center ? ", center" : "") + ", minPeriods=" + minPeriods + ")";
    }
}
