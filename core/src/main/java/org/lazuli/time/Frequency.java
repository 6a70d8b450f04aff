package org.lazuli.time;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pandas-style frequency ("D", "6h", "MS", "3MS", "QS-DEC", "YS", "ME", "YE"), in any calendar: fixed
 * steps (days and finer) or calendar steps anchored at period starts or ends. Resampling and date ranges
 * share it.
 *
 * @param count       how many units one step is (3 in "3MS")
 * @param unit        the unit as written ("MS", "D", "h", ...)
 * @param anchorMonth for quarters, the month a quarter starts (QS-DEC: 12) or ends in (QE-NOV: 11); else 1
 */
public record Frequency(int count, String unit, int anchorMonth) {
    private static final Pattern PATTERN = Pattern.compile(
            "(\\d*)\\s*(MS|ME|M|YS|AS|YE|Y|A|QS|QE|Q|D|h|H|min|T|s|S|ms|L|us|U)(?:-([A-Za-z]{3}))?");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");

    /** Parses a frequency; the error lists the forms accepted. */
    public static Frequency parse(String text) {
        Matcher m = PATTERN.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Unknown frequency '" + text + "'; use e.g. \"D\", \"6h\", \"min\", \"s\","
                    + " \"MS\", \"ME\", \"QS-DEC\", \"YS\" or \"YE\"");
        }
        long count;
        try {
            count = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            count = Long.MAX_VALUE;
        }
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The frequency '" + text + "' needs a number of units between 1 and "
                    + Integer.MAX_VALUE + ", e.g. \"1D\" or \"6h\"");
        }
        String unit = m.group(2);
        boolean quarter = unit.startsWith("Q");
        if (m.group(3) != null && !quarter) {
            throw new IllegalArgumentException("The frequency '" + text + "' has an anchor; only quarters take one"
                    + " (\"QS-DEC\")");
        }
        int anchor = 1;
        if (m.group(3) != null) {
            anchor = MONTHS.indexOf(m.group(3).toUpperCase(Locale.ROOT)) + 1;
            if (anchor == 0) {
                throw new IllegalArgumentException("Unknown month '" + m.group(3) + "' in the frequency '" + text
                        + "'; use one of " + MONTHS);
            }
        } else if (quarter && !unit.equals("QS")) {
            anchor = 12;   // Q / QE end in December, as pandas' Q-DEC
        }
        return new Frequency((int) count, unit, anchor);
    }

    /** Whether steps are a fixed length of time (days and finer), not months. */
    public boolean isFixed() {
        return microsPerUnit() > 0;
    }

    /** Whether the dates of this frequency are the ends of months, quarters or years (ME, QE, YE). */
    public boolean isEndAnchored() {
        return switch (unit) {
            case "ME", "M", "YE", "Y", "A", "QE", "Q" -> true;
            default -> false;
        };
    }

    private long microsPerUnit() {
        return switch (unit) {
            case "D" -> 86_400_000_000L;
            case "h", "H" -> 3_600_000_000L;
            case "min", "T" -> 60_000_000L;
            case "s", "S" -> 1_000_000L;
            case "ms", "L" -> 1_000L;
            case "us", "U" -> 1L;
            default -> 0;
        };
    }

    /** Months in one unit: 1, 3 or 12; 0 for fixed frequencies. */
    private int monthsPerUnit() {
        return switch (unit) {
            case "MS", "ME", "M" -> 1;
            case "QS", "QE", "Q" -> 3;
            case "YS", "AS", "YE", "Y", "A" -> 12;
            default -> 0;
        };
    }

    /**
     * The start of the period holding {@code d} (resampling's bins): the day, hour ... for fixed units, the
     * first of the month, quarter or year otherwise. Only for start-anchored and fixed frequencies.
     */
    public CalendarDate periodStart(CalendarDate d) {
        Calendar calendar = d.calendar();
        return switch (unit) {
            case "D" -> CalendarDate.of(calendar, d.year(), d.month(), d.day());
            case "h", "H" -> CalendarDate.of(calendar, d.year(), d.month(), d.day(), d.hour(), 0, 0);
            case "min", "T" -> CalendarDate.of(calendar, d.year(), d.month(), d.day(), d.hour(), d.minute(), 0);
            case "s", "S" -> CalendarDate.of(calendar, d.year(), d.month(), d.day(), d.hour(), d.minute(), d.second());
            case "ms", "L", "us", "U" -> d.plusMicros(-Math.floorMod(d.toMicros(), microsPerUnit()));
            case "MS" -> CalendarDate.of(calendar, d.year(), d.month(), 1);
            case "YS", "AS" -> CalendarDate.of(calendar, d.year(), 1, 1);
            case "QS" -> CalendarDate.of(calendar, d.year(), d.month(), 1)
                    .plusMonths(-Math.floorMod(d.month() - anchorMonth, 3));
            default -> throw new IllegalArgumentException("The frequency '" + this + "' anchors periods at their end;"
                    + " periods here start: use " + unit.charAt(0) + "S");
        };
    }

    /** The date {@code count} units after {@code d} (an anchor date stays one: a month end steps to a month end). */
    public CalendarDate next(CalendarDate d) {
        if (isFixed()) {
            return d.plusMicros(Math.multiplyExact(count, microsPerUnit()));
        }
        int months = count * monthsPerUnit();
        if (isEndAnchored()) {
            CalendarDate first = CalendarDate.of(d.calendar(), d.year(), d.month(), 1).plusMonths(months);
            return monthEnd(first, d);
        }
        return d.plusMonths(months);
    }

    /** The first date of this frequency on or after {@code d} (fixed frequencies start at {@code d} itself). */
    public CalendarDate rollForward(CalendarDate d) {
        if (isFixed()) {
            return d;
        }
        Calendar calendar = d.calendar();
        int period = monthsPerUnit();
        if (isEndAnchored()) {
            // the end of the month, quarter (ending in the anchor month) or year (December) at or after d
            int endMonth = period == 12 ? 12 : period == 3 ? anchorMonth : d.month();
            int ahead = Math.floorMod(endMonth - d.month(), period == 1 ? 1 : period == 3 ? 3 : 12);
            CalendarDate candidate = monthEnd(CalendarDate.of(calendar, d.year(), d.month(), 1).plusMonths(ahead), d);
            return candidate.compareTo(d) >= 0 ? candidate : monthEnd(CalendarDate.of(calendar, d.year(), d.month(), 1)
                    .plusMonths(ahead + period), d);
        }
        CalendarDate start = periodStart(d);
        CalendarDate atTime = start.plusMicros(timeOfDay(d));
        if (atTime.compareTo(d) >= 0) {
            return atTime;
        }
        return new Frequency(1, unit, anchorMonth).next(start).plusMicros(timeOfDay(d));
    }

    /** The last day of {@code monthStart}'s month, at {@code timeOf}'s time of day. */
    private static CalendarDate monthEnd(CalendarDate monthStart, CalendarDate timeOf) {
        int days = monthStart.calendar().daysInMonth(monthStart.year(), monthStart.month());
        return CalendarDate.of(monthStart.calendar(), monthStart.year(), monthStart.month(), days)
                .plusMicros(timeOfDay(timeOf));
    }

    private static long timeOfDay(CalendarDate d) {
        return Math.floorMod(d.toMicros(), 86_400_000_000L);
    }

    @Override
    public String toString() {
        String anchor = unit.startsWith("Q") && anchorMonth != (unit.equals("QS") ? 1 : 12)
                ? "-" + MONTHS.get(anchorMonth - 1) : "";
        return (count == 1 ? "" : String.valueOf(count)) + unit + anchor;
    }
}
