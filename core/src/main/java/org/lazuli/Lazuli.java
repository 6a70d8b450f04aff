package org.lazuli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lazuli.io.spi.Backends;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.ApplyUfunc;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Join;
import org.lazuli.labelled.LabelNotFoundException;
import org.lazuli.labelled.ReduceArgs;
import org.lazuli.labelled.Reductions;
import org.lazuli.labelled.Ufunc;
import org.lazuli.labelled.UfuncOptions;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.DatePeriod;
import org.lazuli.time.Frequency;

/**
 * Entry point: opening datasets through the backends on the class path (the NetCDF backend lives in
 * module io-netcdf).
 *
 * <pre>{@code
 * try (Dataset ds = Lazuli.openDataset(Path.of("monthly_navy_winds.cdf"), Map.of("TIME", 12))) {
 *     DataArray u = ds.get("UWND");
 * }
 * }</pre>
 */
public final class Lazuli {
    private Lazuli() {
    }

    /** Opens a dataset: metadata now; values are read (only the selected hyperslab) when asked for. */
    public static Dataset openDataset(Path path) {
        return openDataset(path, OpenOptions.defaults());
    }

    /**
     * Opens a dataset as chunked (lazy) arrays: block size per dimension, -1 for a whole dimension.
     * A dimension the file does not have is an error (a misspelt name would silently leave its
     * dimension in one block).
     */
    public static Dataset openDataset(Path path, Map<String, Integer> chunks) {
        return openDataset(path, OpenOptions.defaults().withChunks(chunks));
    }

    public static Dataset openDataset(Path path, OpenOptions options) {
        return checkChunkedDims(Backends.reader(path).open(path, options), options, String.valueOf(path.getFileName()));
    }

    /**
     * Opens a Zarr store (v2 or v3, a local folder) lazily, each variable chunked as the store is
     * (xarray's {@code open_zarr}); needs the lazuli-io-zarr module.
     */
    public static Dataset openZarr(Path store) {
        return openZarr(store, OpenOptions.defaults().withChunks(Map.of()));
    }

    /** Opens a Zarr store with block sizes per dimension (-1 a whole dimension; others as the store's chunks). */
    public static Dataset openZarr(Path store, Map<String, Integer> chunks) {
        return openZarr(store, OpenOptions.defaults().withChunks(chunks));
    }

    public static Dataset openZarr(Path store, OpenOptions options) {
        return checkChunkedDims(Backends.named("zarr").open(store, options), options, String.valueOf(store.getFileName()));
    }

    /** Opens a Zarr store at a URI: {@code file:}, {@code http(s):} (read only) or {@code s3://bucket/key}. */
    public static Dataset openZarr(URI store) {
        return openZarr(store, OpenOptions.defaults().withChunks(Map.of()));
    }

    public static Dataset openZarr(URI store, Map<String, Integer> chunks) {
        return openZarr(store, OpenOptions.defaults().withChunks(chunks));
    }

    public static Dataset openZarr(URI store, OpenOptions options) {
        if ("file".equals(store.getScheme())) {
            return openZarr(Path.of(store), options);
        }
        return checkChunkedDims(Backends.named("zarr").open(store, options), options, store.toString());
    }

    /** A dimension asked to be chunked that the dataset lacks is an error (a misspelt name would go unnoticed). */
    private static Dataset checkChunkedDims(Dataset dataset, OpenOptions options, String source) {
        if (options.chunks() != null) {
            for (String dim : options.chunks().keySet()) {
                if (!dataset.sizes().containsKey(dim)) {
                    dataset.close();
                    throw LabelNotFoundException.missingDimension(dim, dataset.sizes(), source
                            + ", so it cannot be chunked");
                }
            }
        }
        return dataset;
    }

    /**
     * Opens many files as one dataset (xarray's {@code open_mfdataset}): their metadata is read in
     * parallel, then they are joined along {@code options.concatDim()} or, when none is given, ordered
     * by their coordinates and joined where they differ.
     */
    public static Dataset openMfDataset(List<Path> paths, MultiFileOptions options) {
        return MultiFile.open(paths, options);
    }

    /** Opens the files matching a glob ("data/tas_*.nc"), sorted by name. */
    public static Dataset openMfDataset(String glob, MultiFileOptions options) {
        return MultiFile.open(MultiFile.expand(glob), options);
    }

    // ---- dates --------------------------------------------------------------------------------

    /** Longest range dateRange makes: past it a frequency is far finer than any axis it labels. */
    private static final int MAX_DATES = 10_000_000;

    /**
     * {@code periods} dates from {@code start} ("2000-01-01", "2000-01-01T06:00") at {@code frequency}
     * ("D", "6h", "MS", "ME", "QS-DEC", "YS", "YE", with multiples: "3MS") in the CF {@code calendar}, as
     * xarray's {@code cftime_range}: an anchored frequency starts at its first anchor on or after
     * {@code start}. For a time coordinate: {@code Variable.labels("time", dates, attrs)}.
     */
    public static List<CalendarDate> dateRange(String start, int periods, String frequency, String calendar) {
        if (periods < 0 || periods > MAX_DATES) {
            throw new IllegalArgumentException("dateRange makes 0 to " + MAX_DATES + " dates, not " + periods);
        }
        Frequency step = Frequency.parse(frequency);
        CalendarDate date = step.rollForward(DatePeriod.parse(start, Calendar.of(calendar)).start());
        List<CalendarDate> dates = new ArrayList<>(periods);
        for (int i = 0; i < periods; i++) {
            dates.add(date);
            date = step.next(date);
        }
        return dates;
    }

