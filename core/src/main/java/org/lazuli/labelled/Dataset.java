package org.lazuli.labelled;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.Persistable;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.io.spi.Backends;
import org.lazuli.io.spi.WriteOptions;

/**
 * Variables sharing dimensions: data variables and coordinates, with global attributes (xarray's
 * {@code Dataset}). Selections apply to every variable that has the dimension; reductions and
 * arithmetic apply to every numeric data variable.
 *
 * <p>Immutable. A dataset opened from files holds their resources (file handles in a cache) until
 * {@link #close()}; datasets derived from it share them and must not outlive it.
 */
public final class Dataset implements Reducible<Dataset>, AutoCloseable, Persistable<Dataset>,
        Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Variable> variables;
    private final Set<String> coordNames;
    private final Map<String, Object> attrs;
    private final transient List<AutoCloseable> resources;

    /** What travels of a dataset (to a cluster, when published): its variables and attributes, not its open files. */
    private record Serialized(Map<String, Variable> variables, Set<String> coordNames, Map<String, Object> attrs)
            implements Serializable {
        private Object readResolve() {
            return new Dataset(variables, coordNames, attrs, List.of());
        }
    }

    private Object writeReplace() {
        return new Serialized(new LinkedHashMap<>(variables), new LinkedHashSet<>(coordNames), new LinkedHashMap<>(attrs));
    }

    Dataset(Map<String, Variable> variables, Set<String> coordNames, Map<String, ?> attrs, List<AutoCloseable> resources) {
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.coordNames = Collections.unmodifiableSet(new LinkedHashSet<>(coordNames));
        this.attrs = ValueMap.of(attrs);
        this.resources = List.copyOf(resources);
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, String> firstUse = new LinkedHashMap<>();
        for (Map.Entry<String, Variable> e : this.variables.entrySet()) {
            e.getValue().sizes().forEach((dim, length) -> {
                Long existing = sizes.putIfAbsent(dim, length);
                firstUse.putIfAbsent(dim, e.getKey());
                if (existing != null && existing.longValue() != length) {
                    throw new IllegalArgumentException("Dimension '" + dim + "' has length " + existing + " in '"
                            + firstUse.get(dim) + "' but " + length + " in '" + e.getKey() + "'");
                }
            });
        }
        for (String c : this.coordNames) {
            if (!this.variables.containsKey(c)) {
                throw new IllegalArgumentException("Coordinate '" + c + "' is not a variable of the dataset");
            }
        }
    }

    /** A dataset from data variables and coordinates (each a variable by name) and attributes. */
    public static Dataset of(Map<String, Variable> dataVars, Map<String, Variable> coords, Map<String, ?> attrs) {
        Map<String, Variable> all = new LinkedHashMap<>(coords);
        dataVars.forEach((n, v) -> {
            if (all.containsKey(n)) {
                throw new IllegalArgumentException("'" + n + "' is both a coordinate and a data variable");
            }
            all.put(n, v);
        });
        return new Dataset(all, coords.keySet(), attrs, List.of());
    }

    /** A dataset of data arrays (their coordinates merged). */
    public static Dataset of(Map<String, DataArray> arrays) {
        Map<String, Variable> coords = new LinkedHashMap<>();
        Map<String, Variable> data = new LinkedHashMap<>();
        arrays.forEach((n, a) -> {
            data.put(n, a.variable());
            a.coordVariables().forEach((cn, c) -> {
                Variable existing = coords.putIfAbsent(cn, c);
                if (existing != null && existing != c && !existing.sameValues(c)) {
                    throw new MergeConflictException("Coordinate '" + cn + "' differs between the arrays; align them first");
                }
            });
        });
        return of(data, coords, Map.of());
    }

    List<AutoCloseable> resources() {
        return resources;
    }

    /** For backends: a dataset that closes {@code resources} when closed. */
    public static Dataset withResources(Map<String, Variable> variables, Set<String> coordNames, Map<String, ?> attrs,
                                        List<AutoCloseable> resources) {
        return new Dataset(variables, coordNames, attrs, resources);
    }

    // ---- description ------------------------------------------------------------------------

    /** Dimension → length. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        variables.values().forEach(v -> sizes.putAll(v.sizes()));
        return Collections.unmodifiableMap(sizes);
    }

    /** Dimension → length (as {@link #sizes()}). */
    public Map<String, Long> dims() {
        return sizes();
    }

    /** The attributes (units, long_name, …), unmodifiable. */
    public Map<String, Object> attrs() {
        return attrs;
    }

    /** Every variable (coordinates and data) by name. */
    public Map<String, Variable> variables() {
        return variables;
    }

    /** The names of the coordinate variables. */
    public Set<String> coordNames() {
        return coordNames;
    }

    /** Names of the data variables. */
    public Set<String> dataVarNames() {
        Set<String> names = new LinkedHashSet<>(variables.keySet());
        names.removeAll(coordNames);
        return names;
    }

    /** The coordinates: dimension coordinates (with their indexes) and auxiliary ones. */
    public Coordinates coords() {
        Map<String, Variable> coords = new LinkedHashMap<>();
        coordNames.forEach(n -> coords.put(n, variables.get(n)));
        return new Coordinates(coords);
    }

    /** A data variable or coordinate as a DataArray with its coordinates. */
    public DataArray get(String name) {
        Variable variable = variables.get(name);
        if (variable == null) {
            throw new LabelNotFoundException("No variable '" + name + "' in this dataset" + Selection.closest(name,
                    variables.keySet()) + "; data variables are " + dataVarNames() + ", coordinates " + coordNames);
        }
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (String c : coordNames) {
            if (variable.dims().containsAll(variables.get(c).dims())) {
                coords.put(c, variables.get(c));
            }
        }
        return new DataArray(variable, coords, name);
    }

    /** The data variables as DataArrays. */
    public Map<String, DataArray> dataVars() {
        Map<String, DataArray> out = new LinkedHashMap<>();
        dataVarNames().forEach(n -> out.put(n, get(n)));
        return out;
    }

    /** Whether a variable (data or coordinate) of this name exists. */
    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    // ---- selection --------------------------------------------------------------------------

    /** Selects by position along one dimension in every variable ({@link #isel(Map)}). */
    public Dataset isel(String dim, Object position) {
        return isel(Map.of(dim, position));
    }

    /**
     * Selects by position in every variable: integers, {@link Slice}s, position arrays, boolean masks,
     * or DataArray indexers for pointwise selection. Lazy data stays lazy.
     */
    public Dataset isel(Map<String, Object> positions) {
        positions = Selection.booleanMasks(positions);
        if (positions.values().stream().anyMatch(v -> v instanceof DataArray)) {
            return pointwise(positions, DataArray::isel);
        }
        return apply(Selection.positional(positions, sizes(), "this dataset"));
    }

    /** Pointwise selection of every data variable ({@link DataArray#isel(Map)} with DataArray indexers). */
    private Dataset pointwise(Map<String, Object> indexers,
                              BiFunction<DataArray, Map<String, Object>, DataArray> select) {
        for (String dim : indexers.keySet()) {
            requireDim(dim);
        }
        return map(a -> {
            Map<String, Object> own = new LinkedHashMap<>();
            indexers.forEach((dim, p) -> {
                if (a.dims().contains(dim)) {
                    own.put(dim, p);
                }
            });
            return own.isEmpty() ? a : select.apply(a, own);
        });
    }

    /** Selects labels exactly along several dimensions (slices, lists, partial dates, DataArray indexers). */
    public Dataset sel(Map<String, Object> labels) {
        return sel(labels, SelectMethod.EXACT, null);
    }

    /** Selects a label exactly along one dimension in every variable ({@link #sel(Map)}). */
    public Dataset sel(String dim, Object label) {
        return sel(Map.of(dim, label), SelectMethod.EXACT, null);
    }

    /** Selects the label matched by {@code method} along one dimension in every variable. */
    public Dataset sel(String dim, Object label, SelectMethod method) {
        return sel(Map.of(dim, label), method, null);
    }

    /** Selects the labels matched by {@code method} along several dimensions, with no tolerance. */
    public Dataset sel(Map<String, Object> labels, SelectMethod method) {
        return sel(labels, method, null);
    }

    /**
     * Selects by label along several dimensions. DataArray indexers select pointwise ("stations"), as
     * {@link DataArray#sel(Map, SelectMethod, Double)} does, in every data variable that has the dimension.
     */
    public Dataset sel(Map<String, Object> labels, SelectMethod method, Double tolerance) {
        if (labels.values().stream().anyMatch(v -> v instanceof DataArray)) {
            return pointwise(labels, (a, own) -> a.sel(own, method, tolerance));
        }
        return apply(Selection.byLabel(labels, sizes(), coords(), method, tolerance, "this dataset"));
    }

    private Dataset apply(Map<String, Indexer> indexers) {
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(n, v.isel(indexers)));
        return new Dataset(out, coordNames, attrs, resources);
    }

    // ---- computation ------------------------------------------------------------------------

    /** {@link DataArray#stack} on every variable over any of {@code dims} (those missing some are broadcast). */
    public Dataset stack(String newDim, String... dims) {
        Stacking.Result result = Stacking.stack(variables, coordNames, newDim, List.of(dims), "this dataset");
        return new Dataset(result.variables(), result.coordNames(), attrs, resources);
    }

    /** {@link DataArray#unstack} on every variable along the stacked dimension. */
    public Dataset unstack(String dim) {
        Stacking.Result result = Stacking.unstack(variables, coordNames, dim, "this dataset");
        return new Dataset(result.variables(), result.coordNames(), attrs, resources);
    }

    /** Unstacks every stacked dimension. */
    public Dataset unstack() {
        Dataset result = this;
        for (String dim : Stacking.stackedDims(variables)) {
            result = result.unstack(dim);
        }
        return result;
    }

    /** Applies a function to every data variable (coordinates follow where their dims remain). */
    public Dataset map(UnaryOperator<DataArray> function) {
        Map<String, Variable> data = new LinkedHashMap<>();
        Map<String, Variable> coords = new LinkedHashMap<>();
        for (String n : dataVarNames()) {
            DataArray result = function.apply(get(n));
            data.put(n, result.variable());
            result.coordVariables().forEach(coords::putIfAbsent);
        }
        for (String c : coordNames) {
            Variable cv = variables.get(c);
            boolean used = data.values().stream().anyMatch(v -> v.dims().containsAll(cv.dims()));
            if (used || cv.ndim() == 0) {
                coords.putIfAbsent(c, cv);
            }
        }
        coords.keySet().removeIf(data::containsKey);
        Map<String, Variable> all = new LinkedHashMap<>(coords);
        all.putAll(data);
        return new Dataset(all, coords.keySet(), attrs, resources);
    }

    /** A reduction of every numeric data variable over the dimensions it has. */
    @Override
    public Dataset reduce(Reductions.Kind kind, ReduceArgs args, String... dims) {
        for (String dim : dims) {
            requireDim(dim);
        }
        return map(a -> {
            if (a.variable().isLabels()) {
                return a;
            }
            String[] own = Arrays.stream(dims).filter(a.dims()::contains).toArray(String[]::new);
            return own.length == 0 && dims.length > 0 ? a : a.reduce(kind, args, own);
        });
    }

    /** Every numeric data variable's sum with a scalar. */
    public Dataset add(double scalar) {
        return map(a -> a.add(scalar));
    }

    /** Every numeric data variable's product with a scalar. */
    public Dataset multiply(double scalar) {
        return map(a -> a.multiply(scalar));
    }

    /** Every data variable that has {@code dim} shifted along it (others unchanged), as xarray's {@code shift}. */
    public Dataset shift(String dim, long n) {
        return alongDim(dim, a -> a.shift(dim, n));
    }

    /** Every variable with {@code dim} rolled {@code n} places ({@link DataArray#roll}); coordinates stay. */
    public Dataset roll(String dim, long n) {
        return alongDim(dim, a -> a.roll(dim, n));
    }

    /** Cumulative sums of the data variables that have {@code dim}, NaN skipped. */
    public Dataset cumsum(String dim) {
        return alongDim(dim, a -> a.cumsum(dim));
    }

    /** Every data variable with {@code dim} as its cumulative product along it, NaN skipped. */
    public Dataset cumprod(String dim) {
        return alongDim(dim, a -> a.cumprod(dim));
    }

    /**
     * A polynomial fit along {@code dim} of every data variable that has it, as xarray's
     * {@code Dataset.polyfit}: {@code <name>_polyfit_coefficients} for each ({@link DataArray#polyfit}).
     */
    public Dataset polyfit(String dim, int deg) {
        requireDim(dim);
        Map<String, DataArray> fits = new LinkedHashMap<>();
        for (String name : dataVarNames()) {
            DataArray v = get(name);
            if (v.dims().contains(dim) && !v.variable().isLabels()) {
                fits.put(name + "_polyfit_coefficients", Polynomials.fit(v, dim, deg).rename(name + "_polyfit_coefficients"));
            }
        }
        return Dataset.of(fits).withAttrs(attrs());
    }

    /** Every data variable that has the coordinate's dimension differentiated along it ({@link DataArray#differentiate}). */
    public Dataset differentiate(String coord) {
        return alongDim(dimOfCoordinate(coord, "differentiate"), a -> a.differentiate(coord));
    }

    /** Every data variable that has the coordinate's dimension integrated along it; the others as they are. */
    public Dataset integrate(String coord) {
        return alongDim(dimOfCoordinate(coord, "integrate"), a -> a.integrate(coord));
    }

    /** Every variable reordered along the coordinate's dimension so that the coordinate ascends (or descends). */
    public Dataset sortBy(String coord, boolean ascending) {
        return alongDim(dimOfCoordinate(coord, "sortBy"), a -> a.sortBy(coord, ascending));
    }

    /** Sorted ascending by a one-dimensional coordinate, every variable with its dimension. */
    public Dataset sortBy(String coord) {
        return sortBy(coord, true);
    }

    /** Rolling windows of {@code window} along {@code dim} over every data variable that has it. */
    public DatasetWindows rolling(String dim, int window) {
        requireDim(dim);
        return DatasetWindows.rolling(this, dim, a -> a.rolling(dim, window));
    }

    /** Rolling windows placed as {@code options} say, over every data variable that has {@code dim}. */
    public DatasetWindows rolling(String dim, int window, RollingOptions options) {
        return rolling(dim, window, options.center(), options.periodsFor(window));
    }

    /** Centred or trailing rolling windows, with at least {@code minPeriods} values, over every data variable. */
    public DatasetWindows rolling(String dim, int window, boolean center, int minPeriods) {
        requireDim(dim);
        return DatasetWindows.rolling(this, dim, a -> a.rolling(dim, window, center, minPeriods));
    }

    /** Blocks of {@code window} along {@code dim} ("exact", "trim" or "pad" at the end) over every data variable. */
    public DatasetWindows coarsen(String dim, int window, String boundary) {
        return coarsen(dim, window, Boundary.of(boundary));
    }

    /** Blocks of {@code window} along {@code dim}, the end handled as {@code boundary} says, over every data variable. */
    public DatasetWindows coarsen(String dim, int window, Boundary boundary) {
        requireDim(dim);
        return DatasetWindows.coarsen(this, dim, a -> a.coarsen(dim, window, boundary));
    }

    /** Every data variable with {@code dim} at {@code labels} ({@link DataArray#reindex(String, List)}). */
    public Dataset reindex(String dim, List<?> labels) {
        return alongDim(dim, a -> a.reindex(dim, labels));
    }

    /** Every data variable with {@code dim} interpolated linearly at {@code points}. */
    public Dataset interp(String dim, double... points) {
        return alongDim(dim, a -> a.interp(dim, points));
    }

    /** Every data variable with {@code dim} interpolated by {@code method} ({@link DataArray#interp(String, List, InterpMethod)}). */
    public Dataset interp(String dim, List<?> points, InterpMethod method) {
        return alongDim(dim, a -> a.interp(dim, points, method));
    }

    /** As {@link #interp(String, List, InterpMethod)}, the method named as xarray names it. */
    public Dataset interp(String dim, List<?> points, String method) {
        return interp(dim, points, InterpMethod.of(method));
    }

    /** Every data variable interpolated at {@code points} by {@code method}: "linear", "nearest" or "cubic". */
    public Dataset interp(String dim, double[] points, String method) {
        return interp(dim, Arrays.stream(points).boxed().toList(), InterpMethod.of(method));
    }

    /** Every data variable with {@code dim} padded with NaN ({@link DataArray#pad(String, int, int)}). */
    public Dataset pad(String dim, int before, int after) {
        return alongDim(dim, a -> a.pad(dim, before, after));
    }

    private void requireDim(String dim) {
        if (!sizes().containsKey(dim)) {
            throw Selection.missingDimension(dim, sizes(), "this dataset");
        }
    }

    /** Every data variable with {@code dim} converted to {@code calendar} ({@link DataArray#convertCalendar}). */
    public Dataset convertCalendar(String dim, String calendar, String alignOn) {
        return alongDim(dim, a -> a.convertCalendar(dim, calendar, alignOn));
    }

    /** Every data variable with {@code dim} converted, missing dates filled ({@link DataArray#convertCalendar(String, String, String, double)}). */
    public Dataset convertCalendar(String dim, String calendar, String alignOn, double missing) {
        return alongDim(dim, a -> a.convertCalendar(dim, calendar, alignOn, missing));
    }

    /** The first {@code n} positions along {@code dim} of every variable. */
    public Dataset head(String dim, int n) {
        return alongDim(dim, a -> a.head(dim, n));
    }

    /** The last {@code n} positions along {@code dim} of every variable. */
    public Dataset tail(String dim, int n) {
        return alongDim(dim, a -> a.tail(dim, n));
    }

    /** Every {@code n}-th position along {@code dim} of every variable. */
    public Dataset thin(String dim, int n) {
        return alongDim(dim, a -> a.thin(dim, n));
    }

    /** Everything but the positions whose labels along {@code dim} are {@code labels} (xarray's {@code drop_sel}). */
    public Dataset dropSel(String dim, Object... labels) {
        return alongDim(dim, a -> a.dropSel(dim, labels));
    }

    /**
     * Every data variable where {@code condition} holds, NaN elsewhere (xarray's {@code Dataset.where}): the
     * condition broadcasts against each variable; names and attributes are kept.
     */
    public Dataset where(DataArray condition) {
        return map(a -> a.variable().isLabels() ? a : a.where(condition));
    }

    /**
     * Every data variable where {@code condition} holds, {@code other} elsewhere ({@link DataArray#where(DataArray,
     * double)}).
     */
    public Dataset where(DataArray condition, double other) {
        return map(a -> a.variable().isLabels() ? a : a.where(condition, other));
    }

    /** NaN replaced by {@code value} in every data variable; attributes kept. */
    public Dataset fillna(double value) {
        return map(a -> a.variable().isLabels() ? a : a.fillna(value));
    }

    /** This dataset with {@code newAttrs} added to its attributes (replacing those of the same name). */
    public Dataset assignAttrs(Map<String, ?> newAttrs) {
        Map<String, Object> merged = new LinkedHashMap<>(attrs());
        merged.putAll(newAttrs);
        return withAttrs(merged);
    }

    /** The dimension of a one-dimensional coordinate, or an error naming the coordinates there are. */
    private String dimOfCoordinate(String coord, String operation) {
        Variable c = variables.get(coord);
        if (c == null || c.dims().size() != 1) {
            throw new IllegalArgumentException(operation + " needs a one-dimensional coordinate; this dataset has "
                    + (c == null ? "no '" + coord + "' (its coordinates are " + coordNames + ")"
                    : "'" + coord + "' along " + c.dims()));
        }
        return c.dims().get(0);
    }

    /**
     * Every data variable grouped by {@code key} ("time.month", "time.season", a coordinate's name), as
     * xarray's {@code ds.groupby}: reductions per group and group arithmetic on every variable that has the
     * grouped dimension.
     */
    public DatasetGroupBy groupBy(String key) {
        String dim = groupedDim(key);
        return new DatasetGroupBy(this, dim, a -> a.groupBy(key));
    }

    /** Every data variable resampled along the time dimension {@code dim} ("MS", "YS", "QS-DEC", "D", "6h"). */
    public DatasetGroupBy resample(String dim, String frequency) {
        return resample(dim, frequency, ResampleOptions.defaults());
    }

    /** Every data variable resampled with bins placed as {@code options} say ({@link DataArray#resample(String, String, ResampleOptions)}). */
    public DatasetGroupBy resample(String dim, String frequency, ResampleOptions options) {
        requireDim(dim);
        return new DatasetGroupBy(this, dim, a -> a.resample(dim, frequency, options));
    }

    /** The dimension a group key runs along: its coordinate's ("time.month": time's). */
    private String groupedDim(String key) {
        String coord = variables.containsKey(key) || key.lastIndexOf('.') < 0 ? key
                : key.substring(0, key.lastIndexOf('.'));
        Variable c = variables.get(coord);
        if (c == null || c.dims().size() != 1) {
            throw new LabelNotFoundException("Cannot group this dataset by '" + key + "': it has no one-dimensional"
                    + " coordinate '" + coord + "'; its coordinates are " + coordNames);
        }
        return c.dims().get(0);
    }

    /** Weighted reductions of every data variable, each as {@link DataArray#weighted}. */
    public DatasetWeighted weighted(DataArray weights) {
        return new DatasetWeighted(this, weights);
    }

    private Dataset alongDim(String dim, UnaryOperator<DataArray> function) {
        if (!sizes().containsKey(dim)) {
            throw new IllegalArgumentException("Dimension '" + dim + "' is not in this dataset; its dimensions are "
                    + sizes().keySet());
        }
        return map(a -> a.dims().contains(dim) ? function.apply(a) : a);
    }

    // elementwise functions of every data variable (xarray's ufuncs on a Dataset), attributes kept

    /** Every numeric data variable's elementwise absolute value ({@link DataArray#abs()}). */
    public Dataset abs() {
        return map(DataArray::abs);
    }

    /** Every numeric data variable's elementwise square root (NaN below 0) ({@link DataArray#sqrt()}). */
    public Dataset sqrt() {
        return map(DataArray::sqrt);
    }

    /** Every numeric data variable's elementwise exponential ({@link DataArray#exp()}). */
    public Dataset exp() {
        return map(DataArray::exp);
    }

    /**
     * Every numeric data variable's elementwise natural logarithm (NaN below 0, -inf at 0) ({@link
     * DataArray#log()}).
     */
    public Dataset log() {
        return map(DataArray::log);
    }

    /** Every numeric data variable's elementwise sine (radians) ({@link DataArray#sin()}). */
    public Dataset sin() {
        return map(DataArray::sin);
    }

    /** Every numeric data variable's elementwise cosine (radians) ({@link DataArray#cos()}). */
    public Dataset cos() {
        return map(DataArray::cos);
    }

    /** Every numeric data variable's elementwise tangent (radians) ({@link DataArray#tan()}). */
    public Dataset tan() {
        return map(DataArray::tan);
    }

    /** Every numeric data variable's elementwise inverse sine (NaN outside [-1, 1]) ({@link DataArray#arcsin()}). */
    public Dataset arcsin() {
        return map(DataArray::arcsin);
    }

    /** Every numeric data variable's elementwise inverse cosine (NaN outside [-1, 1]) ({@link DataArray#arccos()}). */
    public Dataset arccos() {
        return map(DataArray::arccos);
    }

    /** Every numeric data variable's elementwise inverse tangent ({@link DataArray#arctan()}). */
    public Dataset arctan() {
        return map(DataArray::arctan);
    }

    /** Every numeric data variable's elementwise hyperbolic sine ({@link DataArray#sinh()}). */
    public Dataset sinh() {
        return map(DataArray::sinh);
    }

    /** Every numeric data variable's elementwise hyperbolic cosine ({@link DataArray#cosh()}). */
    public Dataset cosh() {
        return map(DataArray::cosh);
    }

    /** Every numeric data variable's elementwise hyperbolic tangent ({@link DataArray#tanh()}). */
    public Dataset tanh() {
        return map(DataArray::tanh);
    }

    /** Every numeric data variable's elementwise degrees to radians ({@link DataArray#deg2rad()}). */
    public Dataset deg2rad() {
        return map(DataArray::deg2rad);
    }

    /** Every numeric data variable's elementwise radians to degrees ({@link DataArray#rad2deg()}). */
    public Dataset rad2deg() {
        return map(DataArray::rad2deg);
    }

    /**
     * Every numeric data variable's elementwise base-10 logarithm (NaN below 0, -inf at 0) ({@link
     * DataArray#log10()}).
     */
    public Dataset log10() {
        return map(DataArray::log10);
    }

    /**
     * Every numeric data variable's elementwise base-2 logarithm (NaN below 0, -inf at 0) ({@link
     * DataArray#log2()}).
     */
    public Dataset log2() {
        return map(DataArray::log2);
    }

    /** Every numeric data variable's elementwise {@code log(1 + x)}, exact for small x ({@link DataArray#log1p()}). */
    public Dataset log1p() {
        return map(DataArray::log1p);
    }

    /** Every numeric data variable's elementwise {@code exp(x) - 1}, exact for small x ({@link DataArray#expm1()}). */
    public Dataset expm1() {
        return map(DataArray::expm1);
    }

    /** Every numeric data variable's elementwise largest integer at or below ({@link DataArray#floor()}). */
    public Dataset floor() {
        return map(DataArray::floor);
    }

    /** Every numeric data variable's elementwise smallest integer at or above ({@link DataArray#ceil()}). */
    public Dataset ceil() {
        return map(DataArray::ceil);
    }

    /** Every numeric data variable's elementwise integer part, toward zero ({@link DataArray#trunc()}). */
    public Dataset trunc() {
        return map(DataArray::trunc);
    }

    /** Every numeric data variable's elementwise sign: -1, 0 or 1 (NaN stays NaN) ({@link DataArray#sign()}). */
    public Dataset sign() {
        return map(DataArray::sign);
    }

    /** Every numeric data variable's elementwise rounding half to even, as NumPy ({@link DataArray#round()}). */
    public Dataset round() {
        return map(DataArray::round);
    }

    /**
     * Every numeric data variable's elementwise whether finite (neither NaN nor infinite), as booleans ({@link
     * DataArray#isfinite()}).
     */
    public Dataset isfinite() {
        return map(DataArray::isfinite);
    }

    /** Every numeric data variable's elementwise whether infinite, as booleans ({@link DataArray#isinf()}). */
    public Dataset isinf() {
        return map(DataArray::isinf);
    }

    /** Every numeric data variable's elementwise whether NaN (missing), as booleans ({@link DataArray#isnull()}). */
    public Dataset isnull() {
        return map(DataArray::isnull);
    }

    /** Every numeric data variable's elementwise whether not NaN, as booleans ({@link DataArray#notnull()}). */
    public Dataset notnull() {
        return map(DataArray::notnull);
    }

    /** Data variables of both, by name, aligned and broadcast; variables in only one are dropped. */
    public Dataset subtract(Dataset other) {
        return binary(other, DataArray::subtract);
    }

    /** The sum of the data variables the two datasets share, aligned on labels (inner join). */
    public Dataset add(Dataset other) {
        return binary(other, DataArray::add);
    }

    private Dataset binary(Dataset other, BinaryOperator<DataArray> op) {
        Map<String, DataArray> out = new LinkedHashMap<>();
        for (String n : dataVarNames()) {
            if (other.dataVarNames().contains(n)) {
                out.put(n, op.apply(get(n), other.get(n)));
            }
        }
        return of(out).withAttrs(attrs);
    }

    /** Computes every lazy variable (on the current scheduler) and returns a dataset holding the values. */
    public Dataset compute() {
        List<String> numeric = variables.entrySet().stream().filter(e -> !e.getValue().isLabels()).map(Map.Entry::getKey)
                .toList();
        // one graph for all: tasks the variables share (a dataset's mapBlocks, a common input) run once
        List<DenseArray> values = ChunkedArray.compute(numeric.stream()
                .map(n -> variables.get(n).array()).toArray(ChunkedArray[]::new));
        Map<String, Variable> out = new LinkedHashMap<>(variables);
        for (int i = 0; i < numeric.size(); i++) {
            out.put(numeric.get(i), variables.get(numeric.get(i)).holding(values.get(i)));
        }
        return new Dataset(out, coordNames, attrs, resources);
    }

    /** As {@link #compute()}: the values in memory (this dataset is immutable, so a new one is returned). */
    public Dataset load() {
        return compute();
    }

    /**
     * As {@link #compute()}, waiting at most {@code timeout} in all: past it the remaining tasks are
     * cancelled and an {@link IllegalStateException} says so.
     */
    public Dataset compute(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(n, v.load(Duration.ofNanos(deadline - System.nanoTime()))));
        return new Dataset(out, coordNames, attrs, resources);
    }

    /** Computes and keeps every lazy variable's blocks (see {@link DataArray#persist()}). */
    public Dataset persist() {
        return persist(Schedulers.current());
    }

    /** As {@link #persist()}, on {@code scheduler}. */
    @Override
    public Dataset persist(Scheduler scheduler) {
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(n, v.persist(scheduler)));
        return new Dataset(out, coordNames, attrs, resources);
    }

    /** Makes every numeric variable lazy with the given block size per dimension. */
    public Dataset chunk(Map<String, Long> chunks) {
        for (String dim : chunks.keySet()) {
            requireDim(dim);
        }
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(n, coordNames.contains(n) ? v : v.chunk(chunks)));
        return new Dataset(out, coordNames, attrs, resources);
    }

    // ---- structure --------------------------------------------------------------------------

    /** The same variables with the dataset attributes replaced. */
    public Dataset withAttrs(Map<String, ?> newAttrs) {
        return new Dataset(variables, coordNames, newAttrs, resources);
    }

    /** Adds or replaces a data variable. */
    public Dataset assign(String name, DataArray array) {
        Map<String, Variable> out = new LinkedHashMap<>(variables);
        Set<String> coords = new LinkedHashSet<>(coordNames);
        out.put(name, array.variable());
        coords.remove(name);
        array.coordVariables().forEach((n, c) -> {
            if (!out.containsKey(n)) {
                out.put(n, c);
                coords.add(n);
            }
        });
        return new Dataset(out, coords, attrs, resources);
    }

    /**
     * Applies {@code function} to each block of this dataset (every variable cut to the block, as a Dataset
     * with its coordinates), as xarray's {@code Dataset.map_blocks}: one task per block, and the result shaped
     * like this dataset. Lazy.
     */
    public Dataset mapBlocks(DatasetBlockMapper function) {
        return mapBlocks(function, this);
    }

    /**
     * As {@link #mapBlocks(DatasetBlockMapper)}, with the result's data variables, dims, chunks, attributes and
     * coordinates given by {@code template} (chunked where a block changes a dimension's length).
     */
    public Dataset mapBlocks(DatasetBlockMapper function, Dataset template) {
        return DatasetBlocks.map(this, function, template);
    }

    /** Adds or replaces coordinates (by name), as xarray's {@code assign_coords}. */
    public Dataset assignCoords(Map<String, Variable> newCoords) {
        Map<String, Variable> out = new LinkedHashMap<>(variables);
        Set<String> coords = new LinkedHashSet<>(coordNames);
        out.putAll(newCoords);
        coords.addAll(newCoords.keySet());
        return new Dataset(out, coords, attrs, resources);
    }

    /** Drops variables (data or coordinates) by name. */
    public Dataset drop(String... names) {
        Map<String, Variable> out = new LinkedHashMap<>(variables);
        Set<String> coords = new LinkedHashSet<>(coordNames);
        for (String n : names) {
            if (out.remove(n) == null) {
                throw new LabelNotFoundException("No variable '" + n + "' to drop; variables are " + variables.keySet());
            }
            coords.remove(n);
        }
        return new Dataset(out, coords, attrs, resources);
    }

    /** Renames variables and dimensions (old → new). */
    public Dataset rename(Map<String, String> names) {
        Map<String, Variable> out = new LinkedHashMap<>();
        variables.forEach((n, v) -> out.put(names.getOrDefault(n, n), DataArray.renameDims(v, names)));
        Set<String> coords = new LinkedHashSet<>();
        coordNames.forEach(c -> coords.add(names.getOrDefault(c, c)));
        return new Dataset(out, coords, attrs, resources);
    }

    /** Makes variables coordinates. */
    public Dataset setCoords(String... names) {
        Set<String> coords = new LinkedHashSet<>(coordNames);
        for (String n : names) {
            if (!variables.containsKey(n)) {
                throw new LabelNotFoundException("No variable '" + n + "'; variables are " + variables.keySet());
            }
            coords.add(n);
        }
        return new Dataset(variables, coords, attrs, resources);
    }

    /**
     * Merges datasets as xarray's {@code merge} with its defaults: indexes outer-joined (labels a dataset lacks
     * are NaN), and variables of one name must agree wherever both have values ({@link Compat#NO_CONFLICTS});
     * missing values are filled from the others. Attributes are the first dataset's.
     */
    public static Dataset merge(List<Dataset> datasets) {
        return merge(datasets, Compat.NO_CONFLICTS, Join.OUTER);
    }

    /** Merges with indexes aligned by {@code join} and variables of one name compared by {@code compat}. */
    public static Dataset merge(List<Dataset> datasets, Compat compat, Join join) {
        return Merging.merge(datasets, compat, join);
    }

    /**
     * Joins datasets along an existing dimension, or a new one in front, as xarray's {@code concat} with its
     * defaults ({@link ConcatOptions#defaults()}): every data variable is joined (one without the dimension
     * gets it), coordinates that differ are joined, other dimensions are outer-joined first.
     */
    public static Dataset concat(List<Dataset> datasets, String dim) {
        return concat(datasets, dim, ConcatOptions.defaults());
    }

    /** Joins datasets along {@code dim} with the variables, compat and join {@code options} say. */
    public static Dataset concat(List<Dataset> datasets, String dim, ConcatOptions options) {
        return Merging.concat(datasets, dim, options);
    }

    /** Orders datasets by their coordinate labels along the dimension where they differ and joins them. */
    public static Dataset combineByCoords(List<Dataset> datasets) {
        return Combine.combineByCoords(datasets);
    }

    /**
     * Writes the dataset to a NetCDF file through the NetCDF backend (module io-netcdf): NETCDF4 as xarray,
     * or NETCDF3_64BIT where the netCDF C library is not installed (as xarray falls back to scipy).
     */
    public void toNetcdf(Path path) {
        Backends.writer(path).write(this, path);
    }

    /**
     * Writes the dataset as {@code options} say: the format ("NETCDF4", "NETCDF4_CLASSIC", "NETCDF3_64BIT",
     * "NETCDF3_CLASSIC"), per-variable encodings with xarray's keys (merged over each variable's own
     * encoding), unlimited dimensions. Lazy data is computed and written slab by slab; the file appears
     * whole or not at all. An encoding for a variable the dataset does not have is refused.
     */
    public void toNetcdf(Path path, WriteOptions options) {
        Backends.writer(path).write(withEncodings(options), path, options);
    }

    /**
     * Writes the dataset to a Zarr store (a local folder; v2, created new, each variable chunked as its
     * blocks, blosc-lz4 as xarray's default) through module io-zarr; every task writes its own chunks.
     */
    public void toZarr(Path store) {
        toZarr(store, WriteOptions.defaults());
    }

    /**
     * Writes to a Zarr store as {@code options} say: Zarr format 2 or 3, mode "w-"/"w"/"a", an append
     * dimension or a region, encodings with xarray's zarr keys (chunks, compressor, filters, codecs, dtype,
     * _FillValue, scale_factor, add_offset, units, calendar). Metadata is written after the chunks, so a
     * failed write leaves no store that looks whole.
     */
    public void toZarr(Path store, WriteOptions options) {
        Backends.named("zarr").write(withEncodings(options), store, options);
    }

    /** Writes to a Zarr store at a URI: {@code file:} or {@code s3://bucket/key}. */
    public void toZarr(URI store) {
        toZarr(store, WriteOptions.defaults());
    }

    /** Writes to a Zarr store at a URI ({@code file:}, {@code s3://…}) with the given options (module io-zarr). */
    public void toZarr(URI store, WriteOptions options) {
        if ("file".equals(store.getScheme())) {
            toZarr(Path.of(store), options);
        } else {
            Backends.named("zarr").write(withEncodings(options), store, options);
        }
    }

    /** This dataset with the encodings {@code options} give merged over each variable's own. */
    private Dataset withEncodings(WriteOptions options) {
        for (String name : options.encodings().keySet()) {
            if (!variables.containsKey(name)) {
                throw new IllegalArgumentException("An encoding was given for '" + name + "', which is not in this"
                        + " dataset; its variables are " + variables.keySet());
            }
        }
        Map<String, Variable> encoded = new LinkedHashMap<>();
        variables.forEach((n, v) -> {
            Map<String, Object> extra = options.encodings().get(n);
            if (extra == null) {
                encoded.put(n, v);
            } else {
                Map<String, Object> merged = new LinkedHashMap<>(v.encoding());
                merged.putAll(extra);
                encoded.put(n, v.withEncoding(merged));
            }
        });
        return new Dataset(encoded, coordNames, attrs, List.of());
    }

    /** Releases the files this dataset was opened from. Idempotent. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Closing the dataset's resources failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** xarray's text repr. */
    @Override
    public String toString() {
        return Repr.dataset(this);
    }

    /**
     * An HTML repr for notebooks, as xarray's: collapsible sections of dimensions, coordinates, data variables,
     * indexes and attributes; each variable opens onto its attributes and data (chunked data as dask draws
     * it). Computes nothing.
     */
    public String toHtml() {
        return HtmlRepr.dataset(this);
    }
}
