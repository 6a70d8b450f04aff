package org.lazuli.labelled;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.DatePeriod;
import org.lazuli.time.Frequency;

/**
 * Label → position for one dimension coordinate: numbers, strings or {@link CalendarDate}s
 * (xarray's {@code Index}). Numeric and time indexes may be ascending, descending or unordered;
 * slices need an ordered index. Time indexes accept partial dates ("2001-06") wherever a label is
 * expected, meaning the whole period. Immutable.
 */
public final class Index {
    private final String dim;
    private final double[] numbers;
    private final Object[] objects;   // strings or CalendarDates
    private final int order;          // 1 ascending, -1 descending, 0 neither

    private Index(String dim, double[] numbers, Object[] objects) {
        this.dim = dim;
        this.numbers = numbers;
        this.objects = objects;
        this.order = computeOrder();
    }

    /** The index of a 1-D coordinate variable. */
    public static Index of(String dim, Variable coordinate) {
        if (coordinate.ndim() != 1) {
            throw new IllegalArgumentException("An index needs a 1-D coordinate; '" + dim + "' has dims " + coordinate.dims());
        }
        if (coordinate.isLabels()) {
            return new Index(dim, null, coordinate.labelArray().clone());
        }
        return new Index(dim, coordinate.values().toDoubleArray(), null);
    }

    private int computeOrder() {
        int n = size();
        if (n < 2) {
            return 1;
        }
        boolean ascending = true;
        boolean descending = true;
        for (int i = 1; i < n; i++) {
            int c = compare(i - 1, i);
            ascending &= c < 0;
            descending &= c > 0;
        }
        return ascending ? 1 : descending ? -1 : 0;
    }

