package org.lazuli.labelled;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.Chunks;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.TimeUnits;

/**
 * Named dimensions over data, with attributes and encoding (xarray's {@code Variable}). Data is
 * numeric — eager (held in memory, operations compute at once) or lazy (a {@link ChunkedArray}:
 * operations build expressions and compute nothing) — or labels (strings or {@link CalendarDate}s,
 * always in memory, used for coordinates).
 *
 * <p>Immutable: every operation returns a new variable. Attributes are user metadata (units,
 * long_name …); encoding is how the values were or will be stored (_FillValue, scale_factor, units
 * of time …).
 */
public final class Variable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> dims;
    private final VariableData data;
    private final Map<String, Object> attrs;
    private final Map<String, Object> encoding;

    private Variable(List<String> dims, VariableData data, Map<String, Object> attrs, Map<String, Object> encoding) {
        this.dims = List.copyOf(dims);
        this.data = data;
        this.attrs = ValueMap.of(attrs);
        this.encoding = ValueMap.of(encoding);
        long[] shape = shape();
        if (shape.length != this.dims.size()) {
            throw new IllegalArgumentException("Dimensions " + this.dims + " do not match data of shape "
                    + Arrays.toString(shape) + "; give one name per axis");
        }
        if (this.dims.stream().distinct().count() != this.dims.size()) {
            throw new IllegalArgumentException("Dimension names must be distinct, got " + this.dims);
        }
    }

    /** Eager numeric data. */
    public static Variable of(List<String> dims, DenseArray data) {
        return of(dims, data, Map.of());
    }

    public static Variable of(List<String> dims, DenseArray data, Map<String, ?> attrs) {
        return new Variable(dims, VariableData.InMemory.of(data), copy(attrs), Map.of());
    }

    /** Lazy numeric data: nothing is computed until asked. */
    public static Variable lazy(List<String> dims, ChunkedArray data, Map<String, ?> attrs) {
        return new Variable(dims, new VariableData.Chunked(data), copy(attrs), Map.of());
    }

    /**
     * Data read on demand (xarray's lazily indexed arrays, without dask): selections read only the
     * selected part, and the first computation reads and holds the result, as eager data.
     */
    public static Variable onDemand(List<String> dims, ChunkedArray data, Map<String, ?> attrs, Map<String, ?> encoding) {
        return new Variable(dims, new VariableData.OnDemand(data), copy(attrs), copy(encoding));
    }

    /** Lazy (chunked) data with attributes and encoding. */
    public static Variable lazy(List<String> dims, ChunkedArray data, Map<String, ?> attrs, Map<String, ?> encoding) {
        return new Variable(dims, new VariableData.Chunked(data), copy(attrs), copy(encoding));
    }

    /** One-dimensional labels (strings or {@link CalendarDate}s). */
    public static Variable labels(String dim, List<?> values, Map<String, ?> attrs) {
        return labels(List.of(dim), new long[] {values.size()}, values.toArray(), attrs);
    }

    /** Labels of any shape, row-major. */
    public static Variable labels(List<String> dims, long[] shape, Object[] values, Map<String, ?> attrs) {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (size != values.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " holds " + size + " labels but "
                    + values.length + " were given");
        }
        for (Object value : values) {
            if (value != null && !(value instanceof String) && !(value instanceof CalendarDate)
                    && !(value instanceof StackedLabel) && !(value instanceof Duration)) {
                throw new IllegalArgumentException("Labels must be strings, CalendarDates, Durations or StackedLabels,"
                        + " got "
                        + value.getClass().getSimpleName() + "; numbers belong in a DenseArray");
            }
        }
        return new Variable(dims, new VariableData.Labels(shape.clone(), values.clone()), copy(attrs), Map.of());
    }

    /** The labels, or null for numbers. */
    private Object[] storedLabels() {
        return data instanceof VariableData.Labels l ? l.values() : null;
    }

    private long[] labelShape() {
        return ((VariableData.Labels) data).labelShape();
    }

    /** The numbers as a chunked array, or null for labels. */
    private ChunkedArray numbers() {
        return data.numbers();
    }

    private enum Kind { IN_MEMORY, ON_DEMAND, CHUNKED, LABELS }

    /** The data's kind, for switches (Java 17 has no pattern matching over the sealed kinds). */
    private Kind kind() {
        return data instanceof VariableData.InMemory ? Kind.IN_MEMORY : data instanceof VariableData.OnDemand
                ? Kind.ON_DEMAND : data instanceof VariableData.Chunked ? Kind.CHUNKED : Kind.LABELS;
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(Objects.requireNonNull(k), Objects.requireNonNull(v, "attribute " + k)));
        return out;
    }

    // ---- description ------------------------------------------------------------------------

    public List<String> dims() {
        return dims;
    }

    public long[] shape() {
        return data.shape();
    }

    /** Dimension name → length, in dimension order. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        long[] shape = shape();
        for (int i = 0; i < dims.size(); i++) {
            sizes.put(dims.get(i), shape[i]);
        }
        return Collections.unmodifiableMap(sizes);
    }

    public int ndim() {
        return dims.size();
    }

    public long size() {
        return Arrays.stream(shape()).reduce(1, (a, b) -> a * b);
    }

    public boolean isLabels() {
        return data instanceof VariableData.Labels;
    }

    /** Whether the data is chunked: operations build expressions and compute nothing (dask's arrays). */
    public boolean isLazy() {
        return data instanceof VariableData.Chunked;
    }

    /** The numeric dtype; labels have none. */
    public DType dtype() {
        if (isLabels()) {
            throw new IllegalStateException("This variable holds labels (" + labelKind() + "), not numbers");
        }
        return numbers().dtype();
    }

    /** The dtype as xarray prints it: "float64", "object" for labels. */
    public String dtypeName() {
        Object[] labels = storedLabels();
        if (labels != null) {
            String kind = labelKind();
            if (kind.equals("durations")) {
                return "timedelta64[ns]";
            }
            if (labels.length == 0 && encoding.get("units") instanceof String units && TimeUnits.isTimeUnit(units)) {
                // no dates to look at: the calendar they were decoded in says
                Object calendar = encoding.get("calendar");
                return calendar == null || Calendar.of(String.valueOf(calendar)) == Calendar.STANDARD
                        || Calendar.of(String.valueOf(calendar)) == Calendar.PROLEPTIC_GREGORIAN ? "datetime64[ns]" : "object";
            }
            return kind.equals("dates") && datetime64() ? "datetime64[ns]" : "object";
        }
        return numbers().dtype().numpyName();
    }

    /**
     * Whether xarray would hold these dates as NumPy's {@code datetime64[ns]}: a real-world calendar and years
     * within its range (1678 to 2261); cftime objects otherwise.
     */
    private boolean datetime64() {
        for (Object label : storedLabels()) {
            if (label instanceof CalendarDate d && ((d.calendar() != Calendar.STANDARD
                    && d.calendar() != Calendar.PROLEPTIC_GREGORIAN) || d.year() < 1678 || d.year() > 2261)) {
                return false;
            }
        }
        return true;
    }

    String labelKind() {
        for (Object label : storedLabels()) {
            if (label instanceof CalendarDate) {
                return "dates";
            }
            if (label instanceof StackedLabel) {
                return "stacked labels";
            }
            if (label instanceof Duration) {
                return "durations";
            }
        }
        return "strings";
    }

    public Map<String, Object> attrs() {
        return attrs;
    }

    public Map<String, Object> encoding() {
        return encoding;
    }

    /** Block sizes when lazy; empty when eager. */
    public Optional<Chunks> chunks() {
        return data instanceof VariableData.Chunked c ? Optional.of(c.array().chunks()) : Optional.empty();
    }

    public int axisOf(String dim) {
        int axis = dims.indexOf(dim);
        if (axis < 0) {
            throw new LabelNotFoundException("Dimension '" + dim + "' not found; this variable has dimensions " + dims);
        }
        return axis;
    }

    // ---- data -------------------------------------------------------------------------------

    /** The numeric data as a chunked array (eager data is one in-memory block). */
    public ChunkedArray array() {
        if (isLabels()) {
            throw new IllegalStateException("This variable holds labels (" + labelKind() + "), not numbers;"
                    + " use labelValues()");
        }
        return numbers();
    }

    /** The numeric values, computing them if lazy. */
    public DenseArray values() {
        return array().compute();
    }

    /** The labels, row-major. */
    public List<Object> labelValues() {
        if (!isLabels()) {
            throw new IllegalStateException("This variable holds numbers; use values()");
        }
        return Collections.unmodifiableList(Arrays.asList(storedLabels()));
    }

    Object[] labelArray() {
        return storedLabels();
    }

    // ---- new variables ----------------------------------------------------------------------

    public Variable withAttrs(Map<String, ?> newAttrs) {
        return new Variable(dims, data, copy(newAttrs), encoding);
    }

    public Variable withEncoding(Map<String, ?> newEncoding) {
        return new Variable(dims, data, attrs, copy(newEncoding));
    }

    public Variable withDims(List<String> newDims) {
        return new Variable(newDims, data, attrs, encoding);
    }

    /**
     * New numeric data under new dims: lazy stays lazy; eager data is computed now, as xarray computes
     * NumPy-backed operations at once.
     */
    Variable withArray(List<String> newDims, ChunkedArray result, boolean resultLazy, Map<String, Object> newAttrs) {
        VariableData resultData = resultLazy ? new VariableData.Chunked(result) : VariableData.InMemory.of(result.compute());
        return new Variable(newDims, resultData, newAttrs, Map.of());
    }

    Variable withArray(ChunkedArray result) {
        return withArray(dims, result, isLazy(), attrs);
    }

    /** Applies an array operation: lazy stays lazy, eager computes now; attributes are dropped (xarray's default). */
    Variable map(UnaryOperator<ChunkedArray> operation) {
        return withArray(dims, operation.apply(array()), isLazy(), Map.of());
    }

    /** An elementwise function of the values that keeps the attributes, as xarray's ufuncs keep them. */
    Variable mapKeepingAttrs(UnaryOperator<ChunkedArray> function) {
        return withArray(dims, function.apply(array()), isLazy(), attrs());
    }

    /** Computes the data (lazy, or read on demand) and holds it in memory. */
    public Variable load() {
        if (isLabels()) {
            return this;
        }
        return eager(numbers().compute());
    }

    /** The same variable holding {@code values} (its computed data) in memory. */
    Variable holding(DenseArray values) {
        return eager(values);
    }

    /** The same variable holding {@code values} in memory. */
    private Variable eager(DenseArray values) {
        return new Variable(dims, VariableData.InMemory.of(values), attrs, encoding);
    }

    /** As {@link #load()}, waiting at most {@code timeout} (see {@link ChunkedArray#compute(java.time.Duration)}). */
    public Variable load(Duration timeout) {
        if (isLabels()) {
            return this;
        }
        return eager(numbers().compute(timeout));
    }

    /**
     * Makes the data lazy with the given block size per dimension (-1: whole). Dimensions not named keep
     * their blocks when the data is already chunked and are whole otherwise, as xarray's {@code chunk}.
     */
    public Variable chunk(Map<String, Long> chunks) {
        if (isLabels()) {
            return this;
        }
        ChunkedArray array = numbers();
        long[][] blocks = new long[dims.size()][];
        long[][] current = array.chunks().sizes();
        for (int i = 0; i < blocks.length; i++) {
            Long size = chunks.get(dims.get(i));
            long length = shape()[i];
            blocks[i] = size == null && isLazy() ? current[i]
                    : regularBlocks(length, size == null || size < 0 ? length : size);
        }
        return new Variable(dims, new VariableData.Chunked(array.rechunk(blocks)), attrs, encoding);
    }

    private static long[] regularBlocks(long length, long size) {
        if (length == 0) {
            return new long[] {0};
        }
        if (size < 1) {
            throw new IllegalArgumentException("Block sizes must be at least 1 (or -1 for a whole dimension), got " + size);
        }
        long[] out = new long[(int) ((length + size - 1) / size)];
        for (int b = 0; b < out.length; b++) {
            out[b] = Math.min(size, length - b * size);
        }
        return out;
    }

    /** Computes and keeps the blocks (on the current default's cluster, or in memory), staying chunked. */
    public Variable persist() {
        return persist(Schedulers.current());
    }

    /** Computes the blocks on {@code scheduler} and keeps them where it keeps results, staying chunked. */
    public Variable persist(Scheduler scheduler) {
        if (!(data instanceof VariableData.Chunked chunked)) {
            return this;
        }
        return new Variable(dims, new VariableData.Chunked(chunked.array().persist(scheduler)), attrs, encoding);
    }

    // ---- positional selection ---------------------------------------------------------------

    /** Applies positional indexers (see {@link Indexer}) per dimension. */
    Variable isel(Map<String, Indexer> indexers) {
        Variable result = this;
        List<String> order = new ArrayList<>(dims);
        for (String dim : order) {
            Indexer indexer = indexers.get(dim);
            if (indexer != null) {
                result = result.iselOne(dim, indexer);
            }
        }
        return result;
    }

    private Variable iselOne(String dim, Indexer indexer) {
        int axis = axisOf(dim);
        if (isLabels()) {
            return selectLabels(axis, indexer);
        }
        ChunkedArray array = numbers();
        ChunkedArray selected;
        if (indexer instanceof Indexer.Single s) {
            selected = array.index(axis, s.position());
        } else if (indexer instanceof Indexer.Range r) {
            selected = r.count() == 0 ? array.slice(axis, 0, 0, 1) : array.slice(axis, r.start(), r.stop(), r.step());
        } else {
            selected = array.take(axis, ((Indexer.Positions) indexer).positions());
        }
        List<String> newDims = new ArrayList<>(dims);
        if (indexer instanceof Indexer.Single) {
            newDims.remove(axis);
        }
        // chunked and on-demand data stay as they are, selected; data in memory is selected at once
        VariableData result = data instanceof VariableData.Chunked ? new VariableData.Chunked(selected)
                : data instanceof VariableData.OnDemand ? new VariableData.OnDemand(selected)
                : VariableData.InMemory.of(selected.compute());
        return new Variable(newDims, result, attrs, encoding);
    }

    private Variable selectLabels(int axis, Indexer indexer) {
        Object[] labels = storedLabels();
        long[] labelShape = labelShape();
        long[] positions = indexer.positions(labelShape[axis]);
        long[] newShape = labelShape.clone();
        newShape[axis] = positions.length;
        long outer = 1;
        for (int k = 0; k < axis; k++) {
            outer *= labelShape[k];
        }
        long inner = 1;
        for (int k = axis + 1; k < labelShape.length; k++) {
            inner *= labelShape[k];
        }
        Object[] out = new Object[(int) (outer * positions.length * inner)];
        int o = 0;
        for (long a = 0; a < outer; a++) {
            for (long p : positions) {
                for (long i = 0; i < inner; i++) {
                    out[o++] = labels[(int) ((a * labelShape[axis] + p) * inner + i)];
                }
            }
        }
        List<String> newDims = new ArrayList<>(dims);
        if (indexer instanceof Indexer.Single) {
            newDims.remove(axis);
            newShape = IntStream.range(0, newShape.length).filter(k -> k != axis)
                    .mapToLong(k -> labelShape[k]).toArray();
        }
        return new Variable(newDims, new VariableData.Labels(newShape, out), attrs, encoding);
    }

    /** Reorders dimensions. */
    Variable transpose(List<String> order) {
        int[] perm = order.stream().mapToInt(this::axisOf).toArray();
        ChunkedArray transposed = isLabels() ? null : numbers().transpose(perm);
        VariableData result = switch (kind()) {
            case LABELS -> new VariableData.Labels(permutedShape(perm), permutedLabels(perm));
            case CHUNKED -> new VariableData.Chunked(transposed);
            case ON_DEMAND -> new VariableData.OnDemand(transposed);
            case IN_MEMORY -> new VariableData.InMemory(transposed);   // a view of the block, computed when read
        };
        return isLabels() && order.equals(dims) ? this : new Variable(order, result, attrs, encoding);
    }

    private long[] permutedShape(int[] perm) {
        long[] labelShape = labelShape();
        return Arrays.stream(perm).mapToLong(axis -> labelShape[axis]).toArray();
    }

    /** Labels in row-major order of the permuted axes (output axis k is input axis {@code perm[k]}). */
    private Object[] permutedLabels(int[] perm) {
        Object[] labels = storedLabels();
        long[] labelShape = labelShape();
        int nd = labelShape.length;
        long[] inputStrides = new long[nd];
        long stride = 1;
        for (int k = nd - 1; k >= 0; k--) {
            inputStrides[k] = stride;
            stride *= labelShape[k];
        }
        long[] outShape = permutedShape(perm);
        Object[] out = new Object[labels.length];
        long[] counter = new long[nd];
        for (int o = 0; o < out.length; o++) {
            long source = 0;
            for (int k = 0; k < nd; k++) {
                source += counter[k] * inputStrides[perm[k]];
            }
            out[o] = labels[(int) source];
            for (int k = nd - 1; k >= 0 && ++counter[k] == outShape[k]; k--) {
                counter[k] = 0;
            }
        }
        return out;
    }

    /**
     * The same elements, row-major, with the last {@code count} dimensions replaced by {@code newDims} of
     * {@code newSizes} (stack merges trailing dims into one, unstack splits one into several). Lazy stays
     * lazy; eager data is reshaped at once.
     */
    Variable reshapeTrailing(int count, List<String> newDims, long[] newSizes) {
        int kept = dims.size() - count;
        List<String> resultDims = new ArrayList<>(dims.subList(0, kept));
        resultDims.addAll(newDims);
        long[] shape = shape();
        long[] resultShape = new long[kept + newSizes.length];
        System.arraycopy(shape, 0, resultShape, 0, kept);
        System.arraycopy(newSizes, 0, resultShape, kept, newSizes.length);
        VariableData result = data instanceof VariableData.Labels l ? new VariableData.Labels(resultShape, l.values())
                : isLazy() ? new VariableData.Chunked(numbers().reshape(resultShape))
                : VariableData.InMemory.of(numbers().reshape(resultShape).compute());
        return new Variable(resultDims, result, attrs, encoding);
    }

    /** This variable repeated along a new last dimension {@code dim} of {@code length} (a broadcast). */
    Variable expandLast(String dim, long length) {
        List<String> expandedDims = new ArrayList<>(dims);
        expandedDims.add(dim);
        long[] shape = Arrays.copyOf(shape(), dims.size() + 1);
        shape[dims.size()] = 1;
        ChunkedArray expanded = isLabels() ? null : numbers().expandDims(dims.size());
        VariableData result = switch (kind()) {
            case LABELS -> new VariableData.Labels(shape, storedLabels());
            case CHUNKED -> new VariableData.Chunked(expanded);
            case ON_DEMAND -> new VariableData.OnDemand(expanded);
            case IN_MEMORY -> new VariableData.InMemory(expanded);
        };
        Variable single = new Variable(expandedDims, result, attrs, encoding);
        return single.iselOne(dim, new Indexer.Positions(new long[(int) length]));
    }

    /** Whether both hold the same values (computes lazy data). */
    boolean sameValues(Variable other) {
        if (!dims.equals(other.dims) || !Arrays.equals(shape(), other.shape()) || isLabels() != other.isLabels()) {
            return false;
        }
        if (isLabels()) {
            return Arrays.equals(storedLabels(), other.storedLabels());
        }
        if (numbers().name().equals(other.numbers().name())) {
            return true;
        }
        double[] a = values().toDoubleArray();
        double[] b = other.values().toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] == b[i] || (Double.isNaN(a[i]) && Double.isNaN(b[i])))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return Repr.variable(this);
    }
}
