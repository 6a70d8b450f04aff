package org.lazuli.labelled;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.lazuli.array.DenseArray;
import org.lazuli.time.CalendarDate;

/**
 * The parts of the dates of a DataArray of dates (a time coordinate), as xarray's {@code .dt}: each is a
 * DataArray of the same dimensions and coordinates, named after the part ({@code month},
 * {@code dayofyear}), in every CF calendar (cftime's conventions for the idealised ones). Dates are held
 * in memory as labels, so the parts are computed at once.
 *
 * <pre>{@code
 * DataArray months = ds.get("tas").coords().get("time").dt().month();
 * DataArray daily = time.dt().floor("D");
 * }</pre>
 */
public final class DatetimeAccessor {
    /** Fixed frequencies floor, ceil and round accept, as pandas aliases, in microseconds. */
    private static final Map<String, Long> FREQUENCIES = Map.ofEntries(Map.entry("D", 86_400_000_000L),
            Map.entry("h", 3_600_000_000L), Map.entry("H", 3_600_000_000L), Map.entry("min", 60_000_000L),
            Map.entry("T", 60_000_000L), Map.entry("s", 1_000_000L), Map.entry("S", 1_000_000L),
            Map.entry("ms", 1_000L), Map.entry("L", 1_000L), Map.entry("us", 1L), Map.entry("U", 1L));

    private final DataArray dates;
    private final Object[] values;

    DatetimeAccessor(DataArray dates) {
        Variable v = dates.variable();
        if (!v.isLabels() || v.labelValues().stream().anyMatch(x -> !(x instanceof CalendarDate))) {
            throw new IllegalArgumentException("dt() needs an array of dates; " + dates.describe() + " holds "
                    + (v.isLabels() ? "text labels" : v.dtype().toString().toLowerCase(Locale.ROOT) + " numbers")
                    + " (decode its times with decodeTimes, or pick its time coordinate)");
        }
        this.dates = dates;
        this.values = v.labelArray();
    }

    public DataArray year() {
        return numbers("year", CalendarDate::year);
    }

    public DataArray month() {
        return numbers("month", CalendarDate::month);
    }

    public DataArray day() {
        return numbers("day", CalendarDate::day);
    }

    public DataArray hour() {
        return numbers("hour", CalendarDate::hour);
    }

    public DataArray minute() {
        return numbers("minute", CalendarDate::minute);
    }

    public DataArray second() {
        return numbers("second", CalendarDate::second);
    }

    /** Day of the year, from 1. */
    public DataArray dayOfYear() {
        return numbers("dayofyear", CalendarDate::dayOfYear);
    }

    /** Day of the week, Monday 0 to Sunday 6 (idealised calendars count weeks through their own days, as cftime). */
    public DataArray dayOfWeek() {
        return numbers("dayofweek", CalendarDate::dayOfWeek);
    }

    /** Days in the date's month, in its calendar (28 to 31; 30 in 360_day). */
    public DataArray daysInMonth() {
        return numbers("daysinmonth", d -> d.calendar().daysInMonth(d.year(), d.month()));
    }

    /** Quarter of the year, 1 to 4. */
    public DataArray quarter() {
        return numbers("quarter", d -> (d.month() - 1) / 3 + 1);
    }

    /** Meteorological season as text: "DJF", "MAM", "JJA", "SON". */
    public DataArray season() {
        Object[] seasons = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            seasons[i] = ((CalendarDate) values[i]).season();
        }
        return labelled("season", seasons);
    }

    /** Each date down to a whole {@code frequency} ("D", "h", "min", "s", "ms", "us"), as pandas' floor. */
    public DataArray floor(String frequency) {
        return rounded(frequency, "floor");
    }

    /** Each date up to a whole {@code frequency}. */
    public DataArray ceil(String frequency) {
        return rounded(frequency, "ceil");
    }

    /** Each date to the nearest whole {@code frequency}, halves to the even multiple, as pandas' round. */
    public DataArray round(String frequency) {
        return rounded(frequency, "round");
    }

    /**
     * Each date as text, as {@code strftime}: {@code %Y %m %d %H %M %S %j %f %%} (year, month, day, hour,
     * minute, second, day of year, microseconds).
     */
    public DataArray strftime(String format) {
        Object[] texts = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            texts[i] = format((CalendarDate) values[i], format);
        }
        return labelled("strftime", texts);
    }

    private static String format(CalendarDate d, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i == format.length()) {
                throw new IllegalArgumentException("The strftime format '" + format + "' ends with a lone %");
            }
            char code = format.charAt(i);
            switch (code) {
                case 'Y' -> out.append(String.format(Locale.ROOT, "%04d", d.year()));
                case 'm' -> out.append(String.format(Locale.ROOT, "%02d", d.month()));
                case 'd' -> out.append(String.format(Locale.ROOT, "%02d", d.day()));
                case 'H' -> out.append(String.format(Locale.ROOT, "%02d", d.hour()));
                case 'M' -> out.append(String.format(Locale.ROOT, "%02d", d.minute()));
                case 'S' -> out.append(String.format(Locale.ROOT, "%02d", d.second()));
                case 'j' -> out.append(String.format(Locale.ROOT, "%03d", d.dayOfYear()));
                case 'f' -> out.append(String.format(Locale.ROOT, "%06d", d.microsecond()));
                case '%' -> out.append('%');
                default -> throw new IllegalArgumentException("strftime code %" + code + " in '" + format + "' is not"
                        + " supported; use %Y %m %d %H %M %S %j %f or %%");
            }
        }
        return out.toString();
    }

    private DataArray rounded(String frequency, String mode) {
        Long step = FREQUENCIES.get(frequency);
        if (step == null) {
            throw new IllegalArgumentException("Cannot " + mode + " dates to '" + frequency + "': use a fixed frequency"
                    + " (D, h, min, s, ms, us); months and years have no fixed length");
        }
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            CalendarDate d = (CalendarDate) values[i];
            // counted from 1970-01-01 of the date's own calendar, as pandas and cftime count, so that a half
            // rounds to the same even multiple as theirs
            long micros = d.toMicros() - CalendarDate.of(d.calendar(), 1970, 1, 1).toMicros();
            long below = Math.floorDiv(micros, step) * step;
            long rest = micros - below;
            long target = switch (mode) {
                case "floor" -> below;
                case "ceil" -> rest == 0 ? below : below + step;
                default -> 2 * rest > step || 2 * rest == step && Math.floorDiv(micros, step) % 2 != 0
                        ? below + step : below;
            };
            out[i] = d.plusMicros(target - micros);
        }
        return labelled(mode, out);
    }

    private DataArray numbers(String name, ToLongFunction<CalendarDate> part) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = part.applyAsLong((CalendarDate) values[i]);
        }
        Variable v = dates.variable();
        return new DataArray(Variable.of(v.dims(), DenseArray.of(out, v.shape())), dates.coordVariables(), name);
    }

    private DataArray labelled(String name, Object[] labels) {
        Variable v = dates.variable();
        return new DataArray(Variable.labels(v.dims(), v.shape(), labels, Map.of()), dates.coordVariables(), name);
    }
}
