package org.lazuli.io.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.TimeUnits;

/**
 * CF decoding with xarray's rules (2023.01, the version our reference values come from): masking
 * _FillValue and missing_value promotes integers to float32 (8- and 16-bit) or float64; unpacking
 * with scale_factor/add_offset then uses float32 for float32 (or masked 16-bit) data, else float64
 * when there is an add_offset. valid_range/valid_min/valid_max stay attributes, as in xarray. The
 * attributes used move to the variable's encoding, for writing back. Shared by the NetCDF and Zarr
 * backends, so that a variable decodes alike from either.
 */
public final class CfDecoding {
    private CfDecoding() {
    }

    /** Replaces _FillValue and missing_value with NaN (lazily). */
    public static ChunkedArray mask(ChunkedArray raw, Map<String, Object> attrs, Map<String, Object> encoding, boolean unsigned,
                             int fileItemSize) {
        List<Double> fills = new ArrayList<>();
        for (String key : List.of("_FillValue", "missing_value")) {
            Object value = attrs.remove(key);
            if (value != null) {
                encoding.put(key, unsigned ? unsignedValue(value) : value);
                for (double v : numbers(value, unsigned)) {
                    double cast = castTo(raw.dtype(), v);
                    if (!fills.contains(cast) && !Double.isNaN(cast)) {
                        fills.add(cast);
                    }
                }
            }
        }
        boolean anyFill = encoding.containsKey("_FillValue") || encoding.containsKey("missing_value");
        if (!anyFill) {
            return raw;
        }
        // the file's item size decides (uint16 is held as int32 but promotes like a 16-bit integer)
        DType promoted = raw.dtype().isFloat() ? raw.dtype() : fileItemSize <= 2 ? DType.FLOAT32 : DType.FLOAT64;
        ChunkedArray data = raw.astype(promoted);
        if (fills.isEmpty()) {
            return data;
        }
        ChunkedArray isFill = null;
        for (double fill : fills) {
            ChunkedArray test = raw.dtype().isFloat() ? raw.eq(fill) : raw.astype(DType.FLOAT64).eq(fill);
            isFill = isFill == null ? test : isFill.or(test);
        }
        return ChunkedArray.where(isFill, Double.NaN, data);
    }

    /** An attribute of an unsigned variable, read as unsigned (255 rather than -1). */
    private static Object unsignedValue(Object value) {
        if (value instanceof Byte b) {
            return (short) (b & 0xFF);
        }
        if (value instanceof Short s) {
            return s & 0xFFFF;
        }
        if (value instanceof Integer i) {
            return i & 0xFFFFFFFFL;
        }
        return value;
    }

