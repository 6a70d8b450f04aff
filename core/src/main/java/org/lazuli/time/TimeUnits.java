package org.lazuli.time;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CF time encoding: {@code "<unit> since <reference>"} in a calendar. Decodes numbers to
 * {@link CalendarDate}s and encodes them back.
 *
 * <p>Accepts what CF files carry in practice: singular, plural or abbreviated units ("Hour", "hrs",
 * "d", "seconds"), references with short fields ("1-1-1"), a "T" or a space before the time,
 * fractional seconds, and a time-zone suffix ("Z", "UTC", "+0:00", "-06:00"), which is applied.
 * Months and years are accepted only in the 360_day calendar, where they have a fixed length, as
 * cftime does.
 *
 * <pre>{@code
 * TimeUnits units = TimeUnits.parse("hours since 1979-01-01 00:00:00.0 +0:00", Calendar.STANDARD);
 * units.decode(36.5);   // 1979-01-02T12:30:00
 * }</pre>
 */
public final class TimeUnits {
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z]+)\\s+since\\s+(.+?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile(
            "(-?\\d{1,6})-(\\d{1,2})-(\\d{1,2})"                         // date
                    + "(?:[T\\s]+(\\d{1,2})(?::(\\d{1,2}))?(?::(\\d{1,2}(?:\\.\\d*)?))?)?"  // time
                    + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?\\s*",   // zone
            Pattern.CASE_INSENSITIVE);

    private final String unitName;
    private final long microsPerUnit;
    private final CalendarDate reference;
    private final String text;

    private TimeUnits(String unitName, long microsPerUnit, CalendarDate reference, String text) {
        this.unitName = unitName;
        this.microsPerUnit = microsPerUnit;
        this.reference = reference;
        this.text = text;
    }

    /**
     * Nanoseconds in one of the bare time units a timedelta is written in ("days", "hours", "minutes",
     * "seconds", "milliseconds", "microseconds", "nanoseconds", exactly as xarray recognises them), or 0
     * when {@code units} is not one.
     */
    public static long durationUnitNanos(String units) {
        if (units == null) {
            return 0;
        }
        return switch (units) {
            case "days" -> 86_400_000_000_000L;
            case "hours" -> 3_600_000_000_000L;
            case "minutes" -> 60_000_000_000L;
            case "seconds" -> 1_000_000_000L;
            case "milliseconds" -> 1_000_000L;
            case "microseconds" -> 1_000L;
            case "nanoseconds" -> 1L;
            default -> 0;
        };
    }

    /** True when the text looks like a CF time unit ("… since …"). */
    public static boolean isTimeUnit(String units) {
        return units != null && FORM.matcher(units).matches();
    }

    /** Parses a CF units string; the message of a failure says what is wrong with it. */
    public static TimeUnits parse(String units, Calendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        Matcher form = units == null ? null : FORM.matcher(units);
        if (form == null || !form.matches()) {
            throw new IllegalArgumentException("'" + units + "' is not a CF time unit; expected '<unit> since <date>',"
                    + " e.g. 'days since 2000-01-01'");
        }
        String unit = canonicalUnit(form.group(1), calendar, units);
        long micros = switch (unit) {
            case "microseconds" -> 1L;
            case "milliseconds" -> 1_000L;
            case "seconds" -> 1_000_000L;
            case "minutes" -> 60_000_000L;
            case "hours" -> 3_600_000_000L;
            case "days" -> CalendarDate.MICROS_PER_DAY;
            case "weeks" -> 7 * CalendarDate.MICROS_PER_DAY;
            case "months" -> 30 * CalendarDate.MICROS_PER_DAY;
            case "years" -> 360 * CalendarDate.MICROS_PER_DAY;
            default -> throw new IllegalStateException(unit);
        };
        return new TimeUnits(unit, micros, parseReference(form.group(2), calendar, units), units.trim());
    }

    private static String canonicalUnit(String raw, Calendar calendar, String units) {
        String u = raw.toLowerCase(Locale.ROOT);
        String unit = switch (u) {
            case "us", "usec", "usecs", "microsecond", "microseconds" -> "microseconds";
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> "milliseconds";
            case "s", "sec", "secs", "second", "seconds" -> "seconds";
            case "min", "mins", "minute", "minutes" -> "minutes";
            case "h", "hr", "hrs", "hour", "hours" -> "hours";
            case "d", "day", "days" -> "days";
            case "week", "weeks" -> "weeks";
            case "month", "months" -> "months";
            case "year", "years" -> "years";
            default -> throw new IllegalArgumentException("Unknown time unit '" + raw + "' in '" + units
                    + "'; use days, hours, minutes, seconds, milliseconds or microseconds");
        };
        if ((unit.equals("months") || unit.equals("years")) && calendar != Calendar.DAY_360) {
            throw new IllegalArgumentException("'" + units + "': months and years have no fixed length in the " + calendar
                    + " calendar (CF discourages them); only the 360_day calendar can decode them");
        }
        return unit;
    }

    /** Month-day-year references ("1-1-1970", as pandas reads them) are rewritten year first. */
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(\\d{1,2})-(\\d{1,2})-(\\d{4})(.*)");

    private static CalendarDate parseReference(String text, Calendar calendar, String units) {
        Matcher mdy = MONTH_DAY_YEAR.matcher(text);
        if (mdy.matches()) {
            text = mdy.group(3) + "-" + mdy.group(1) + "-" + mdy.group(2) + mdy.group(4);
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Cannot read the reference date '" + text + "' of '" + units
                    + "'; expected e.g. '1970-01-01', '1-1-1 00:00:00' or '2001-12-31T23:00:00Z'");
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        double seconds = m.group(6) == null ? 0 : Double.parseDouble(m.group(6));
        CalendarDate date;
        try {
            date = CalendarDate.of(calendar, year, month, day, hour, minute, 0)
                    .plusMicros(Math.round(seconds * 1_000_000));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The reference date of '" + units + "' is invalid: " + e.getMessage(), e);
        }
        String zone = m.group(7);
        if (zone != null && !zone.equalsIgnoreCase("Z") && !zone.equalsIgnoreCase("UTC") && !zone.equalsIgnoreCase("GMT")) {
            int sign = zone.startsWith("-") ? -1 : 1;
            String digits = zone.substring(1).replace(":", "");
            int hours;
            int minutes = 0;
            if (digits.length() <= 2) {
                hours = Integer.parseInt(digits);
            } else {
                hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
                minutes = Integer.parseInt(digits.substring(digits.length() - 2));
            }
            // local time = UTC + offset, so UTC = local - offset
            date = date.plusMicros(-sign * (hours * 3_600_000_000L + minutes * 60_000_000L));
        }
        return date;
    }

    /** The unit ("days", "hours" …). */
    public String unit() {
        return unitName;
    }

    public CalendarDate reference() {
        return reference;
    }

    public Calendar calendar() {
        return reference.calendar();
    }

    /** The date {@code value} units after the reference, rounded to the microsecond. */
    public CalendarDate decode(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Cannot decode " + value + " as a date in '" + text + "'");
        }
        double micros = value * microsPerUnit;
        if (Math.abs(micros) > 9.0e18) {
            throw new IllegalArgumentException("The value " + value + " in '" + text + "' is out of the range of dates");
        }
        return reference.plusMicros(Math.round(micros));
    }

    public CalendarDate decode(long value) {
        return reference.plusMicros(Math.multiplyExact(value, microsPerUnit));
    }

    /** The number of units from the reference to {@code date}. */
    public double encode(CalendarDate date) {
        CalendarDate same = date.withCalendar(calendar());
        return (same.toMicros() - reference.toMicros()) / (double) microsPerUnit;
    }

    @Override
    public String toString() {
        return text;
    }
}