    /** The dates at {@code frequency} from {@code start} to {@code end}, both included when they fall on it. */
    public static List<CalendarDate> dateRange(String start, String end, String frequency, String calendar) {
        Frequency step = Frequency.parse(frequency);
        Calendar cf = Calendar.of(calendar);
        CalendarDate last = DatePeriod.parse(end, cf).start();
        List<CalendarDate> dates = new ArrayList<>();
        for (CalendarDate date = step.rollForward(DatePeriod.parse(start, cf).start()); date.compareTo(last) <= 0;
                date = step.next(date)) {
            if (dates.size() == MAX_DATES) {
                throw new IllegalArgumentException("dateRange from " + start + " to " + end + " at " + frequency
                        + " makes more than " + MAX_DATES + " dates; use a coarser frequency");
            }
            dates.add(date);
        }
        return dates;
    }

    // ---- statistics of two arrays, as xarray's top-level functions -------------------------------

    /**
     * The covariance of {@code a} and {@code b} along {@code dims} (all when none given), as xarray's
     * {@code xr.cov}: the arrays are aligned (inner join) and broadcast, a position missing in either is left
     * out of both, and the sum of products of deviations is divided by the pairs present minus 1. Lazy.
     */
    public static DataArray cov(DataArray a, DataArray b, String... dims) {
        return cov(a, b, 1, dims);
    }

    /** The covariance with {@code ddof} delta degrees of freedom (the divisor is the pairs present minus ddof). */
    public static DataArray cov(DataArray a, DataArray b, int ddof, String... dims) {
        DataArray[] pairs = pairsPresent(a, b);
        DataArray x = pairs[0];
        DataArray y = pairs[1];
        DataArray products = x.subtract(x.mean(dims)).multiply(y.subtract(y.mean(dims)));
        DataArray sum = products.reduce(Reductions.Kind.SUM, ReduceArgs.defaults().withMinCount(1), dims);
        return sum.divide(x.count(dims).subtract(ddof));
    }

    /**
     * Pearson's correlation of {@code a} and {@code b} along {@code dims} (all when none given), as xarray's
     * {@code xr.corr}: the covariance of the pairs present over the product of their standard deviations.
     */
    public static DataArray corr(DataArray a, DataArray b, String... dims) {
        DataArray[] pairs = pairsPresent(a, b);
        return cov(pairs[0], pairs[1], 0, dims).divide(pairs[0].std(dims).multiply(pairs[1].std(dims)));
    }

    /**
     * The sum of products over {@code dims} (by default the dimensions both arrays have), as xarray's
     * {@code xr.dot}: the arrays broadcast by name, and a NaN makes its sums NaN. Lazy.
     */
    public static DataArray dot(DataArray a, DataArray b, String... dims) {
        String[] over = dims;
        if (dims.length == 0) {
            over = a.dims().stream().filter(b.dims()::contains).toArray(String[]::new);
        }
        for (String dim : over) {
            if (!a.dims().contains(dim) && !b.dims().contains(dim)) {
                throw new IllegalArgumentException("dot over '" + dim + "', which neither array has; their dimensions"
                        + " are " + a.dims() + " and " + b.dims());
            }
        }
        return a.multiply(b).reduce(Reductions.Kind.SUM, ReduceArgs.defaults().withSkipNa(false), over);
    }

    /**
     * The polynomial with {@code coefficients} (along {@code degree}, as {@code polyfit} gives them) at the
     * values of {@code coord} (numbers, or dates as nanoseconds since 1970-01-01 of their calendar), as
     * xarray's {@code xr.polyval}. Lazy.
     */
    public static DataArray polyval(DataArray coord, DataArray coefficients) {
        return DataArray.polyval(coord, coefficients);
    }

    /**
     * Applies {@code function} to the blocks of {@code arguments}, as xarray's {@code apply_ufunc} with
     * {@code dask="parallelized"}: aligned and broadcast by name, each argument's core dimensions last and
     * whole, the function once per block (or per point with {@code withVectorize(true)}), lazy when an
     * argument is. For example, the range along time at every point:
     * <pre>{@code
     * DataArray range = Lazuli.applyUfunc(blocks -> maxMinusMin(blocks.get(0)), List.of(tas),
     *         UfuncOptions.defaults().withInputCoreDims(List.of("time")));
     * }</pre>
     */
    public static DataArray applyUfunc(Ufunc function, List<DataArray> arguments, UfuncOptions options) {
        return ApplyUfunc.apply(function, arguments, options);
    }

    /** Both arrays aligned (inner join), each NaN where either is missing, as xarray's _cov_corr. */
    private static DataArray[] pairsPresent(DataArray a, DataArray b) {
        List<DataArray> aligned = DataArray.align(Join.INNER, a, b);
        DataArray x = aligned.get(0);
        DataArray y = aligned.get(1);
        return new DataArray[] {x.where(y.notnull()), y.where(x.notnull())};
    }
}