    /** The fill value as the data's type would hold it (xarray casts fills to the data dtype). */
    private static double castTo(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> (float) value;
            case FLOAT64 -> value;
            default -> Double.isFinite(value) ? (double) (long) value : value;
        };
    }

    /** Applies scale_factor and add_offset. */
    public static ChunkedArray scale(ChunkedArray data, Map<String, Object> attrs, Map<String, Object> encoding) {
        Object scale = attrs.remove("scale_factor");
        Object offset = attrs.remove("add_offset");
        if (scale == null && offset == null) {
            return data;
        }
        if (scale != null) {
            encoding.put("scale_factor", scale);
        }
        if (offset != null) {
            encoding.put("add_offset", offset);
        }
        DType in = data.dtype();
        DType out;
        if (in.isFloat() && in.itemSize() <= 4) {
            out = DType.FLOAT32;
        } else if (!in.isFloat() && in.itemSize() <= 2 && offset == null) {
            out = DType.FLOAT32;
        } else {
            out = DType.FLOAT64;
        }
        ChunkedArray result = data.astype(out);
        double[] scales = numbers(scale, false);
        double[] offsets = numbers(offset, false);
        if (scales.length > 0) {
            result = result.multiply(scales[0]);
        }
        if (offsets.length > 0) {
            result = result.add(offsets[0]);
        }
        return result;
    }

    /** Decodes CF time values (read now) to dates; masked values become null. */
    public static Variable decodeTime(ChunkedArray data, List<String> dims, Map<String, Object> attrs,
                               Map<String, Object> encoding, Map<String, Object> timeAttrs, String name, String path) {
        String units = (String) timeAttrs.get("units");
        Object calendarAttr = timeAttrs.get("calendar");
        Calendar calendar;
        TimeUnits timeUnits;
        try {
            calendar = Calendar.of(calendarAttr instanceof String s ? s : null);
            timeUnits = TimeUnits.parse(units, calendar);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot decode the times of '" + name + "' in " + path + ": " + e.getMessage()
                    + "; open with decodeTimes=false to keep the numbers", e);
        }
        DenseArray values = data.astype(DType.FLOAT64).compute();
        double[] numbers = values.toDoubleArray();
        Object[] dates = new Object[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            if (!Double.isNaN(numbers[i])) {
                try {
                    dates[i] = timeUnits.decode(numbers[i]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Cannot decode the time value " + numbers[i] + " of '" + name
                            + "' in " + path + ": " + e.getMessage() + "; open with decodeTimes=false", e);
                }
            }
        }
        if (calendar == Calendar.STANDARD) {
            for (Object d : dates) {
                if (d instanceof CalendarDate date && date.year() < 1) {
                    throw new IllegalArgumentException("Cannot decode the times of '" + name + "' in " + path + ": year "
                            + date.year() + " does not exist in the standard calendar; open with decodeTimes=false");
                }
            }
        }
        Map<String, Object> newAttrs = new LinkedHashMap<>(attrs);
        Map<String, Object> newEncoding = new LinkedHashMap<>(encoding);
        newEncoding.put("units", units);
        newAttrs.remove("units");
        if (calendarAttr != null) {
            newEncoding.put("calendar", calendarAttr);
            newAttrs.remove("calendar");
        }
        return Variable.labels(dims, values.shape(), dates, newAttrs).withEncoding(newEncoding);
    }

    /**
     * Decodes timedeltas (units a bare time unit, {@link TimeUnits#durationUnitNanos}) to
     * {@link java.time.Duration}s rounded to the nanosecond, as xarray's {@code timedelta64[ns]}; masked
     * values become null. The units move to the encoding, so that writing gives back the numbers.
     */
    public static Variable decodeTimedelta(ChunkedArray data, List<String> dims, Map<String, Object> attrs,
                                           Map<String, Object> encoding, String name, String path) {
        String units = (String) attrs.get("units");
        long nanosPerUnit = TimeUnits.durationUnitNanos(units);
        DenseArray values = data.astype(DType.FLOAT64).compute();
        double[] numbers = values.toDoubleArray();
        Object[] durations = new Object[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            if (!Double.isNaN(numbers[i])) {
                double nanos = Math.rint(numbers[i] * nanosPerUnit);
                if (Math.abs(nanos) >= 0x1p63) {
                    throw new IllegalArgumentException("Cannot decode the timedelta " + numbers[i] + " " + units + " of '"
                            + name + "' in " + path + ": it is beyond 292 years in nanoseconds; open with"
                            + " decodeTimedelta=false to keep the numbers");
                }
                durations[i] = Duration.ofNanos((long) nanos);
            }
        }
        Map<String, Object> newAttrs = new LinkedHashMap<>(attrs);
        Map<String, Object> newEncoding = new LinkedHashMap<>(encoding);
        newEncoding.put("units", units);
        newAttrs.remove("units");
        return Variable.labels(dims, values.shape(), durations, newAttrs).withEncoding(newEncoding);
    }

    /** Timedeltas as numbers of {@code units}; NaN where a value is missing. */
    public record EncodedTimedelta(String units, double[] values) {
        public boolean missing() {
            return Arrays.stream(values).anyMatch(Double::isNaN);
        }

        public boolean integral() {
            return Arrays.stream(values).allMatch(v -> Double.isNaN(v) || v == Math.rint(v));
        }
    }

    /**
     * Encodes {@link java.time.Duration} labels in the encoding's units, else the largest unit that holds every
     * value whole (xarray's {@code infer_timedelta_units}: days, hours, minutes, seconds, … nanoseconds).
     */
    public static EncodedTimedelta encodeTimedelta(Object[] durations, Map<String, Object> encoding) {
        String units = encoding.get("units") instanceof String u && TimeUnits.durationUnitNanos(u) > 0 ? u : null;
        if (units == null) {
            for (String candidate : List.of("days", "hours", "minutes", "seconds", "milliseconds", "microseconds",
                    "nanoseconds")) {
                long unit = TimeUnits.durationUnitNanos(candidate);
                boolean whole = Arrays.stream(durations)
                        .allMatch(d -> d == null || ((Duration) d).toNanos() % unit == 0);
                if (whole) {
                    units = candidate;
                    break;
                }
            }
        }
        double unitNanos = TimeUnits.durationUnitNanos(units);
        double[] values = new double[durations.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = durations[i] instanceof Duration d ? d.toNanos() / unitNanos : Double.NaN;
        }
        return new EncodedTimedelta(units, values);
    }

    /** Whether a variable holds decoded timedeltas. */
    public static boolean holdsDurations(Variable v) {
        return v.isLabels() && v.labelValues().stream().anyMatch(l -> l instanceof Duration);
    }

    /**
     * Turns every variable's CF "coordinates" attribute into coordinates (xarray's decode_coords): the
     * names it lists that are variables join {@code coordNames}, and the attribute moves to the encoding.
     */
    public static void decodeCoordinates(Map<String, Variable> variables, Set<String> coordNames) {
        for (Map.Entry<String, Variable> e : new ArrayList<>(variables.entrySet())) {
            if (e.getValue().attrs().get("coordinates") instanceof String names) {
                boolean any = false;
                for (String c : names.trim().split("\\s+")) {
                    if (variables.containsKey(c)) {
                        coordNames.add(c);
                        any = true;
                    }
                }
                if (any) {
                    Map<String, Object> attrs = new LinkedHashMap<>(e.getValue().attrs());
                    Map<String, Object> encoding = new LinkedHashMap<>(e.getValue().encoding());
                    encoding.put("coordinates", attrs.remove("coordinates"));
                    variables.put(e.getKey(), e.getValue().withAttrs(attrs).withEncoding(encoding));
                }
            }
        }
    }

    /** The numbers of an attribute value (a number, a list of numbers or a primitive array); none otherwise. */
    public static double[] numbers(Object value, boolean unsigned) {
        if (value instanceof Number n) {
            return new double[] {unsignedValue(n, unsigned)};
        }
        if (value instanceof List<?> list && list.stream().allMatch(x -> x instanceof Number)) {
            return list.stream().mapToDouble(x -> unsignedValue((Number) x, unsigned)).toArray();   // xarray-style [1, 180, 360]
        }
        if (value instanceof double[] a) {
            return a.clone();
        }
        if (value instanceof float[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (value instanceof int[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFFFFFFFFL : a[i];
            }
            return out;
        }
        if (value instanceof short[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFFFF : a[i];
            }
            return out;
        }
        if (value instanceof byte[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFF : a[i];
            }
            return out;
        }
        if (value instanceof long[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        return new double[0];
    }

    private static double unsignedValue(Number n, boolean unsigned) {
        if (!unsigned) {
            return n.doubleValue();
        }
        if (n instanceof Byte b) {
            return b & 0xFF;
        }
        if (n instanceof Short s) {
            return s & 0xFFFF;
        }
        if (n instanceof Integer i) {
            return i & 0xFFFFFFFFL;
        }
        return n.doubleValue();
    }
}