    private int compare(int i, int j) {
        if (numbers != null) {
            return Double.compare(numbers[i], numbers[j]);
        }
        return compareObjects(objects[i], objects[j]);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareObjects(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    public String dim() {
        return dim;
    }

    public int size() {
        return numbers != null ? numbers.length : objects.length;
    }

    public boolean isTime() {
        return objects != null && objects.length > 0 && objects[0] instanceof CalendarDate;
    }

    /** Whether the labels are {@link Duration}s (a decoded timedelta, such as a forecast step). */
    public boolean isDuration() {
        return objects != null && objects.length > 0 && objects[0] instanceof Duration;
    }

    /** "6h", "90min", "1D" (a number and a fixed unit, as pandas writes timedeltas) or ISO-8601 "PT6H". */
    private Duration parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("-P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Cannot read the duration '" + text + "' for '" + dim + "': "
                        + e.getMessage(), e);
            }
        }
        try {
            Frequency step = Frequency.parse(text);
            if (step.isFixed()) {
                return Duration.ofNanos(Math.multiplyExact(step.stepMicros(), 1000L));
            }
        } catch (IllegalArgumentException e) {
            // reported below with the forms accepted
        }
        throw new IllegalArgumentException("Cannot read the duration '" + text + "' for '" + dim + "'; write e.g. \"6h\","
                + " \"90min\", \"1D\" or \"PT6H\"");
    }

    public boolean isNumeric() {
        return numbers != null;
    }

    /** The label at a position (a Double, String or CalendarDate). */
    public Object label(int position) {
        return numbers != null ? (Object) numbers[position] : objects[position];
    }

    public boolean isAscending() {
        return order == 1;
    }

    public boolean isDescending() {
        return order == -1;
    }

    Calendar calendar() {
        return ((CalendarDate) objects[0]).calendar();
    }

    // ---- lookups ----------------------------------------------------------------------------

    /** The position of one label. */
    public int locate(Object label, SelectMethod method, Double tolerance) {
        if (isTime() && label instanceof String text) {
            DatePeriod period = DatePeriod.parse(text, calendar());
            if (method == SelectMethod.EXACT) {
                int[] range = periodRange(period);
                if (range[1] - range[0] == 1) {
                    return range[0];
                }
                if (range[1] == range[0]) {
                    throw notFound(label, "");
                }
                throw new IllegalArgumentException("'" + text + "' matches " + (range[1] - range[0]) + " labels of '"
                        + dim + "'; use sel with Slice.of(\"" + text + "\", \"" + text + "\") to select them all");
            }
            label = period.start();
        }
        int exact = exactPosition(label);
        if (exact >= 0 || method == SelectMethod.EXACT) {
            if (exact < 0) {
                throw notFound(label, " Use SelectMethod.NEAREST, PAD or BACKFILL to match the closest label.");
            }
            return exact;
        }
        if (order == 0) {
            throw new IllegalArgumentException("Inexact selection (" + method + ") on '" + dim
                    + "' needs a monotonic index; this one is unordered");
        }
        int position = switch (method) {
            case NEAREST -> nearest(label);
            case PAD, FFILL -> pad(label);
            case BACKFILL, BFILL -> backfill(label);
            default -> -1;
        };
        if (position < 0) {
            throw notFound(label, " No label " + (method == SelectMethod.PAD || method == SelectMethod.FFILL
                    ? "at or before" : "at or after") + " it.");
        }
        if (tolerance != null && distance(label, position) > tolerance) {
            throw new LabelNotFoundException("No label of '" + dim + "' within tolerance " + tolerance + " of "
                    + format(label) + "; the closest is " + format(label(position)));
        }
        return position;
    }

    private int exactPosition(Object label) {
        int n = size();
        if (numbers != null) {
            if (!(label instanceof Number number)) {
                throw new IllegalArgumentException("Dimension '" + dim + "' has numeric labels; got " + describe(label));
            }
            double v = number.doubleValue();
            for (int i = 0; i < n; i++) {
                if (numbers[i] == v) {
                    return i;
                }
            }
            return -1;
        }
        Object key = coerce(label);
        for (int i = 0; i < n; i++) {
            if (objects[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Object coerce(Object label) {
        if (isTime()) {
            if (label instanceof CalendarDate date) {
                return date.withCalendar(calendar());
            }
            if (label instanceof String text) {
                return DatePeriod.parse(text, calendar()).start();
            }
            throw new IllegalArgumentException("Dimension '" + dim + "' has date labels; give a CalendarDate or an ISO"
                    + " date string, got " + describe(label));
        }
        if (isDuration()) {
            if (label instanceof Duration duration) {
                return duration;
            }
            if (label instanceof String text) {
                return parseDuration(text);
            }
            throw new IllegalArgumentException("Dimension '" + dim + "' has duration labels; give a Duration or a text"
                    + " such as \"6h\", \"1D\" or \"PT6H\", got " + describe(label));
        }
        if (objects.length > 0 && objects[0] instanceof StackedLabel) {
            if (!(label instanceof StackedLabel)) {
                throw new IllegalArgumentException("Dimension '" + dim + "' is stacked from " + ((StackedLabel) objects[0])
                        .levels() + "; select with StackedLabel.of(...) holding one value per level, got " + describe(label));
            }
            return label;
        }
        if (!(label instanceof String)) {
            throw new IllegalArgumentException("Dimension '" + dim + "' has string labels; got " + describe(label));
        }
        return label;
    }

    /** Signed distance in label units (days for dates). */
    private double difference(Object label, int position) {
        if (numbers != null) {
            if (!(label instanceof Number number)) {
                throw new IllegalArgumentException("Dimension '" + dim + "' has numeric labels; cannot compare them with "
                        + format(label) + " (a " + label.getClass().getSimpleName() + "); select with numbers"
                        + (size() > 0 ? ", e.g. " + format(label(0)) : ""));
            }
            return number.doubleValue() - numbers[position];
        }
        if (isTime()) {
            return ((CalendarDate) coerce(label)).toDays() - ((CalendarDate) objects[position]).toDays();
        }
        if (isDuration()) {
            return (((Duration) coerce(label)).toNanos() - ((Duration) objects[position]).toNanos()) / 86_400e9;
        }
        throw new IllegalArgumentException("Inexact selection needs numeric, date or duration labels; '" + dim
                + "' has strings");
    }

    private double distance(Object label, int position) {
        return Math.abs(difference(label, position));
    }

    private int nearest(Object label) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size(); i++) {
            double d = distance(label, i);
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    private int pad(Object label) {
        int best = -1;
        for (int i = 0; i < size(); i++) {
            double d = difference(label, i);
            if (d >= 0 && (best < 0 || d < difference(label, best))) {
                best = i;
            }
        }
        return best;
    }

    private int backfill(Object label) {
        int best = -1;
        for (int i = 0; i < size(); i++) {
            double d = difference(label, i);
            if (d <= 0 && (best < 0 || d > difference(label, best))) {
                best = i;
            }
        }
        return best;
    }

    /** Positions [from, to) of the labels in a date period. */
    private int[] periodRange(DatePeriod period) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < size(); i++) {
            if (period.contains((CalendarDate) objects[i])) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? new int[] {0, 0} : new int[] {first, last + 1};
    }

    /**
     * The positions of a label slice, both bounds included; a partial date bound covers its period. On
     * a descending index, give the bounds in the index's order (high to low), as in xarray.
     */
    Indexer slice(Slice slice) {
        if (order == 0 && (slice.from() != null || slice.to() != null)) {
            throw new IllegalArgumentException("Slicing '" + dim + "' by label needs a monotonic index; this one is"
                    + " unordered. Sort it first or select positions with isel");
        }
        int n = size();
        int start = 0;
        int stop = n;   // exclusive
        if (slice.from() != null) {
            Object from = slice.from();
            Object bound = isTime() && from instanceof String text
                    ? (order >= 0 ? DatePeriod.parse(text, calendar()).start() : DatePeriod.parse(text, calendar()).end())
                    : from;
            boolean inclusive = !(isTime() && from instanceof String && order < 0);
            start = n;
            for (int i = 0; i < n; i++) {
                double d = -difference(bound, i) * order;   // > 0 when label i is past the bound
                if (d > 0 || (d == 0 && inclusive)) {
                    start = i;
                    break;
                }
            }
        }
        if (slice.to() != null) {
            Object to = slice.to();
            Object bound = isTime() && to instanceof String text
                    ? (order >= 0 ? DatePeriod.parse(text, calendar()).end() : DatePeriod.parse(text, calendar()).start())
                    : to;
            boolean inclusive = !(isTime() && to instanceof String && order >= 0);
            stop = 0;
            for (int i = n - 1; i >= 0; i--) {
                double d = difference(bound, i) * order;   // > 0 when label i is before the bound
                if (d > 0 || (d == 0 && inclusive)) {
                    stop = i + 1;
                    break;
                }
            }
        }
        if (isNumeric() || isTime()) {
            long count = Math.max(0, stop - start);
            long step = slice.step();
            if (step > 0) {
                return new Indexer.Range(start, step, (count + step - 1) / step);
            }
            return new Indexer.Range(stop - 1, step, (count + (-step) - 1) / (-step));
        }
        return new Indexer.Range(start, 1, Math.max(0, stop - start));
    }

    /**
     * The finest part the time labels use (pandas' resolution): 2 when every label is a midnight, 3 with
     * hours, 4 with minutes, 5 with seconds or finer.
     */
    int timeResolution() {
        int finest = 2;
        for (Object o : objects) {
            if (o instanceof CalendarDate d) {
                finest = Math.max(finest, d.second() != 0 || d.microsecond() != 0 ? 5 : d.minute() != 0 ? 4
                        : d.hour() != 0 ? 3 : 2);
            }
        }
        return finest;
    }

    /** A partial date no label of this index falls in. */
    LabelNotFoundException periodNotFound(String period) {
        return new LabelNotFoundException("No label of dimension '" + dim + "' falls in '" + period + "' (" + size()
                + " labels" + range() + "). Select a period inside that range, or use Slice.of(from, to), which may be empty");
    }

    private LabelNotFoundException notFound(Object label, String hint) {
        return new LabelNotFoundException("Label " + format(label) + " not found in dimension '" + dim + "' ("
                + size() + " labels" + range() + "); nearest: " + nearestLabels(label) + "." + hint);
    }

    private String range() {
        if (size() == 0) {
            return ", empty";
        }
        return " from " + format(label(0)) + " to " + format(label(size() - 1));
    }

    private String nearestLabels(Object label) {
        List<String> names = new ArrayList<>();
        try {
            Integer[] positions = new Integer[size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            Arrays.sort(positions, (a, b) -> Double.compare(distance(label, a), distance(label, b)));
            for (int i = 0; i < Math.min(3, positions.length); i++) {
                names.add(format(label(positions[i])));
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < Math.min(3, size()); i++) {
                names.add(format(label(i)));
            }
        }
        return String.join(", ", names);
    }

    static String format(Object label) {
        if (label instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : d.toString();
        }
        if (label instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(label);
    }

    private static String describe(Object label) {
        return label == null ? "null" : format(label) + " (" + label.getClass().getSimpleName() + ")";
    }

    /** Same labels in the same order. */
    public boolean equalsIndex(Index other) {
        if (numbers != null) {
            return other.numbers != null && Arrays.equals(numbers, other.numbers);
        }
        return other.objects != null && Arrays.equals(objects, other.objects);
    }

    /** The labels as a list (Double, String or CalendarDate). */
    List<Object> labels() {
        List<Object> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(label(i));
        }
        return out;
    }

    /** Position of an equal label, or -1. */
    int positionOf(Object label) {
        return exactPosition(label);
    }

    @Override
    public String toString() {
        return "Index('" + dim + "', " + size() + " labels" + range() + ")";
    }
}
