package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.Frequency;

/**
 * Conforming an array to new labels along one dimension, as xarray's {@code reindex} (labels looked up,
 * exactly or by {@link SelectMethod}, missing ones filled) and {@code interp} (linear or nearest, as
 * SciPy's {@code interp1d}, which xarray calls: NaN outside the coordinate's range). Both are lazy: the
 * needed positions are gathered along the dimension (only the chunks holding them are read) and weighted
 * or masked elementwise.
 */
final class Reindexing {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private Reindexing() {
    }

    static DataArray reindex(DataArray data, String dim, List<?> labels, SelectMethod method, Double tolerance,
                             double fillValue) {
        Index index = data.coords().index(dim).orElseThrow(() -> new LabelNotFoundException("reindex on '" + dim
                + "' needs its coordinate; " + data.describe() + " has none along it (select by position with isel)"));
        long[] positions = new long[labels.size()];
        double[] found = new double[labels.size()];
        for (int i = 0; i < positions.length; i++) {
            try {
                positions[i] = index.locate(labels.get(i), method, tolerance);
                found[i] = 1;
            } catch (LabelNotFoundException missing) {
                positions[i] = 0;   // any position: masked below
            }
        }
        DataArray gathered = data.isel(dim, positions).assignCoords(Map.of(dim, labelsVariable(dim, labels, data)));
        if (Arrays.stream(found).allMatch(f -> f == 1)) {
            return gathered;
        }
        DataArray typed = data.dtype().isFloat() || !Double.isNaN(fillValue) ? gathered
                : gathered.astype(DType.FLOAT64);   // a missing label needs NaN, which integers cannot hold
        return typed.where(DataArray.along(typed, dim, found).gt(0), fillValue);
    }

