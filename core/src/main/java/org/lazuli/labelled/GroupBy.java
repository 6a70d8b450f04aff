package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.IntStream;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.array.ReduceOptions;
import org.lazuli.array.Reduction;
import org.lazuli.text.ByteSizes;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.Frequency;

/**
 * A data array split into groups along one dimension (xarray's {@code groupby}, {@code groupby_bins}
 * and {@code resample}). Reductions per group run as one map-reduce over the chunks — each chunk
 * reduces its elements into per-group partial states, which are then combined — so the task count
 * grows with the number of chunks, not of groups. Group arithmetic ({@link #subtract}) broadcasts
 * per-group values back onto the dimension, e.g. anomalies from a climatology.
 */
public final class GroupBy implements Reducible<DataArray> {
    /** Kinds whose per-group partial states cannot be merged chunk by chunk. */
    private static final Set<Reductions.Kind> NOT_MERGEABLE_PER_GROUP = EnumSet.of(Reductions.Kind.MEDIAN,
            Reductions.Kind.QUANTILE, Reductions.Kind.ARGMIN, Reductions.Kind.ARGMAX);

    private final DataArray source;
    private final String dim;
    private final String groupName;
    private final int[] codes;
    private final Variable groupCoordinate;
    private final boolean keepAttrs;

    private GroupBy(DataArray source, String dim, String groupName, int[] codes, Variable groupCoordinate) {
        this(source, dim, groupName, codes, groupCoordinate, true);
    }

    private GroupBy(DataArray source, String dim, String groupName, int[] codes, Variable groupCoordinate,
                    boolean keepAttrs) {
        this.source = source;
        this.dim = dim;
        this.groupName = groupName;
        this.codes = codes;
        this.groupCoordinate = groupCoordinate;
        this.keepAttrs = keepAttrs;
    }

    /**
     * Whether reductions keep the data's attributes: yes by default, as xarray's groupby and resample
     * reductions ({@code keep_attrs=True}); group arithmetic drops them, as xarray's.
     */
    public GroupBy keepAttrs(boolean keep) {
        return new GroupBy(source, dim, groupName, codes, groupCoordinate, keep);
    }

    static GroupBy of(DataArray da, String key) {
        Coordinates coords = da.coords();
        int dot = key.lastIndexOf('.');
        if (!coords.contains(key) && dot > 0 && coords.contains(key.substring(0, dot))) {
            String coordName = key.substring(0, dot);
            String field = key.substring(dot + 1);
            Variable coordinate = coords.variables().get(coordName);
            requireDates(coordinate, coordName, key);
            Object[] values = Arrays.stream(coordinate.labelArray()).map(d -> timeField((CalendarDate) d, field, key))
                    .toArray();
            return fromValues(da, coordinate.dims().get(0), field, values);
        }
        if (!coords.contains(key)) {
            throw new LabelNotFoundException("Cannot group by '" + key + "': no such coordinate"
                    + Selection.closest(key, coords.names()) + "; coordinates are " + coords.names()
                    + ", and time fields are written like 'time.month'");
        }
        Variable coordinate = coords.variables().get(key);
        if (coordinate.ndim() != 1) {
            throw new IllegalArgumentException("Grouping needs a 1-D coordinate; '" + key + "' has dims " + coordinate.dims());
        }
        Object[] values = coordinate.isLabels() ? coordinate.labelArray()
                : Arrays.stream(coordinate.values().toDoubleArray()).boxed().toArray();
        return fromValues(da, coordinate.dims().get(0), key, values);
    }

    private static void requireDates(Variable coordinate, String coordName, String key) {
        if (!coordinate.isLabels() || coordinate.ndim() != 1
                || !(coordinate.labelArray().length == 0 || coordinate.labelArray()[0] instanceof CalendarDate)) {
            throw new IllegalArgumentException("'" + key + "' needs '" + coordName + "' to be a 1-D time coordinate");
        }
    }

