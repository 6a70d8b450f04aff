package org.lazuli.labelled;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.Persistable;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;

/**
 * A labelled array: a {@link Variable} with coordinates and a name (xarray's {@code DataArray}).
 * Selections use dimension names and labels; arithmetic broadcasts by dimension name and aligns on
 * labels (inner join); reductions take dimension names.
 *
 * <p>Lazy data stays lazy: selections, arithmetic and reductions build expressions and read or
 * compute nothing until {@link #compute()}, {@link #load()} or {@link #values()}. Eager data is
 * computed at every step. Immutable and thread-safe.
 *
 * <pre>{@code
 * DataArray u = ds.get("UWND");
 * DataArray period = u.sel("TIME", Slice.of("1984-10", "1990-04"));
 * DataArray clim = period.groupBy("TIME.month").mean("TIME");
 * DataArray anomaly = period.groupBy("TIME.month").subtract(clim);
 * }</pre>
 */
public final class DataArray implements Reducible<DataArray>, Persistable<DataArray>,
        Serializable {
    private static final long serialVersionUID = 1L;

    private final Variable variable;
    private final Map<String, Variable> coords;
    private final String name;

    DataArray(Variable variable, Map<String, Variable> coords, String name) {
        this.variable = Objects.requireNonNull(variable, "variable");
        Map<String, Variable> own = new LinkedHashMap<>();
        coords.forEach((n, c) -> {
            if (variable.dims().containsAll(c.dims())) {
                own.put(n, c);
            }
        });
        for (Map.Entry<String, Variable> e : own.entrySet()) {
            for (String dim : e.getValue().dims()) {
                long expected = variable.sizes().get(dim);
                long actual = e.getValue().sizes().get(dim);
                if (expected != actual) {
                    throw new IllegalArgumentException("Coordinate '" + e.getKey() + "' has length " + actual
                            + " along '" + dim + "' but the data has length " + expected);
                }
            }
        }
        this.coords = own;
        this.name = name;
    }

    /** A data array from a variable, coordinates (variables by name) and a name (may be null). */
    public static DataArray of(Variable variable, Map<String, Variable> coords, String name) {
        return new DataArray(variable, coords, name);
    }

    /** Eager values with dimension names and no coordinates. */
    public static DataArray of(DenseArray values, String... dims) {
        return new DataArray(Variable.of(List.of(dims), values), Map.of(), null);
    }

    /** Lazy values with dimension names and no coordinates. */
    public static DataArray of(ChunkedArray values, String... dims) {
        return new DataArray(Variable.lazy(List.of(dims), values, Map.of()), Map.of(), null);
    }

    // ---- description ------------------------------------------------------------------------

    /** The underlying variable: dims, data, attributes and encoding. */
    public Variable variable() {
        return variable;
    }

    /** The dimension names, in order. */
    public List<String> dims() {
        return variable.dims();
    }

    /** Dimension → length, in dimension order. */
    public Map<String, Long> sizes() {
        return variable.sizes();
    }

    /** The length of each dimension, in order. */
    public long[] shape() {
        return variable.shape();
    }

    /** The number of dimensions. */
    public int ndim() {
        return variable.ndim();
    }

    /** The number of elements (the product of the shape). */
    public long size() {
        return variable.size();
    }

    /** The element type (labels have none: see {@link Variable#dtypeName()}). */
    public DType dtype() {
        return variable.dtype();
    }

    /** The coordinates: dimension coordinates (with their indexes) and auxiliary ones. */
    public Coordinates coords() {
        return new Coordinates(coords);
    }

    /** The attributes (units, long_name, …), unmodifiable. */
    public Map<String, Object> attrs() {
        return variable.attrs();
    }

    /** How the data was stored (dtype, _FillValue, scale_factor, units of times, chunks…), used when written. */
    public Map<String, Object> encoding() {
        return variable.encoding();
    }

    /** Block sizes if lazy, empty if eager. */
    public Optional<Chunks> chunks() {
        return variable.chunks();
    }

    /**
     * Whether the data is chunked and lazy (computed only on {@link #compute()}, {@link #load()} or {@link
     * #values()}).
     */
    public boolean isLazy() {
        return variable.isLazy();
    }

    /** The name, or null. */
    public String name() {
        return name;
    }

    // ---- data -------------------------------------------------------------------------------

    /** The values (computing them if lazy). */
    public DenseArray values() {
        return variable.values();
    }

    /** The labels of a label array (a time or string coordinate), row-major. */
    public List<Object> labels() {
        return variable.labelValues();
    }

    /** The data as a chunked array. */
    public ChunkedArray data() {
        return variable.array();
    }

    /** An eager copy: computes lazy data and everything it needs. */
    public DataArray compute() {
        return replace(variable.load(), loadAll(coords), name);
    }

    /**
     * As {@link #compute()}, waiting at most {@code timeout} in all: past it the remaining tasks are
     * cancelled and an {@link IllegalStateException} says so.
     */
    public DataArray compute(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Variable data = variable.load(timeout);
        Map<String, Variable> loaded = new LinkedHashMap<>();
        coords.forEach((n, v) -> loaded.put(n, v.load(Duration.ofNanos(deadline - System.nanoTime()))));
        return replace(data, loaded, name);
    }

    /** Same as {@link #compute()}. */
    public DataArray load() {
        return compute();
    }

    /**
     * Computes and keeps the blocks, staying chunked: on the workers of the current default's cluster
     * (a local cluster's memory managers, Spark's executors), else in this JVM.
     */
    public DataArray persist() {
        return persist(Schedulers.current());
    }

    /** As {@link #persist()}, on {@code scheduler}. */
    @Override
    public DataArray persist(Scheduler scheduler) {
        return replace(variable.persist(scheduler), coords, name);
    }

    /** Makes the data lazy with the given block size per dimension (others whole). */
    public DataArray chunk(Map<String, Long> chunks) {
        for (String dim : chunks.keySet()) {
            if (!sizes().containsKey(dim)) {
                throw Selection.missingDimension(dim, sizes(), describe());
            }
        }
        return replace(variable.chunk(chunks), coords, name);
    }

    static Map<String, Variable> loadAll(Map<String, Variable> variables) {
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(n, v.load()));
        return out;
    }

    DataArray replace(Variable newVariable, Map<String, Variable> newCoords, String newName) {
        return new DataArray(newVariable, newCoords, newName);
    }

    String describe() {
        return name == null ? "this DataArray" : "DataArray '" + name + "'";
    }

    // ---- selection --------------------------------------------------------------------------

    /**
     * Selects by position along one dimension: an integer (drops it), a {@link Slice} of positions, positions
     * ({@code long[]}, {@code int[]}, a list), or a boolean mask ({@code boolean[]}, or a boolean DataArray along
     * {@code dim}) keeping the positions where it is true. Negative positions count from the end. Lazy.
     */
    public DataArray isel(String dim, Object position) {
        return isel(Map.of(dim, position));
    }

    /** The element at {@code position} along {@code dim} (negative counts from the end); the dimension goes. */
    public DataArray isel(String dim, long position) {
        return isel(Map.of(dim, position));
    }

    /**
     * This array at {@code labels} along {@code dim}, as xarray's {@code reindex}: each label looked up
     * exactly, a label that is not there filled with NaN (integers become floats). Lazy: only the chunks
     * holding the labels found are read.
     */
    public DataArray reindex(String dim, List<?> labels) {
        return Reindexing.reindex(this, dim, labels, SelectMethod.EXACT, null, Double.NaN);
    }

    /** As {@link #reindex(String, List)}, missing labels filled with {@code fillValue}. */
    public DataArray reindex(String dim, List<?> labels, double fillValue) {
        return Reindexing.reindex(this, dim, labels, SelectMethod.EXACT, null, fillValue);
    }

    /** As {@link #reindex(String, List)}, labels matched by {@code method} (nearest, or the previous/next label). */
    public DataArray reindex(String dim, List<?> labels, SelectMethod method) {
        return Reindexing.reindex(this, dim, labels, method, null, Double.NaN);
    }

    /** As {@link #reindex(String, List, SelectMethod)}, a match further than {@code tolerance} counting as missing. */
    public DataArray reindex(String dim, List<?> labels, SelectMethod method, double tolerance) {
        return Reindexing.reindex(this, dim, labels, method, tolerance, Double.NaN);
    }

    /** Labels matched by {@code method} within {@code tolerance}, those with no match filled with {@code fillValue}. */
    public DataArray reindex(String dim, List<?> labels, SelectMethod method, double tolerance, double fillValue) {
        return Reindexing.reindex(this, dim, labels, method, tolerance, fillValue);
    }

    /** Reindexed to {@code other}'s labels along every dimension both have a coordinate for. */
    public DataArray reindexLike(DataArray other) {
        DataArray result = this;
        for (String dim : dims()) {
            Variable theirs = other.coordVariables().get(dim);
            if (theirs != null && theirs.dims().equals(List.of(dim)) && coords.containsKey(dim)) {
                result = result.reindex(dim, labelList(theirs));
            }
        }
        return result;
    }

    /**
     * This array interpolated linearly at {@code points} along {@code dim}, as xarray's {@code interp}
     * (SciPy's {@code interp1d}): NaN outside the coordinate's range, a NaN neighbour makes NaN. Lazy.
     */
    public DataArray interp(String dim, double... points) {
        return interp(dim, Arrays.stream(points).boxed().toList(), InterpMethod.LINEAR);
    }

    /** Interpolated at {@code points} by {@code method}: "linear", "nearest" or "cubic" ({@link #interp(String, List, InterpMethod)}). */
    public DataArray interp(String dim, double[] points, String method) {
        return interp(dim, Arrays.stream(points).boxed().toList(), InterpMethod.of(method));
    }

    /** As {@link #interp(String, List, InterpMethod)}, the method named as xarray names it. */
    public DataArray interp(String dim, List<?> points, String method) {
        return interp(dim, points, InterpMethod.of(method));
    }

    /**
     * Interpolated at {@code points} (numbers or dates) by {@code method}, as SciPy's {@code interp1d}:
     * "linear", "nearest" or "cubic" (a not-a-knot cubic spline through at least 4 points, where every value
     * along {@code dim} weighs in: a NaN anywhere in a series makes that series NaN). NaN outside the
     * coordinate's range. Lazy and chunked along {@code dim} too.
     */
    public DataArray interp(String dim, List<?> points, InterpMethod method) {
        return Reindexing.interp(this, dim, points, method);
    }

    /** Interpolated linearly at {@code other}'s coordinates along every dimension both have. */
    public DataArray interpLike(DataArray other) {
        return interpLike(other, InterpMethod.LINEAR);
    }

    /** Interpolated by {@code method} ("linear", "nearest", "cubic") at {@code other}'s coordinates. */
    public DataArray interpLike(DataArray other, String method) {
        return interpLike(other, InterpMethod.of(method));
    }

    /** Interpolated by {@code method} at {@code other}'s coordinates along every dimension both have. */
    public DataArray interpLike(DataArray other, InterpMethod method) {
        DataArray result = this;
        for (String dim : dims()) {
            Variable theirs = other.coordVariables().get(dim);
            if (theirs != null && theirs.dims().equals(List.of(dim)) && coords.containsKey(dim)) {
                result = result.interp(dim, labelList(theirs), method);
            }
        }
        return result;
    }

    /** A one-dimensional variable's values as a list: its labels, or its numbers as doubles. */
    static List<Object> labelList(Variable coordinate) {
        if (coordinate.isLabels()) {
            return coordinate.labelValues();
        }
        List<Object> out = new ArrayList<>();
        for (double v : coordinate.values().astype(DType.FLOAT64).toDoubleArray()) {
            out.add(v);
        }
        return out;
    }

    /**
     * {@code before} and {@code after} positions of NaN added along {@code dim}, as xarray's {@code pad}
     * (mode "constant"); a numeric coordinate gets NaN there. Name and attributes kept; lazy.
     */
    public DataArray pad(String dim, int before, int after) {
        return Reindexing.pad(this, dim, before, after, Double.NaN, false);
    }

    /** As {@link #pad(String, int, int)}, filled with {@code constant}. */
    public DataArray pad(String dim, int before, int after, double constant) {
        return Reindexing.pad(this, dim, before, after, constant, false);
    }

    /** Padded with the edge values (and labels), as xarray's {@code pad(mode="edge")}. */
    public DataArray padEdge(String dim, int before, int after) {
        return Reindexing.pad(this, dim, before, after, Double.NaN, true);
    }

    /**
     * The data with its time coordinate {@code dim} in another CF calendar, as xarray's
     * {@code convert_calendar}: {@code alignOn} "date" keeps each date's fields (dropping those the target
     * calendar lacks), "year" keeps each date's place in its year; to or from 360_day it must be given, else
     * null means "date". Lazy: the dates kept are selected.
     */
    public DataArray convertCalendar(String dim, String calendar, String alignOn) {
        return Reindexing.convertCalendar(this, dim, calendar, alignOn);
    }

    /**
     * Converted to {@code calendar}, then given every date of the source's (inferred) frequency in the target
     * calendar, {@code missing} where the source had none, as xarray's {@code convert_calendar(missing=)}.
     */
    public DataArray convertCalendar(String dim, String calendar, String alignOn, double missing) {
        return Reindexing.convertCalendar(this, dim, calendar, alignOn, missing);
    }

    /**
     * {@code values} as a DataArray along {@code dim}, with {@code like}'s coordinate of it (so that it aligns
     * with {@code like}): per-position weights and masks of the toolkit's lazy operations.
     */
    static DataArray along(DataArray like, String dim, double[] values) {
        Variable coordinate = like.coords.get(dim);
        Map<String, Variable> alongCoords = coordinate == null ? Map.of() : Map.of(dim, coordinate);
        return new DataArray(Variable.of(List.of(dim), DenseArray.of(values, values.length)), alongCoords, null);
    }

    /** The first {@code n} positions along {@code dim} (fewer when it is shorter), as xarray's {@code head}. */
    public DataArray head(String dim, int n) {
        return isel(dim, Slice.of(0, nonNegative("head", n)));
    }

    /** The last {@code n} positions along {@code dim}, as xarray's {@code tail}. */
    public DataArray tail(String dim, int n) {
        long length = sizeOf(dim);
        return isel(dim, Slice.of(Math.max(0, length - nonNegative("tail", n)), length));
    }

    /** Every {@code n}-th position along {@code dim} from the first, as xarray's {@code thin}. */
    public DataArray thin(String dim, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thin needs a step of at least 1, got " + n + " for '" + dim + "'");
        }
        return isel(dim, Slice.of(0, null, n));
    }

    /**
     * Everything but the positions whose labels along {@code dim} are {@code labels}, as xarray's
     * {@code drop_sel}; a label that is not there raises {@link LabelNotFoundException}.
     */
    public DataArray dropSel(String dim, Object... labels) {
        Index index = requireIndex(dim, "dropSel");
        Set<Integer> dropped = new HashSet<>();
        for (Object label : labels) {
            dropped.add(index.locate(label, SelectMethod.EXACT, null));
        }
        long[] kept = IntStream.range(0, index.size()).filter(i -> !dropped.contains(i))
                .asLongStream().toArray();
        return isel(dim, kept);
    }

    /**
     * Reordered along the dimension of the one-dimensional coordinate {@code coord} so that its values
     * ascend (or descend), as xarray's {@code sortby}: a stable sort, NaN last when ascending (the
     * reversed order when descending). Lazy: the data is gathered along the dimension when computed.
     */
    public DataArray sortBy(String coord, boolean ascending) {
        Variable c = coords.get(coord);
        if (c == null || c.dims().size() != 1) {
            throw new IllegalArgumentException("sortBy needs a one-dimensional coordinate; " + describe() + " has "
                    + (c == null ? "no coordinate '" + coord + "' (its coordinates are " + coords.keySet() + ")"
                    : "'" + coord + "' along " + c.dims()));
        }
        Integer[] order = new Integer[(int) c.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (c.isLabels()) {
            List<Object> labels = c.labelValues();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparator<Integer> byLabel = (a, b) -> ((Comparable) labels.get(a)).compareTo(labels.get(b));
            Arrays.sort(order, byLabel);
        } else {
            double[] values = c.values().astype(DType.FLOAT64).toDoubleArray();
            Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));   // NaN sorts last
        }
        long[] positions = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            positions[i] = order[ascending ? i : order.length - 1 - i];
        }
        return isel(c.dims().get(0), positions);
    }

    /** Sorted ascending by a one-dimensional coordinate ({@link #sortBy(String, boolean)}). */
    public DataArray sortBy(String coord) {
        return sortBy(coord, true);
    }

    private Index requireIndex(String dim, String operation) {
        sizeOf(dim);
        return coords().index(dim).orElseThrow(() -> new LabelNotFoundException(operation + " on '" + dim
                + "' needs labels, and the dimension has no coordinate; select by position with isel"));
    }

    private long sizeOf(String dim) {
        Long length = sizes().get(dim);
        if (length == null) {
            throw Selection.missingDimension(dim, sizes(), describe());
        }
        return length;
    }

    private static int nonNegative(String operation, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(operation + " needs a count of at least 0, got " + n);
        }
        return n;
    }

    /** Selects by position along several dimensions at once. */
    public DataArray isel(Map<String, Object> positions) {
        positions = Selection.booleanMasks(positions);
        if (positions.values().stream().anyMatch(v -> v instanceof DataArray)) {
            return Pointwise.isel(this, positions);
        }
        return applyIndexers(Selection.positional(positions, sizes(), describe()));
    }

    /**
     * Selects by label: a label (drops the dimension), a {@link Slice} of labels (both ends included),
     * or a list of labels. Partial dates ("1990", "1990-04") select their whole period.
     */
    public DataArray sel(String dim, Object label) {
        return sel(Map.of(dim, label), SelectMethod.EXACT, null);
    }

    /** Selects the label matched by {@code method}: nearest, or the previous/next one. */
    public DataArray sel(String dim, Object label, SelectMethod method) {
        return sel(Map.of(dim, label), method, null);
    }

    /** As {@link #sel(String, Object, SelectMethod)}, failing when no label is within {@code tolerance}. */
    public DataArray sel(String dim, Object label, SelectMethod method, double tolerance) {
        return sel(Map.of(dim, label), method, tolerance);
    }

    /**
     * Selects labels exactly along several dimensions: single labels, {@link Slice}s (inclusive, as
     * pandas), lists, partial dates ("2001-06" is the month), or DataArray indexers for pointwise selection.
     * A missing label raises {@link LabelNotFoundException}. Lazy.
     */
    public DataArray sel(Map<String, Object> labels) {
        return sel(labels, SelectMethod.EXACT, null);
    }

    /** Selects the labels matched by {@code method} along several dimensions, with no tolerance. */
    public DataArray sel(Map<String, Object> labels, SelectMethod method) {
        return sel(labels, method, null);
    }

    /**
     * Selects labels by {@code method} (nearest, pad, backfill) within {@code tolerance} (null for any
     * distance; days for dates) along several dimensions; DataArray indexers select pointwise. Lazy.
     */
    public DataArray sel(Map<String, Object> labels, SelectMethod method, Double tolerance) {
        if (labels.values().stream().anyMatch(v -> v instanceof DataArray)) {
            return Pointwise.sel(this, labels, method, tolerance);
        }
        return applyIndexers(Selection.byLabel(labels, sizes(), coords(), method, tolerance, describe()));
    }

    DataArray applyIndexers(Map<String, Indexer> indexers) {
        Map<String, Variable> newCoords = new LinkedHashMap<>();
        coords.forEach((n, c) -> newCoords.put(n, c.isel(indexers)));
        return new DataArray(variable.isel(indexers), newCoords, name);
    }

    // ---- arithmetic -------------------------------------------------------------------------

    /** Applies a binary array operation after aligning (inner join) and broadcasting by dimension name. */
    DataArray binary(DataArray other, BinaryOperator<ChunkedArray> op) {
        return Arithmetic.binary(this, other, op, Join.INNER);
    }

    DataArray map(UnaryOperator<ChunkedArray> op) {
        return new DataArray(variable.map(op), coords, name);
    }

    /** An elementwise function (a NumPy ufunc in xarray): lazy, name and attributes kept, as xarray keeps them. */
    DataArray ufunc(UnaryOperator<ChunkedArray> function) {
        return new DataArray(variable.mapKeepingAttrs(function), coords, name);
    }

    /** Elementwise sine (radians); NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray sin() {
        return ufunc(ChunkedArray::sin);
    }

    /**
     * Elementwise cosine (radians); NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray cos() {
        return ufunc(ChunkedArray::cos);
    }

    /**
     * Elementwise tangent (radians); NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray tan() {
        return ufunc(ChunkedArray::tan);
    }

    /**
     * Elementwise inverse sine (NaN outside [-1, 1]); NaN stays NaN; keeps the attributes, as xarray's ufuncs do.
     * Lazy data stays lazy.
     */
    public DataArray arcsin() {
        return ufunc(ChunkedArray::arcsin);
    }

    /**
     * Elementwise inverse cosine (NaN outside [-1, 1]); NaN stays NaN; keeps the attributes, as xarray's ufuncs do.
     * Lazy data stays lazy.
     */
    public DataArray arccos() {
        return ufunc(ChunkedArray::arccos);
    }

    /** Elementwise inverse tangent; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray arctan() {
        return ufunc(ChunkedArray::arctan);
    }

    /** Elementwise hyperbolic sine; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray sinh() {
        return ufunc(ChunkedArray::sinh);
    }

    /**
     * Elementwise hyperbolic cosine; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray cosh() {
        return ufunc(ChunkedArray::cosh);
    }

    /**
     * Elementwise hyperbolic tangent; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray tanh() {
        return ufunc(ChunkedArray::tanh);
    }

    /**
     * Elementwise degrees to radians; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray deg2rad() {
        return ufunc(ChunkedArray::deg2rad);
    }

    /**
     * Elementwise radians to degrees; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays
     * lazy.
     */
    public DataArray rad2deg() {
        return ufunc(ChunkedArray::rad2deg);
    }

    /**
     * Elementwise base-10 logarithm (NaN below 0, -inf at 0); NaN stays NaN; keeps the attributes, as xarray's
     * ufuncs do. Lazy data stays lazy.
     */
    public DataArray log10() {
        return ufunc(ChunkedArray::log10);
    }

    /**
     * Elementwise base-2 logarithm (NaN below 0, -inf at 0); NaN stays NaN; keeps the attributes, as xarray's ufuncs
     * do. Lazy data stays lazy.
     */
    public DataArray log2() {
        return ufunc(ChunkedArray::log2);
    }

    /**
     * Elementwise {@code log(1 + x)}, exact for small x; NaN stays NaN; keeps the attributes, as xarray's ufuncs do.
     * Lazy data stays lazy.
     */
    public DataArray log1p() {
        return ufunc(ChunkedArray::log1p);
    }

    /**
     * Elementwise {@code exp(x) - 1}, exact for small x; NaN stays NaN; keeps the attributes, as xarray's ufuncs do.
     * Lazy data stays lazy.
     */
    public DataArray expm1() {
        return ufunc(ChunkedArray::expm1);
    }

    /**
     * Elementwise largest integer at or below; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data
     * stays lazy.
     */
    public DataArray floor() {
        return ufunc(ChunkedArray::floor);
    }

    /**
     * Elementwise smallest integer at or above; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy
     * data stays lazy.
     */
    public DataArray ceil() {
        return ufunc(ChunkedArray::ceil);
    }

    /**
     * Elementwise integer part, toward zero; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data
     * stays lazy.
     */
    public DataArray trunc() {
        return ufunc(ChunkedArray::trunc);
    }

    /**
     * Elementwise sign: -1, 0 or 1 (NaN stays NaN); NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy
     * data stays lazy.
     */
    public DataArray sign() {
        return ufunc(ChunkedArray::sign);
    }

    /**
     * Elementwise whether finite (neither NaN nor infinite), as booleans; NaN stays NaN; drops the attributes. Lazy
     * data stays lazy.
     */
    public DataArray isfinite() {
        return ufunc(ChunkedArray::isfinite);
    }

    /** Elementwise whether infinite, as booleans; NaN stays NaN; drops the attributes. Lazy data stays lazy. */
    public DataArray isinf() {
        return ufunc(ChunkedArray::isinf);
    }

    /** {@code np.arctan2(this, other)}: the angle of the point (other, this) in radians, aligned as arithmetic is. */
    public DataArray arctan2(DataArray other) {
        return binaryUfunc(other, ChunkedArray::arctan2);
    }

    /** {@code sqrt(this² + other²)}, aligned as arithmetic is. */
    public DataArray hypot(DataArray other) {
        return binaryUfunc(other, ChunkedArray::hypot);
    }

    /** A function of two arrays (a NumPy ufunc): aligned as arithmetic, this array's attributes kept as xarray keeps them. */
    private DataArray binaryUfunc(DataArray other, BinaryOperator<ChunkedArray> function) {
        DataArray result = binary(other, function);
        return new DataArray(result.variable.withAttrs(attrs()), result.coords, result.name);
    }

    /**
     * Elementwise {@code this >= other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray ge(DataArray other) {
        return binary(other, ChunkedArray::ge);
    }

    /**
     * Elementwise {@code this <= other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray le(DataArray other) {
        return binary(other, ChunkedArray::le);
    }

    /**
     * Elementwise {@code this == other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray eq(DataArray other) {
        return binary(other, ChunkedArray::eq);
    }

    /**
     * Elementwise {@code this != other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); NaN compares unequal to everything,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray ne(DataArray other) {
        return binary(other, ChunkedArray::ne);
    }

    /**
     * True where the value is one of {@code values} (xarray's {@code isin}); lazy, one comparison per value.
     * NaN is never in the values, as in NumPy.
     */
    public DataArray isin(double... values) {
        return map(a -> {
            ChunkedArray any = a.isnan().and(a.isnan().not());   // false everywhere, for an empty list of values
            for (double v : values) {
                any = any.or(a.eq(v));
            }
            return any;
        });
    }


    /**
     * Elementwise sum, broadcast by dimension name and aligned on labels (inner join: labels
     * in only one array are dropped); dtypes promote as NumPy; NaN propagates; attributes dropped. Lazy.
     */
    public DataArray add(DataArray other) {
        return binary(other, ChunkedArray::add);
    }

    /**
     * Elementwise sum with a scalar (NumPy promotion: an integer array with a fractional
     * scalar gives float64); NaN propagates; attributes dropped. Lazy.
     */
    public DataArray add(double scalar) {
        return map(a -> a.add(scalar));
    }

    /**
     * Elementwise difference, broadcast by dimension name and aligned on labels (inner join: labels
     * in only one array are dropped); dtypes promote as NumPy; NaN propagates; attributes dropped. Lazy.
     */
    public DataArray subtract(DataArray other) {
        return binary(other, ChunkedArray::subtract);
    }

    /**
     * Elementwise difference with a scalar (NumPy promotion: an integer array with a fractional
     * scalar gives float64); NaN propagates; attributes dropped. Lazy.
     */
    public DataArray subtract(double scalar) {
        return map(a -> a.subtract(scalar));
    }

    /**
     * Elementwise product, broadcast by dimension name and aligned on labels (inner join: labels
     * in only one array are dropped); dtypes promote as NumPy; NaN propagates; attributes dropped. Lazy.
     */
    public DataArray multiply(DataArray other) {
        return binary(other, ChunkedArray::multiply);
    }

    /**
     * Elementwise product with a scalar (NumPy promotion: an integer array with a fractional
     * scalar gives float64); NaN propagates; attributes dropped. Lazy.
     */
    public DataArray multiply(double scalar) {
        return map(a -> a.multiply(scalar));
    }

    /**
     * Elementwise quotient (true division: integers give float64), broadcast by dimension name and aligned on labels (inner join: labels
     * in only one array are dropped); dtypes promote as NumPy; NaN propagates; attributes dropped. Lazy.
     */
    public DataArray divide(DataArray other) {
        return binary(other, ChunkedArray::divide);
    }

    /**
     * Elementwise quotient (true division: integers give float64) with a scalar (NumPy promotion: an integer array with a fractional
     * scalar gives float64); NaN propagates; attributes dropped. Lazy.
     */
    public DataArray divide(double scalar) {
        return map(a -> a.divide(scalar));
    }

    /** Elementwise power; NaN propagates; attributes dropped. Lazy. */
    public DataArray pow(double exponent) {
        return map(a -> a.pow(exponent));
    }

    /** Elementwise negation; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray negate() {
        return map(ChunkedArray::negate);
    }

    /** Elementwise absolute value; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray abs() {
        return ufunc(ChunkedArray::abs);
    }

    /**
     * Elementwise square root (NaN below 0); NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data
     * stays lazy.
     */
    public DataArray sqrt() {
        return ufunc(ChunkedArray::sqrt);
    }

    /** Elementwise exponential; NaN stays NaN; keeps the attributes, as xarray's ufuncs do. Lazy data stays lazy. */
    public DataArray exp() {
        return ufunc(ChunkedArray::exp);
    }

    /**
     * Elementwise natural logarithm (NaN below 0, -inf at 0); NaN stays NaN; keeps the attributes, as xarray's
     * ufuncs do. Lazy data stays lazy.
     */
    public DataArray log() {
        return ufunc(ChunkedArray::log);
    }

    /**
     * Elementwise {@code this > other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray gt(DataArray other) {
        return binary(other, ChunkedArray::gt);
    }

    /**
     * Elementwise {@code this > other} as booleans, with a scalar; a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray gt(double scalar) {
        return map(a -> a.gt(scalar));
    }

    /**
     * Elementwise {@code this >= other} as booleans, with a scalar; a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray ge(double scalar) {
        return map(a -> a.ge(scalar));
    }

    /**
     * Elementwise {@code this < other} as booleans, with another array, broadcast by dimension name and aligned on labels (inner join); a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray lt(DataArray other) {
        return binary(other, ChunkedArray::lt);
    }

    /**
     * Elementwise {@code this < other} as booleans, with a scalar; a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray lt(double scalar) {
        return map(a -> a.lt(scalar));
    }

    /**
     * Elementwise {@code this <= other} as booleans, with a scalar; a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray le(double scalar) {
        return map(a -> a.le(scalar));
    }

    /**
     * Elementwise {@code this == other} as booleans, with a scalar; a NaN compares false,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray eq(double scalar) {
        return map(a -> a.eq(scalar));
    }

    /**
     * Elementwise {@code this != other} as booleans, with a scalar; NaN compares unequal to everything,
     * as in NumPy. Attributes are dropped (xarray's default). Lazy.
     */
    public DataArray ne(double scalar) {
        return map(a -> a.ne(scalar));
    }

    /** True where the value is missing (NaN). */
    public DataArray isnull() {
        return map(ChunkedArray::isnan);
    }

    /** Elementwise whether not NaN, as booleans; NaN stays NaN; drops the attributes. Lazy data stays lazy. */
    public DataArray notnull() {
        return map(a -> a.isnan().not());
    }

    /**
     * Keeps values where {@code condition} holds, NaN elsewhere (xarray's {@code where}); the name and
     * attributes are kept, as xarray keeps them.
     */
    public DataArray where(DataArray condition) {
        return Arithmetic.binary(this, condition, (data, cond) -> ChunkedArray.where(cond, data, Double.NaN), Join.INNER)
                .withAttrs(attrs());
    }

    /**
     * As {@link #where(DataArray)}; with {@code drop}, labels along which the condition never holds are
     * dropped first, as xarray's {@code where(cond, drop=True)} (the condition is computed to find them).
     */
    public DataArray where(DataArray condition, boolean drop) {
        if (!drop) {
            return where(condition);
        }
        List<DataArray> aligned = align(Join.INNER, this, condition);
        DataArray data = aligned.get(0);
        DataArray cond = aligned.get(1);
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String dim : cond.dims()) {
            String[] others = cond.dims().stream().filter(d -> !d.equals(dim)).toArray(String[]::new);
            double[] anywhere = (others.length == 0 ? cond : cond.any(others)).values().astype(DType.FLOAT64)
                    .toDoubleArray();
            kept.put(dim, IntStream.range(0, anywhere.length).filter(i -> anywhere[i] != 0)
                    .asLongStream().toArray());
        }
        return data.isel(kept).where(cond.isel(kept));
    }

    /**
     * This array broadcast against {@code other}'s dimensions, both aligned first with an outer join, as
     * xarray's {@code broadcast_like}: {@code other}'s dimensions come first, then this array's own.
     */
    public DataArray broadcastLike(DataArray other) {
        List<DataArray> aligned = align(Join.OUTER, other, this);
        DataArray target = aligned.get(0);
        DataArray self = aligned.get(1);
        DataArray zeros = target.isnull().astype(self.dtype()).multiply(0);
        List<String> order = new ArrayList<>(target.dims());
        for (String dim : self.dims()) {
            if (!order.contains(dim)) {
                order.add(dim);
            }
        }
        DataArray broadcast = self.add(zeros).withAttrs(attrs());
        return broadcast.transpose(order.toArray(String[]::new));
    }

    /** Keeps values where {@code condition} holds, {@code other} elsewhere. */
    public DataArray where(DataArray condition, double other) {
        return Arithmetic.binary(this, condition, (data, cond) -> ChunkedArray.where(cond, data, other), Join.INNER)
                .withAttrs(attrs());
    }

    /** Keeps values where {@code condition} holds and takes {@code other}'s elsewhere, all aligned and broadcast. */
    public DataArray where(DataArray condition, DataArray other) {
        return Arithmetic.where(this, condition, other).withAttrs(attrs());
    }

    /** Replaces NaN with a value; name and attributes kept, as xarray. */
    public DataArray fillna(double value) {
        return new DataArray(variable.mapKeepingAttrs(a -> a.dtype().isFloat() ? ChunkedArray.where(a.isnan(), value, a)
                : a), coords, name);
    }

    /** Values limited to [min, max]; name and attributes kept, as xarray. */
    public DataArray clip(double min, double max) {
        return new DataArray(variable.mapKeepingAttrs(a -> a.clip(min, max)), coords, name);
    }

    /** This array with {@code newAttrs} added to its attributes (replacing those of the same name), as xarray's. */
    public DataArray assignAttrs(Map<String, ?> newAttrs) {
        Map<String, Object> merged = new LinkedHashMap<>(attrs());
        merged.putAll(newAttrs);
        return withAttrs(merged);
    }

    /** The same values, coordinates and name with exactly these attributes. */
    DataArray withAttrs(Map<String, ?> newAttrs) {
        return new DataArray(variable.withAttrs(newAttrs), coords, name);
    }

    /** Rounds half to even, as NumPy. */
    public DataArray round() {
        return ufunc(ChunkedArray::round);
    }

    /** Converted to {@code dtype} with NumPy's unsafe casting (floats truncate toward zero); keeps the attributes. */
    public DataArray astype(DType dtype) {
        return new DataArray(variable.withArray(variable.dims(), variable.array().astype(dtype), variable.isLazy(),
                variable.attrs()), coords, name);
    }

    // ---- reductions -------------------------------------------------------------------------

    /** A reduction over dimensions (all when none given), with xarray's defaults (skip NaN for floats). */
    @Override
    public DataArray reduce(Reductions.Kind kind, ReduceArgs args, String... dims) {
        return Reductions.reduce(this, kind, args, List.of(dims));
    }

    /** Whether any element is non-zero along {@code dims} (all when none given); NaN counts as true, as NumPy. Lazy. */
    public DataArray any(String... dims) {
        return reduce(Reductions.Kind.ANY, ReduceArgs.defaults(), dims);
    }

    /**
     * Whether every element is non-zero along {@code dims} (all when none given); NaN counts as true, as NumPy.
     * Lazy.
     */
    public DataArray all(String... dims) {
        return reduce(Reductions.Kind.ALL, ReduceArgs.defaults(), dims);
    }

    /** Median; the reduced dimensions are gathered into one block each (as dask requires). */
    public DataArray median(String... dims) {
        return reduce(Reductions.Kind.MEDIAN, ReduceArgs.defaults(), dims);
    }

    /** The q-th quantile (0..1, linear interpolation as NumPy's default). */
    public DataArray quantile(double q, String... dims) {
        return reduce(Reductions.Kind.QUANTILE, ReduceArgs.defaults().withQuantile(q), dims);
    }

    /** Position of the minimum along one dimension. */
    public DataArray argmin(String dim) {
        return reduce(Reductions.Kind.ARGMIN, ReduceArgs.defaults(), dim);
    }

    /** The position of the largest value along {@code dim}, NaN skipped, as xarray's {@code argmax}. Lazy. */
    public DataArray argmax(String dim) {
        return reduce(Reductions.Kind.ARGMAX, ReduceArgs.defaults(), dim);
    }

    /** Label of the minimum along one dimension (computes the positions). */
    public DataArray idxmin(String dim) {
        return Reductions.idx(this, argmin(dim), dim);
    }

    /** The label of the largest value along {@code dim}, NaN skipped (computes the positions). */
    public DataArray idxmax(String dim) {
        return Reductions.idx(this, argmax(dim), dim);
    }

    // ---- structure --------------------------------------------------------------------------

    /** Reorders dimensions by name (the ones not named keep their order at the end). */
    public DataArray transpose(String... order) {
        List<String> target = new ArrayList<>(List.of(order));
        for (String dim : target) {
            if (!dims().contains(dim)) {
                throw Selection.missingDimension(dim, sizes(), describe());
            }
        }
        if (order.length == 0) {
            target = new ArrayList<>(dims());
            Collections.reverse(target);
        }
        for (String dim : dims()) {
            if (!target.contains(dim)) {
                target.add(dim);
            }
        }
        return new DataArray(variable.transpose(target), coords, name);
    }

    /** Renames the array. */
    public DataArray rename(String newName) {
        return new DataArray(variable, coords, newName);
    }

    /** Renames dimensions and coordinates (old → new). */
    public DataArray rename(Map<String, String> names) {
        Map<String, Variable> newCoords = new LinkedHashMap<>();
        coords.forEach((n, c) -> newCoords.put(names.getOrDefault(n, n), renameDims(c, names)));
        return new DataArray(renameDims(variable, names), newCoords, name);
    }

    static Variable renameDims(Variable v, Map<String, String> names) {
        return v.withDims(v.dims().stream().map(d -> names.getOrDefault(d, d)).toList());
    }

    /** Adds or replaces coordinates. */
    public DataArray assignCoords(Map<String, Variable> newCoords) {
        Map<String, Variable> merged = new LinkedHashMap<>(coords);
        newCoords.forEach((n, c) -> {
            if (!dims().containsAll(c.dims())) {
                throw new IllegalArgumentException("Coordinate '" + n + "' has dims " + c.dims() + " not all in "
                        + describe() + "'s dims " + dims());
            }
            merged.put(n, c);
        });
        return new DataArray(variable, merged, name);
    }

    /** Adds a 1-D numeric coordinate along a dimension. */
    public DataArray assignCoords(String dim, double[] labels) {
        return assignCoords(Map.of(dim, Variable.of(List.of(dim), DenseArray.of(labels, labels.length))));
    }

    /** Drops coordinates by name. */
    public DataArray drop(String... names) {
        Map<String, Variable> kept = new LinkedHashMap<>(coords);
        for (String n : names) {
            if (kept.remove(n) == null) {
                throw new LabelNotFoundException("No coordinate '" + n + "' to drop; coordinates are " + coords.keySet());
            }
        }
        return new DataArray(variable, kept, name);
    }

    /** Drops positions along a dimension where every value is missing (how = "all") or any is ("any"). */
    public DataArray dropna(String dim, String how) {
        return dropna(dim, DropHow.of(how, "dropna(\"" + dim + "\", \"" + how + "\")"));
    }

    /** Drops positions along a dimension where any value ({@link DropHow#ANY}) or every value is missing. */
    public DataArray dropna(String dim, DropHow how) {
        if (!sizes().containsKey(dim)) {
            throw Selection.missingDimension(dim, sizes(), describe());
        }
        int axis = variable.axisOf(dim);
        List<String> others = dims().stream().filter(d -> !d.equals(dim)).toList();
        DataArray missing = isnull();
        DataArray test = others.isEmpty() ? missing
                : how == DropHow.ALL ? missing.all(others.toArray(new String[0]))
                : missing.any(others.toArray(new String[0]));
        boolean[] drop = test.values().toBooleanArray();
        long[] keep = IntStream.range(0, drop.length).filter(i -> !drop[i]).asLongStream().toArray();
        if (axis < 0 || keep.length == drop.length) {
            return this;
        }
        return applyIndexers(Map.of(dim, new Indexer.Positions(keep)));
    }

    /** Weighted reductions (xarray's {@code weighted}): {@code da.weighted(cosLat).mean("lat", "lon")}. */
    public Weighted weighted(DataArray weights) {
        return new Weighted(this, weights);
    }

    /**
     * Values moved {@code n} places along {@code dim} (forward for n > 0), NaN where none came from;
     * coordinates stay, as xarray's {@code shift}.
     */
    public DataArray shift(String dim, long n) {
        return shift(dim, n, Double.NaN);
    }

    /**
     * Values moved {@code n} places along {@code dim}, {@code fill} where none came from ({@link #shift(String,
     * long)}).
     */
    public DataArray shift(String dim, long n, double fill) {
        int axis = axisOf(dim);
        return new DataArray(variable.mapKeepingAttrs(a -> a.shift(axis, n, fill)), coords, name);
    }

    /** Values rotated {@code n} places along {@code dim}; coordinates stay (xarray's {@code roll_coords=False}). */
    public DataArray roll(String dim, long n) {
        int axis = axisOf(dim);
        return new DataArray(variable.mapKeepingAttrs(a -> a.roll(axis, n)), coords, name);
    }

    /**
     * The {@code n}-th difference along {@code dim}, labelled with the upper coordinates (xarray's
     * {@code label="upper"}).
     */
    public DataArray diff(String dim, int n) {
        int axis = axisOf(dim);
        if (n < 0) {
            throw new IllegalArgumentException("diff needs a non-negative order n, got " + n + " for '" + dim + "'");
        }
        long length = sizes().get(dim);
        DataArray upper = isel(dim, Slice.of(Math.min(n, length), null));
        return new DataArray(variable.map(a -> a.diff(axis, n)), upper.coords, name);
    }

    /** Cumulative sum along {@code dim}, NaN skipped (counted as zero) as xarray's default for floats. */
    public DataArray cumsum(String dim) {
        return cumsum(dim, true);
    }

    /**
     * Cumulative sum along {@code dim}; with {@code skipNa} false a NaN makes every later sum NaN. Lazy across chunk
     * edges.
     */
    public DataArray cumsum(String dim, boolean skipNa) {
        int axis = axisOf(dim);
        return map(a -> skipNa ? a.nancumsum(axis) : a.cumsum(axis));
    }

    /** Cumulative product along {@code dim}, NaN skipped (counted as one) as xarray's default for floats. */
    public DataArray cumprod(String dim) {
        return cumprod(dim, true);
    }

    /**
     * Cumulative product along {@code dim}; with {@code skipNa} false a NaN makes every later product NaN. Lazy
     * across chunk edges.
     */
    public DataArray cumprod(String dim, boolean skipNa) {
        int axis = axisOf(dim);
        return map(a -> skipNa ? a.nancumprod(axis) : a.cumprod(axis));
    }

    /**
     * The least-squares polynomial of degree {@code deg} along {@code dim}, fitted at every point of the other
     * dimensions, as xarray's {@code polyfit}: a Dataset holding {@code polyfit_coefficients} along a new
     * {@code degree} dimension (deg .. 0, highest power first). NaN values are left out of each point's fit;
     * a point with fewer than deg + 1 values gets NaN. The coordinate's values are the x (dates in
     * nanoseconds since 1970-01-01 of their calendar, as xarray); lazy over the other dimensions.
     */
    public Dataset polyfit(String dim, int deg) {
        return Dataset.of(Map.of("polyfit_coefficients", Polynomials.fit(this, dim, deg)));
    }

    /**
     * The polynomial with {@code coefficients} (along {@code degree}, as {@link #polyfit} gives them) at the
     * values of {@code coord}, as xarray's {@code xr.polyval} (also {@code Lazuli.polyval}). Lazy.
     */
    public static DataArray polyval(DataArray coord, DataArray coefficients) {
        return Polynomials.evaluate(coord, coefficients);
    }

    /**
     * {@code function} applied to every block of this array, each seen as a DataArray with its block's
     * coordinates, as xarray's {@code map_blocks}; the function keeps each block's dims and shape. Lazy: one
     * task per block, reading that block alone.
     */
    public DataArray mapBlocks(BlockMapper function) {
        return LabelledBlocks.map(this, function, this);
    }

    /** As {@link #mapBlocks(BlockMapper)}, the result typed, named and described as {@code template}. */
    public DataArray mapBlocks(BlockMapper function, DataArray template) {
        return LabelledBlocks.map(this, function, template);
    }

    /**
     * The parts of this array's dates (year, month, dayOfYear, season, floor("D"), strftime ...), as
     * xarray's {@code .dt}; refused for an array of numbers or text.
     */
    public DatetimeAccessor dt() {
        return new DatetimeAccessor(this);
    }

    /**
     * The derivative along the one-dimensional coordinate {@code coord}, as xarray's
     * {@code differentiate}: second-order central differences inside and first-order at the edges, on
     * uneven spacing too (NumPy's {@code gradient}); a NaN spoils its neighbours' derivatives. Lazy, across
     * chunk edges. Dates count in nanoseconds for the standard and proleptic Gregorian calendars and in
     * seconds for the others (xarray's defaults). The name is kept, the attributes dropped, as xarray.
     */
    public DataArray differentiate(String coord) {
        return Calculus.differentiate(this, coord, null);
    }

    /** As {@link #differentiate(String)}, dates counted in {@code datetimeUnit} ("W", "D", "h", "m", "s", "ms", "us", "ns"). */
    public DataArray differentiate(String coord, String datetimeUnit) {
        return Calculus.differentiate(this, coord, datetimeUnit);
    }

    /**
     * The integral along the one-dimensional coordinate {@code coord} by the trapezoidal rule, as xarray's
     * {@code integrate}: the dimension goes, a NaN makes the integral NaN, one point integrates to 0. Lazy.
     * Dates count as in {@link #differentiate(String)}.
     */
    public DataArray integrate(String coord) {
        return Calculus.integrate(this, coord, null);
    }

    /**
     * The trapezoidal integral along a date coordinate, in {@code datetimeUnit} ("D", "h", "s" …) per unit of time
     * ({@link #integrate(String)}).
     */
    public DataArray integrate(String coord, String datetimeUnit) {
        return Calculus.integrate(this, coord, datetimeUnit);
    }

    private int axisOf(String dim) {
        int axis = dims().indexOf(dim);
        if (axis < 0) {
            throw Selection.missingDimension(dim, sizes(), describe());
        }
        return axis;
    }

    /**
     * Drops dimensions of length 1: the ones named, or every one when none are; a named dimension of another length
     * fails.
     */
    public DataArray squeeze(String... names) {
        Map<String, Indexer> indexers = new LinkedHashMap<>();
        List<String> targets = names.length == 0 ? dims().stream().filter(d -> sizes().get(d) == 1).toList()
                : List.of(names);
        for (String dim : targets) {
            Long length = sizes().get(dim);
            if (length == null) {
                throw Selection.missingDimension(dim, sizes(), describe());
            }
            if (length != 1) {
                throw new IllegalArgumentException("Cannot squeeze dimension '" + dim + "' of length " + length);
            }
            indexers.put(dim, new Indexer.Single(0));
        }
        return applyIndexers(indexers);
    }

    /**
     * Merges {@code dims} into one new last dimension {@code newDim} (xarray's {@code stack}): its labels are
     * {@link StackedLabel}s in row-major product order (the last named dimension varies fastest), and each
     * merged dimension becomes a 1-D level coordinate along it (its labels, or 0..n-1 without a coordinate).
     * Coordinates over the merged dims are stacked too. Lazy: a transpose and a reshape.
     */
    public DataArray stack(String newDim, String... dims) {
        return fromVariables(Stacking.stack(asVariables(), coords.keySet(), newDim, List.of(dims), describe()));
    }

    /** Several stacks at once, in order: {@code stack(Map.of("z", List.of("lat", "lon")))}. */
    public DataArray stack(Map<String, List<String>> dims) {
        DataArray result = this;
        for (Map.Entry<String, List<String>> e : dims.entrySet()) {
            result = result.stack(e.getKey(), e.getValue().toArray(String[]::new));
        }
        return result;
    }

    /**
     * Splits a stacked dimension back into its levels, added last (xarray's {@code unstack}): each level's
     * values in order of first appearance (as pandas leaves them); combinations no label holds are NaN (integers become float64).
     * Lazy: a reshape when the labels are a whole product in order, else a gather of the needed positions.
     */
    public DataArray unstack(String dim) {
        return fromVariables(Stacking.unstack(asVariables(), coords.keySet(), dim, describe()));
    }

    /** Unstacks every stacked dimension. */
    public DataArray unstack() {
        DataArray result = this;
        for (String dim : Stacking.stackedDims(coords)) {
            result = result.unstack(dim);
        }
        return result;
    }

    private static final String DATA_KEY = "\0data";

    private Map<String, Variable> asVariables() {
        Map<String, Variable> all = new LinkedHashMap<>(coords);
        all.put(DATA_KEY, variable);
        return all;
    }

    private DataArray fromVariables(Stacking.Result result) {
        Map<String, Variable> newCoords = new LinkedHashMap<>(result.variables());
        Variable data = newCoords.remove(DATA_KEY);
        return new DataArray(data, newCoords, name);
    }

    /** Adds a dimension of length 1 in front. */
    public DataArray expandDims(String dim) {
        if (dims().contains(dim)) {
            throw new IllegalArgumentException("Dimension '" + dim + "' already exists in " + dims());
        }
        List<String> newDims = new ArrayList<>();
        newDims.add(dim);
        newDims.addAll(dims());
        Variable expanded = variable.isLabels()
                ? Variable.labels(newDims, prepend(variable.shape()), variable.labelArray(), variable.attrs())
                : variable.withArray(newDims, variable.array().expandDims(0), variable.isLazy(), variable.attrs());
        return new DataArray(expanded, coords, name);
    }

    private static long[] prepend(long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = 1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /**
     * Aligns arrays on their indexes (xarray's {@code align}): where a dimension's labels differ, every
     * array is reindexed to the joined labels; with an outer join, missing values are NaN.
     */
    public static List<DataArray> align(Join join, DataArray... arrays) {
        return Arithmetic.align(List.of(arrays), join);
    }

    /** Joins arrays along an existing dimension, or a new one in front. */
    public static DataArray concat(List<DataArray> arrays, String dim) {
        return Combine.concat(arrays, dim);
    }

    /** Writes this array (as a one-variable dataset) to a NetCDF file (module io-netcdf). */
    public void toNetcdf(Path path) {
        toDataset().toNetcdf(path);
    }

    /** A copy (objects are immutable, so this is this object). */
    public DataArray copy() {
        return this;
    }

    /** A dataset holding this array as its only data variable. */
    public Dataset toDataset() {
        String varName = name == null ? "__xarray_dataarray_variable__" : name;
        Map<String, Variable> variables = new LinkedHashMap<>(coords);
        variables.put(varName, variable);
        return new Dataset(variables, coords.keySet(), Map.of(), List.of());
    }

    // ---- grouping and windows ---------------------------------------------------------------

    /**
     * Groups along a dimension by a 1-D coordinate ({@code "station"}) or a virtual time field
     * ({@code "time.month"}, {@code "time.season"}, {@code "time.year"}, {@code "time.dayofyear"},
     * {@code "time.hour"} …).
     */
    public GroupBy groupBy(String key) {
        return GroupBy.of(this, key);
    }

    /** Groups by bins of a numeric coordinate: {@code edges} are the bin boundaries (right-closed, as xarray). */
    public GroupBy groupByBins(String coord, double[] edges) {
        return GroupBy.bins(this, coord, edges);
    }

    /** Time resampling: "MS", "ME", "YS", "YE", "QS-DEC", "QE", "W", "D", "6h", "min" … as xarray places the bins. */
    public GroupBy resample(String dim, String frequency) {
        return resample(dim, frequency, ResampleOptions.defaults());
    }

    /**
     * Time resampling with bins placed as {@code options} say (closed and labelled side, origin, offset), as
     * xarray's {@code resample(time=..., closed=, label=, origin=, offset=)}. Period ends ("ME", "QE", "YE",
     * "W") are closed and labelled on the right by default, as pandas does.
     */
    public GroupBy resample(String dim, String frequency, ResampleOptions options) {
        return GroupBy.resample(this, dim, frequency, options);
    }

    /** Trailing windows of {@code window} values along {@code dim}, each needing every value (xarray's defaults). */
    public Rolling rolling(String dim, int window) {
        return new Rolling(this, dim, window, false, window);
    }

    /** Rolling windows placed as {@code options} say: {@code rolling("time", 3, RollingOptions.centered())}. */
    public Rolling rolling(String dim, int window, RollingOptions options) {
        return rolling(dim, window, options.center(), options.periodsFor(window));
    }

    /** Windows of {@code window} values, centred on their label or ending there, needing {@code minPeriods} values. */
    public Rolling rolling(String dim, int window, boolean center, int minPeriods) {
        return new Rolling(this, dim, window, center, minPeriods);
    }

    /** Non-overlapping windows; {@code boundary} is "exact", "trim" or "pad". */
    public Coarsen coarsen(String dim, int window, String boundary) {
        return coarsen(dim, window, Boundary.of(boundary));
    }

    /** Non-overlapping windows of {@code window} along {@code dim}, the end handled as {@code boundary} says. */
    public Coarsen coarsen(String dim, int window, Boundary boundary) {
        return new Coarsen(this, dim, window, boundary);
    }

    // ---- output -----------------------------------------------------------------------------

    /** xarray's text repr. */
    @Override
    public String toString() {
        return Repr.dataArray(this);
    }

    /**
     * An HTML repr for notebooks, as xarray's: collapsible sections of dimensions, coordinates, data variables,
     * indexes and attributes; each variable opens onto its attributes and data (chunked data as dask draws
     * it). Computes nothing.
     */
    public String toHtml() {
        return HtmlRepr.dataArray(this);
    }

    Map<String, Variable> coordVariables() {
        return coords;
    }

    static long[] checkedPositions(long[] positions) {
        return Arrays.copyOf(positions, positions.length);
    }
}