    static DataArray interp(DataArray data, String dim, List<?> points, InterpMethod method) {
        Variable c = data.coordVariables().get(dim);
        if (c == null || c.dims().size() != 1) {
            throw new LabelNotFoundException("interp along '" + dim + "' needs its one-dimensional coordinate; "
                    + data.describe() + " has none");
        }
        double[] x = numbers(DataArray.labelList(c), dim);
        double[] targets = numbers(points, dim);
        Integer[] order = new Integer[x.length];   // SciPy sorts an unsorted coordinate first
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] sorted = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sorted[i] = x[order[i]];
        }
        int n = sorted.length;
        if (method == InterpMethod.CUBIC) {
            return cubic(data, dim, points, order, sorted, targets);
        }
        long[] lower = new long[targets.length];
        long[] upper = new long[targets.length];
        double[] weight = new double[targets.length];
        double[] inside = new double[targets.length];
        for (int k = 0; k < targets.length; k++) {
            double t = targets[k];
            inside[k] = n > 0 && t >= sorted[0] && t <= sorted[n - 1] ? 1 : 0;
            if (method == InterpMethod.LINEAR) {
                if (n < 2) {
                    throw new IllegalArgumentException("Linear interpolation along '" + dim + "' needs at least 2"
                            + " points; it has " + n);
                }
                int hi = Math.max(1, Math.min(n - 1, searchLeft(sorted, t)));
                lower[k] = order[hi - 1];
                upper[k] = order[hi];
                weight[k] = (t - sorted[hi - 1]) / (sorted[hi] - sorted[hi - 1]);
            } else {
                int nearest = nearest(sorted, t);
                lower[k] = order[nearest];
                upper[k] = order[nearest];
            }
        }
        Variable targetCoord = labelsVariable(dim, points, data);
        DataArray below = data.isel(dim, lower).assignCoords(Map.of(dim, targetCoord));
        DataArray result;
        if (method == InterpMethod.LINEAR) {
            DataArray above = data.isel(dim, upper).assignCoords(Map.of(dim, targetCoord));
            // SciPy's form: y_lo + (y_hi - y_lo) * (x - x_lo) / (x_hi - x_lo)
            result = above.subtract(below).multiply(DataArray.along(below, dim, weight)).add(below);
        } else {
            result = data.dtype().isFloat() ? below : below.astype(DType.FLOAT64);
        }
        DataArray masked = result.where(DataArray.along(result, dim, inside).gt(0));
        return new DataArray(masked.variable().withAttrs(data.attrs()), masked.coordVariables(), data.name());
    }

    /** Above this many weights (targets x points) a cubic interpolation is refused rather than filling memory. */
    private static final long MAX_CUBIC_WEIGHTS = 1L << 25;

    /**
     * SciPy's cubic {@code interp1d}: each target is a weighted sum of every value along {@code dim}
     * ({@link CubicSplineWeights}), so the spline is a lazy sum of products over the chunks; a NaN along the
     * dimension makes the whole series NaN, as SciPy's spline solve does.
     */
    private static DataArray cubic(DataArray data, String dim, List<?> points, Integer[] order, double[] sorted,
                                   double[] targets) {
        int n = sorted.length;
        if (n < 4) {
            throw new IllegalArgumentException("Cubic interpolation along '" + dim + "' needs at least 4 points; it has "
                    + n + " (use \"linear\")");
        }
        for (int i = 1; i < n; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("Cubic interpolation along '" + dim + "' needs distinct coordinate"
                        + " values; " + Index.format(data.coords().index(dim).orElseThrow().label(order[i]))
                        + " appears twice");
            }
        }
        if ((long) n * targets.length > MAX_CUBIC_WEIGHTS) {
            throw new IllegalArgumentException("Cubic interpolation of " + n + " points of '" + dim + "' at "
                    + targets.length + " targets needs " + n * (long) targets.length + " weights (8 bytes each); interpolate"
                    + " fewer targets at a time, or use \"linear\"");
        }
        double[][] weights = CubicSplineWeights.weights(sorted, targets);
        String target = dim + "\0target";
        double[] matrix = new double[n * targets.length];   // (dim, target), in the data's own order along dim
        double[] inside = new double[targets.length];
        for (int k = 0; k < targets.length; k++) {
            inside[k] = targets[k] >= sorted[0] && targets[k] <= sorted[n - 1] ? 1 : 0;
            for (int j = 0; j < n; j++) {
                matrix[order[j] * targets.length + k] = weights[k][j];
            }
        }
        DataArray weighting = DataArray.of(DenseArray.of(matrix, n, targets.length), dim, target);
        DataArray summed = data.astype(DType.FLOAT64).multiply(weighting)
                .reduce(Reductions.Kind.SUM, ReduceArgs.defaults().withSkipNa(false), dim)
                .rename(Map.of(target, dim));
        DataArray placed = summed.transpose(data.dims().toArray(String[]::new))
                .assignCoords(Map.of(dim, labelsVariable(dim, points, data)));
        DataArray masked = placed.where(DataArray.along(placed, dim, inside).gt(0));
        return new DataArray(masked.variable().withAttrs(data.attrs()), masked.coordVariables(), data.name());
    }

    /**
     * {@code before} and {@code after} positions added along {@code dim}, as xarray's {@code pad}: filled with
     * {@code constant} (NaN by default; the coordinate gets NaN there) or, with {@code edge}, with the edge
     * values (and edge labels). Lazy: the edge positions are gathered, the rest masked.
     */
    static DataArray pad(DataArray data, String dim, int before, int after, double constant, boolean edge) {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad needs counts of at least 0, got " + before + " and " + after);
        }
        Long length = data.sizes().get(dim);
        if (length == null) {
            throw Selection.missingDimension(dim, data.sizes(), data.describe());
        }
        if (length == 0) {
            throw new IllegalArgumentException("Cannot pad the empty dimension '" + dim + "': it has no value to repeat"
                    + " or to place the padding around");
        }
        int n = (int) (length + before + after);
        long[] positions = new long[n];
        double[] original = new double[n];
        for (int i = 0; i < n; i++) {
            positions[i] = Math.max(0, Math.min(length - 1, i - before));
            original[i] = i >= before && i < before + length ? 1 : 0;
        }
        Variable c = data.coordVariables().get(dim);
        Variable padded = null;
        if (c != null && c.dims().equals(List.of(dim))) {
            if (c.isLabels() && !edge) {
                throw new IllegalArgumentException("Padding '" + dim + "' with a constant would need missing labels in"
                        + " its coordinate of dates or text; pad with padEdge, or drop the coordinate first");
            }
            if (c.isLabels()) {
                List<Object> labels = c.labelValues();
                List<Object> out = new ArrayList<>();
                for (long p : positions) {
                    out.add(labels.get((int) p));
                }
                padded = Variable.labels(dim, out, c.attrs());
            } else {
                double[] values = c.values().astype(DType.FLOAT64).toDoubleArray();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = edge || original[i] == 1 ? values[(int) positions[i]] : Double.NaN;
                }
                padded = Variable.of(List.of(dim), DenseArray.of(out, n), c.attrs());
            }
        }
        DataArray gathered = data.isel(dim, positions);
        if (padded != null) {
            gathered = gathered.assignCoords(Map.of(dim, padded));
        }
        if (edge) {
            return gathered;
        }
        DataArray typed = data.dtype().isFloat() || !Double.isNaN(constant) ? gathered : gathered.astype(DType.FLOAT64);
        return typed.where(DataArray.along(typed, dim, original).gt(0), constant);
    }

    /**
     * The dates along {@code dim} moved to {@code calendar}, as xarray's {@code convert_calendar}: with
     * {@code alignOn} "date", each date keeps its fields and is dropped where the target calendar lacks it
     * (February 29 into noleap, the 31st into 360_day); with "year", its place in the year is kept (the day of
     * year rescaled to the target year's length, rounded half to even), and days that meet are kept once.
     * Converting to or from 360_day needs an {@code alignOn}, as in xarray.
     */
    static DataArray convertCalendar(DataArray data, String dim, String calendar, String alignOn) {
        Calendar target = Calendar.of(calendar);
        Variable c = data.coordVariables().get(dim);
        if (c == null || !c.isLabels() || c.labelValues().isEmpty() || !(c.labelValues().get(0) instanceof CalendarDate)) {
            throw new IllegalArgumentException("convertCalendar needs a time coordinate along '" + dim + "' holding"
                    + " dates; " + data.describe() + " has none");
        }
        List<Object> dates = c.labelValues();
        Calendar source = ((CalendarDate) dates.get(0)).calendar();
        boolean day360 = source == Calendar.DAY_360 || target == Calendar.DAY_360;
        String align = alignOn == null ? (day360 ? null : "date") : alignOn;
        if (align == null) {
            throw new IllegalArgumentException("Converting " + source.cfName() + " to " + target.cfName() + " needs"
                    + " alignOn \"date\" or \"year\" (as xarray's align_on): 360_day months have other lengths");
        }
        if (!align.equals("date") && !align.equals("year")) {
            throw new IllegalArgumentException("alignOn must be \"date\" or \"year\", got \"" + align + "\"");
        }
        List<Long> kept = new ArrayList<>();
        List<Object> labels = new ArrayList<>();
        if (align.equals("date")) {   // in their order, less the dates the target calendar lacks
            for (int i = 0; i < dates.size(); i++) {
                CalendarDate moved = sameFields((CalendarDate) dates.get(i), target);
                if (moved != null) {
                    kept.add((long) i);
                    labels.add(moved);
                }
            }
        } else {   // sorted, the first of the dates that meet on one day (NumPy's unique, as xarray)
            TreeMap<CalendarDate, Long> first = new TreeMap<>();
            for (int i = 0; i < dates.size(); i++) {
                first.putIfAbsent(samePlaceInYear((CalendarDate) dates.get(i), target), (long) i);
            }
            kept.addAll(first.values());
            labels.addAll(first.keySet());
        }
        long[] positions = kept.stream().mapToLong(Long::longValue).toArray();
        return data.isel(dim, positions).assignCoords(Map.of(dim, Variable.labels(dim, labels, c.attrs())));
    }

    /**
     * As {@link #convertCalendar(DataArray, String, String, String)}, then reindexed to every date of the
     * source's frequency between its first and last date in the target calendar, {@code missing} where the
     * conversion left none (xarray's {@code missing=}: February 29 into the standard calendar, say). The
     * frequency is inferred, as xarray's {@code infer_freq}: a fixed step, or month, quarter or year starts
     * or ends; irregular dates are refused.
     */
    static DataArray convertCalendar(DataArray data, String dim, String calendar, String alignOn, double missing) {
        DataArray converted = convertCalendar(data, dim, calendar, alignOn);
        List<CalendarDate> source = new ArrayList<>();
        data.coordVariables().get(dim).labelValues().forEach(d -> source.add((CalendarDate) d));
        Frequency step = inferFrequency(source, dim);
        Calendar target = Calendar.of(calendar);
        CalendarDate first = Collections.min(source);
        CalendarDate last = Collections.max(source);
        CalendarDate start = sameFieldsOrBefore(first, target);
        CalendarDate end = sameFieldsOrBefore(last, target);
        boolean monthEnd = last.day() == last.calendar().daysInMonth(last.year(), last.month());
        if (monthEnd && (step.isEndAnchored() || step.unit().equals("D"))) {   // a month-end series stays one
            end = CalendarDate.of(target, end.year(), end.month(), target.daysInMonth(end.year(), end.month()))
                    .plusMicros(Math.floorMod(end.toMicros(), MICROS_PER_DAY));
        }
        List<Object> range = new ArrayList<>();
        for (CalendarDate d = step.rollForward(start); d.compareTo(end) <= 0; d = step.next(d)) {
            range.add(d);
        }
        return converted.reindex(dim, range, missing);
    }

    /** The step of regular dates, as pandas' and xarray's {@code infer_freq}; irregular dates are refused. */
    static Frequency inferFrequency(List<CalendarDate> dates, String dim) {
        if (dates.size() < 3) {
            throw new IllegalArgumentException("Cannot infer the frequency of '" + dim + "' from " + dates.size()
                    + " dates (it needs 3); convertCalendar with missing needs a regular time axis");
        }
        long step = dates.get(1).toMicros() - dates.get(0).toMicros();
        boolean fixed = step > 0;
        for (int i = 2; fixed && i < dates.size(); i++) {
            fixed = dates.get(i).toMicros() - dates.get(i - 1).toMicros() == step;
        }
        if (fixed) {
            for (String unit : List.of("D", "h", "min", "s", "ms", "us")) {
                long micros = Frequency.parse(unit).stepMicros();
                if (step % micros == 0 && step / micros <= Integer.MAX_VALUE) {
                    return Frequency.parse(step / micros + unit);
                }
            }
        }
        CalendarDate a = dates.get(0);
        int months = (dates.get(1).year() - a.year()) * 12 + dates.get(1).month() - a.month();
        boolean starts = true;
        boolean ends = true;
        boolean regular = months > 0;
        for (int i = 0; regular && i < dates.size(); i++) {
            CalendarDate d = dates.get(i);
            starts &= d.day() == 1;
            ends &= d.day() == d.calendar().daysInMonth(d.year(), d.month());
            regular = Math.floorMod(d.toMicros(), MICROS_PER_DAY) == Math.floorMod(a.toMicros(),
                    MICROS_PER_DAY) && (i == 0 || (d.year() - dates.get(i - 1).year()) * 12 + d.month()
                    - dates.get(i - 1).month() == months);
        }
        if (regular && (starts || ends)) {   // anchored at the first date's month, as pandas infers "AS-JUL"
            if (months % 12 == 0) {
                return new Frequency(months / 12, starts ? "YS" : "YE", a.month());
            }
            if (months % 3 == 0) {
                return new Frequency(months / 3, starts ? "QS" : "QE", a.month());
            }
            return new Frequency(months, starts ? "MS" : "ME", 1);
        }
        throw new IllegalArgumentException("Cannot infer a frequency from the dates of '" + dim + "' (" + dates.get(0)
                + ", " + dates.get(1) + ", " + dates.get(2) + " …): they are not regular; convertCalendar with missing"
                + " needs a regular time axis, so convert without it");
    }

    /** The same fields in {@code target}, or the day or two before where it lacks the day (a month's end). */
    private static CalendarDate sameFieldsOrBefore(CalendarDate d, Calendar target) {
        for (int back = 0; back <= 2; back++) {
            if (d.day() - back >= 1 && d.day() - back <= target.daysInMonth(d.year(), d.month())) {
                return CalendarDate.of(target, d.year(), d.month(), d.day() - back, d.hour(), d.minute(), d.second())
                        .plusMicros(d.microsecond());
            }
        }
        throw new IllegalArgumentException("No day like " + d + " in the " + target.cfName() + " calendar");
    }

    /** The same year, month, day and time in {@code target}, or null where it has no such day. */
    private static CalendarDate sameFields(CalendarDate d, Calendar target) {
        try {
            return CalendarDate.of(target, d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second())
                    .plusMicros(d.microsecond());
        } catch (IllegalArgumentException missing) {
            return null;
        }
    }

    /** The day at the same fraction of the year in {@code target} (xarray's _interpolate_day_of_year), same time. */
    private static CalendarDate samePlaceInYear(CalendarDate d, Calendar target) {
        double days = target.daysInYear(d.year()) * (double) d.dayOfYear() / d.calendar().daysInYear(d.year());
        long dayOfYear = (long) Math.rint(days);
        CalendarDate day = CalendarDate.of(target, d.year(), 1, 1).plusDays(dayOfYear - 1);
        long timeOfDay = d.toMicros() - CalendarDate.of(d.calendar(), d.year(), d.month(), d.day()).toMicros();
        return day.plusMicros(timeOfDay);
    }

    /** The first position whose value is not below {@code t} (NumPy's searchsorted, side "left"). */
    private static int searchLeft(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** SciPy's nearest: the midpoints between neighbours split the line, a tie going to the lower one. */
    private static int nearest(double[] sorted, double t) {
        double[] midpoints = new double[Math.max(0, sorted.length - 1)];
        for (int i = 0; i < midpoints.length; i++) {
            midpoints[i] = (sorted[i] + sorted[i + 1]) / 2;
        }
        return searchLeft(midpoints, t);
    }

    /** Numbers as they are, dates as microseconds (only differences and order matter). */
    private static double[] numbers(List<?> values, String dim) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v instanceof Number number) {
                out[i] = number.doubleValue();
            } else if (v instanceof CalendarDate date) {
                out[i] = date.toMicros();
            } else {
                throw new IllegalArgumentException("interp along '" + dim + "' takes numbers or dates, got "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        return out;
    }

    /** The new labels as the dimension's coordinate: numbers as float64, dates and text as labels. */
    private static Variable labelsVariable(String dim, List<?> labels, DataArray data) {
        Variable old = data.coordVariables().get(dim);
        Map<String, Object> attrs = old == null ? Map.of() : old.attrs();
        if (labels.stream().allMatch(l -> l instanceof Number)) {
            double[] values = labels.stream().mapToDouble(l -> ((Number) l).doubleValue()).toArray();
            return Variable.of(List.of(dim), DenseArray.of(values, values.length), attrs);
        }
        return Variable.labels(dim, labels, attrs);
    }
}