    private static Object timeField(CalendarDate date, String field, String key) {
        return switch (field) {
            case "year" -> (long) date.year();
            case "month" -> (long) date.month();
            case "day" -> (long) date.day();
            case "hour" -> (long) date.hour();
            case "minute" -> (long) date.minute();
            case "second" -> (long) date.second();
            case "dayofyear" -> (long) date.dayOfYear();
            case "season" -> date.season();
            default -> throw new IllegalArgumentException("Unknown time field '" + field + "' in '" + key
                    + "'; use year, month, day, hour, minute, second, dayofyear or season");
        };
    }

    /** Groups by per-position values: sorted unique values become the groups. */
    private static GroupBy fromValues(DataArray da, String dim, String name, Object[] values) {
        TreeSet<Object> unique = new TreeSet<>(GroupBy::compareLabels);
        for (Object v : values) {
            if (v != null && !(v instanceof Double d && d.isNaN())) {
                unique.add(v);
            }
        }
        List<Object> groups = new ArrayList<>(unique);
        int[] codes = new int[values.length];
        Map<Object, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            position.put(groups.get(i), i);
        }
        for (int i = 0; i < values.length; i++) {
            Integer code = values[i] == null ? null : position.get(values[i]);
            codes[i] = code == null ? -1 : code;
        }
        return new GroupBy(da, dim, name, codes, coordinate(name, groups));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareLabels(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static Variable coordinate(String name, List<Object> groups) {
        if (!groups.isEmpty() && groups.get(0) instanceof Long) {
            return Variable.of(List.of(name), DenseArray.of(groups.stream().mapToLong(g -> (Long) g).toArray(),
                    groups.size()));
        }
        if (!groups.isEmpty() && groups.get(0) instanceof Double) {
            return Variable.of(List.of(name), DenseArray.of(groups.stream().mapToDouble(g -> (Double) g).toArray(),
                    groups.size()));
        }
        return Variable.labels(name, groups, Map.of());
    }

    /** Bins of a numeric coordinate, right-closed like xarray's {@code groupby_bins}: (e0, e1], (e1, e2] … */
    static GroupBy bins(DataArray da, String coordName, double[] edges) {
        Variable coordinate = da.coords().variables().get(coordName);
        if (coordinate == null || coordinate.ndim() != 1 || coordinate.isLabels()) {
            throw new IllegalArgumentException("groupByBins needs a 1-D numeric coordinate; '" + coordName + "' is not one");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("Bin edges must increase: " + Arrays.toString(edges));
            }
        }
        double[] values = coordinate.values().toDoubleArray();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = -1;
            for (int b = 0; b + 1 < edges.length; b++) {
                if (values[i] > edges[b] && values[i] <= edges[b + 1]) {
                    codes[i] = b;
                    break;
                }
            }
        }
        List<Object> labels = new ArrayList<>();
        for (int b = 0; b + 1 < edges.length; b++) {
            labels.add("(" + Index.format(edges[b]) + ", " + Index.format(edges[b + 1]) + "]");
        }
        String name = coordName + "_bins";
        return new GroupBy(da, coordinate.dims().get(0), name, codes, Variable.labels(name, labels, Map.of()));
    }

    /** Periods a resampling may make: past it the frequency is far finer than any data it groups. */

    /** Resampling of a time dimension into periods labelled by their start. */
    static GroupBy resample(DataArray da, String dim, String frequency, ResampleOptions options) {
        Variable coordinate = da.coords().variables().get(dim);
        if (coordinate == null) {
            throw new LabelNotFoundException("Cannot resample '" + dim + "': it has no time coordinate");
        }
        requireDates(coordinate, dim, dim);
        Frequency step;
        try {
            step = Frequency.parse(frequency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot resample '" + dim + "': " + e.getMessage(), e);
        }
        Object[] dates = coordinate.labelArray();
        if (dates.length == 0) {
            return new GroupBy(da, dim, dim, new int[0], Variable.labels(dim, List.of(), Map.of()));
        }
        CalendarDate first = (CalendarDate) dates[0];
        CalendarDate last = first;
        for (Object d : dates) {
            CalendarDate date = (CalendarDate) d;
            first = date.compareTo(first) < 0 ? date : first;
            last = date.compareTo(last) > 0 ? date : last;
        }
        ResampleBins bins = ResampleBins.of(first, last, step, options, dim);
        int[] codes = new int[dates.length];
        for (int i = 0; i < dates.length; i++) {
            codes[i] = bins.binOf((CalendarDate) dates[i]);
        }
        return new GroupBy(da, dim, dim, codes, Variable.labels(dim, bins.labels(), coordinate.attrs()));
    }

    // ---- description ------------------------------------------------------------------------

    /** The dimension being grouped. */
    public String dim() {
        return dim;
    }

    /** The name of the result's group dimension ("month", or the coordinate's name). */
    public String groupName() {
        return groupName;
    }

    /** The number of groups (for resampling, bins, including empty ones). */
    public int groupCount() {
        return (int) groupCoordinate.size();
    }

    /** Group label → positions along the grouped dimension. */
    public Map<Object, long[]> groups() {
        List<Object> labels = groupLabels();
        Map<Object, long[]> out = new LinkedHashMap<>();
        for (int g = 0; g < labels.size(); g++) {
            int group = g;
            out.put(labels.get(g), IntStream.range(0, codes.length).filter(i -> codes[i] == group)
                    .asLongStream().toArray());
        }
        return out;
    }

    List<Object> groupLabels() {
        if (groupCoordinate.isLabels()) {
            return groupCoordinate.labelValues();
        }
        DenseArray values = groupCoordinate.values();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(values.dtype().isFloat() ? (Object) values.getDouble(i) : (Object) values.getLong(i));
        }
        return out;
    }

    // ---- reductions -------------------------------------------------------------------------

    /**
     * A reduction per group over the grouped dimension (and any further {@code dims}); the grouped
     * dimension is replaced by the group dimension at the same position.
     */
    @Override
    public DataArray reduce(Reductions.Kind kind, ReduceArgs args, String... dims) {
        List<String> targets = new ArrayList<>(List.of(dims));
        if (!targets.contains(dim)) {
            targets.add(dim);
        }
        for (String d : targets) {
            if (!source.dims().contains(d)) {
                throw Selection.missingDimension(d, source.sizes(), source.describe());
            }
        }
        Variable variable = source.variable();
        boolean skip = args.skipNa().skipsIn(variable.dtype());
        if (kind == Reductions.Kind.MEDIAN || kind == Reductions.Kind.QUANTILE) {
            return reduceEachGroup(kind, args, targets);
        }
        if (NOT_MERGEABLE_PER_GROUP.contains(kind)) {
            throw new UnsupportedOperationException(kind.name().toLowerCase(Locale.ROOT) + " per group is not"
                    + " a mergeable reduction; select each group with isel(dim, groups().get(label)) and reduce it");
        }
        Reduction reduction = Reductions.arrayReduction(kind, skip);
        int axis = variable.axisOf(dim);
        int[] others = targets.stream().filter(d -> !d.equals(dim)).mapToInt(variable::axisOf).toArray();
        ChunkedArray data = variable.array();
        ChunkedArray result = data.reduceByGroup(reduction, ReduceOptions.axes(others).withDdof(args.ddof()), axis, codes,
                groupCount());
        if (args.minCount() > 0 && skip && (kind == Reductions.Kind.SUM || kind == Reductions.Kind.PROD)) {
            ChunkedArray counts = data.reduceByGroup(Reduction.COUNT, ReduceOptions.axes(others), axis, codes, groupCount());
            result = ChunkedArray.where(counts.ge(args.minCount()), result.astype(DType.FLOAT64), Double.NaN);
        }
        List<String> newDims = new ArrayList<>();
        for (String d : source.dims()) {
            if (d.equals(dim)) {
                newDims.add(groupName);
            } else if (!targets.contains(d)) {
                newDims.add(d);
            }
        }
        Map<String, Variable> coords = new LinkedHashMap<>();
        source.coordVariables().forEach((n, c) -> {
            if (c.dims().stream().noneMatch(targets::contains)) {
                coords.put(n, c);
            }
        });
        coords.put(groupName, groupCoordinate);
        return DataArray.of(variable.withArray(newDims, result, variable.isLazy(), keepAttrs ? variable.attrs() : Map.of()),
                coords, source.name());
    }

    // ---- upsampling (after resample) --------------------------------------------------------

    /**
     * The data at each period start, as xarray's {@code asfreq}: the mean of the period's values (the one
     * value when upsampling), NaN for a period that holds none.
     */
    public DataArray asfreq() {
        periodStarts("asfreq");
        return mean(dim);
    }

    /** Each period start takes the last value at or before it (xarray's {@code ffill}). */
    public DataArray ffill() {
        return source.reindex(dim, periodStarts("ffill"), SelectMethod.PAD);
    }

    /** Each period start takes the first value at or after it (xarray's {@code bfill}). */
    public DataArray bfill() {
        return source.reindex(dim, periodStarts("bfill"), SelectMethod.BACKFILL);
    }

    /** The data interpolated linearly at each period start (xarray's {@code interpolate("linear")}). */
    public DataArray interpolate() {
        return source.interp(dim, periodStarts("interpolate"), "linear");
    }

    /** The period starts of a resampling; other groupings have none. */
    private List<Object> periodStarts(String operation) {
        List<Object> starts = groupCoordinate.isLabels() ? groupCoordinate.labelValues() : List.of();
        if (!groupName.equals(dim) || starts.isEmpty() || !(starts.get(0) instanceof CalendarDate)) {
            throw new IllegalStateException(operation + " upsamples a resampling; group with resample(\"" + dim
                    + "\", frequency) first (this groups by '" + groupName + "')");
        }
        return starts;
    }

    /** The median per group (each group gathered whole along the grouped dimension; see reduceEachGroup). */
    public DataArray median(String... dims) {
        return reduce(Reductions.Kind.MEDIAN, ReduceArgs.defaults(), dims);
    }

    /** The q-th quantile per group (0..1, linear interpolation as NumPy's default). */
    public DataArray quantile(double q, String... dims) {
        return reduce(Reductions.Kind.QUANTILE, ReduceArgs.defaults().withQuantile(q), dims);
    }

    /** Most bytes one task of a per-group median or quantile may gather: past it, the other dims need smaller chunks. */
    private static final long GROUP_BLOCK_LIMIT = Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 8);

    /**
     * Medians and quantiles, which no per-chunk state can merge: each group is gathered along the grouped
     * dimension into one block per block of the other dimensions (as dask's rechunk), reduced, and the
     * groups concatenated. A group too large to gather per block is refused with what to rechunk.
     */
    private DataArray reduceEachGroup(Reductions.Kind kind, ReduceArgs args, List<String> targets) {
        Map<Object, long[]> groups = groups();
        long largest = groups.values().stream().mapToLong(p -> p.length).max().orElse(0);
        long others = 1;
        if (source.isLazy()) {
            long[] blockShape = source.data().chunks().maxBlockShape();
            for (int k = 0; k < source.dims().size(); k++) {
                if (!targets.contains(source.dims().get(k))) {
                    others *= blockShape[k];
                }
            }
        } else {
            for (String d : source.dims()) {
                others *= targets.contains(d) ? 1 : source.sizes().get(d);
            }
        }
        long bytes = largest * others * 8;
        if (bytes > GROUP_BLOCK_LIMIT) {
            throw new IllegalArgumentException("A " + kind.name().toLowerCase(Locale.ROOT) + " per group gathers each"
                    + " group along '" + dim + "' (" + largest + " values) for every block of the other dimensions: "
                    + ByteSizes.format(bytes) + " a task, more than "
                    + ByteSizes.format(GROUP_BLOCK_LIMIT) + "; chunk the other dimensions smaller");
        }
        List<DataArray> perGroup = new ArrayList<>();
        for (long[] positions : groups.values()) {
            DataArray group = source.isel(dim, positions);
            if (source.isLazy()) {
                group = group.chunk(Map.of(dim, -1L));
            }
            perGroup.add(group.reduce(kind, args, targets.toArray(String[]::new)).expandDims(groupName));
        }
        DataArray stacked = DataArray.concat(perGroup, groupName);
        Map<String, Variable> coords = new LinkedHashMap<>(stacked.coordVariables());
        coords.remove("quantile");
        coords.put(groupName, groupCoordinate);
        Variable v = stacked.variable();
        return DataArray.of(v.withAttrs(keepAttrs ? source.attrs() : Map.of()), coords, source.name());
    }

    // ---- group arithmetic -------------------------------------------------------------------

    /**
     * {@code x - stats[group of x]} along the grouped dimension: {@code stats} has the group dimension
     * (e.g. a climatology by month); the result has the source's dimensions and coordinates.
     */
    public DataArray subtract(DataArray stats) {
        return combine(stats, ChunkedArray::subtract);
    }

    /**
     * Each group plus the matching entry of {@code stats} (indexed by the group labels), as xarray's group
     * arithmetic.
     */
    public DataArray add(DataArray stats) {
        return combine(stats, ChunkedArray::add);
    }

    /** Each group times the matching entry of {@code stats} (indexed by the group labels). */
    public DataArray multiply(DataArray stats) {
        return combine(stats, ChunkedArray::multiply);
    }

    /** Each group divided by the matching entry of {@code stats} (indexed by the group labels). */
    public DataArray divide(DataArray stats) {
        return combine(stats, ChunkedArray::divide);
    }

    private DataArray combine(DataArray stats, BinaryOperator<ChunkedArray> op) {
        if (!stats.dims().contains(groupName)) {
            throw new IllegalArgumentException("Group arithmetic needs values along '" + groupName + "'; the other"
                    + " operand has dims " + stats.dims());
        }
        // align stats' groups with ours by label
        Index ours = Index.of(groupName, groupCoordinate);
        long[] byCode = new long[groupCount()];
        Index theirs = stats.coords().index(groupName).orElse(null);
        for (int g = 0; g < byCode.length; g++) {
            byCode[g] = theirs == null ? g : theirs.positionOf(ours.label(g));
        }
        long[] positions = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            positions[i] = codes[i] < 0 ? -1 : byCode[codes[i]];
        }
        Variable spread = Alignment.reindex(stats.variable(), groupName, positions);
        // along the source's dimension, with its chunks so that no rechunk is needed
        spread = DataArray.renameDims(spread, Map.of(groupName, dim));
        if (source.isLazy() && source.chunks().isPresent()) {
            int axis = spread.axisOf(dim);
            long[] sizes = source.chunks().get().sizes(source.variable().axisOf(dim));
            long[] blocks = spread.array().chunkSize();
            blocks[axis] = sizes.length > 0 ? sizes[0] : -1;
            spread = spread.withArray(spread.dims(), spread.array().rechunk(blocks), true, spread.attrs());
        }
        Map<String, Variable> coords = new LinkedHashMap<>();
        source.coordVariables().forEach((n, c) -> {
            if (c.dims().contains(dim)) {
                coords.put(n, c);
            }
        });
        DataArray spreadArray = DataArray.of(spread, coords, stats.name());
        return Arithmetic.binary(source, spreadArray, op, Join.INNER);
    }

    /** The grouping, as xarray prints it. */
    @Override
    public String toString() {
        return "GroupBy(" + (source.name() == null ? "DataArray" : source.name()) + ", grouped over '" + groupName
                + "' along '" + dim + "', " + groupCount() + " groups)";
    }
}
