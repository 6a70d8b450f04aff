package org.lazuli.time;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pandas-style frequency ("D", "6h", "MS", "3MS", "QS-DEC", "YS", "ME", "YE", "W"), in any calendar:
 * fixed steps (days and finer) or calendar steps anchored at period starts or ends (weeks end on a
 * weekday, Sunday by default). Resampling and date ranges share it.
 *
 * @param count  how many units one step is (3 in "3MS")
 * @param unit   the unit as written ("MS", "D", "h", "W", ...)
 * @param anchor for quarters and years, the month a period starts (QS-DEC: 12) or ends in (QE-NOV: 11);
 *               for weeks, the weekday they end on (Monday 0 to Sunday 6, as {@link CalendarDate#dayOfWeek}); else 1
 */
public record Frequency(int count, String unit, int anchor) {
    private static final Pattern PATTERN = Pattern.compile(
            "(\\d*)\\s*(MS|ME|M|YS|AS|YE|Y|A|QS|QE|Q|W|D|h|H|min|T|s|S|ms|L|us|U)(?:-([A-Za-z]{3}))?");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

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
        boolean week = unit.equals("W");
        boolean anchorable = week || unit.startsWith("Q") || monthsPerUnit(unit) == 12;
        if (m.group(3) != null && !anchorable) {
            throw new IllegalArgumentException("The frequency '" + text + "' has an anchor; only quarters, years and"
                    + " weeks take one (\"QS-DEC\", \"YS-JUL\", \"W-MON\")");
        }
        int anchor = defaultAnchor(unit);
        if (m.group(3) != null) {
            List<String> names = week ? WEEKDAYS : MONTHS;
            anchor = names.indexOf(m.group(3).toUpperCase(Locale.ROOT)) + (week ? 0 : 1);
            if (anchor < (week ? 0 : 1)) {
                throw new IllegalArgumentException("Unknown " + (week ? "weekday" : "month") + " '" + m.group(3)
                        + "' in the frequency '" + text + "'; use one of " + names);
            }
        }
        return new Frequency((int) count, unit, anchor);
    }

    /** Sunday for weeks, December for period ends (Q, QE, Y, YE), January for period starts. */
    private static int defaultAnchor(String unit) {
        if (unit.equals("W")) {
            return 6;
        }
        return endAnchored(unit) && !unit.startsWith("M") ? 12 : 1;
    }

    /** Whether steps are a fixed length of time (days and finer), not months. */
    public boolean isFixed() {
        return microsPerUnit() > 0;
    }

    /** Whether the dates of this frequency are the ends of months, quarters or years (ME, QE, YE). */
    public boolean isEndAnchored() {
        return endAnchored(unit);
    }

    private static boolean endAnchored(String unit) {
        return switch (unit) {
            case "ME", "M", "YE", "Y", "A", "QE", "Q", "W" -> true;
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

    /** The length of one step of a fixed frequency, in microseconds (0 for calendar frequencies). */
    public long stepMicros() {
        return count * microsPerUnit();
    }

    /** Months in one unit: 1, 3 or 12; 0 for fixed frequencies and weeks. */
    private int monthsPerUnit() {
        return monthsPerUnit(unit);
    }

    private static int monthsPerUnit(String unit) {
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
            case "YS", "AS" -> CalendarDate.of(calendar, d.year(), d.month(), 1)
                    .plusMonths(-Math.floorMod(d.month() - anchor, 12));
            case "QS" -> CalendarDate.of(calendar, d.year(), d.month(), 1)
                    .plusMonths(-Math.floorMod(d.month() - anchor, 3));
            default -> throw new IllegalArgumentException("The frequency '" + this + "' anchors periods at their end;"
                    + " periods here start: use " + unit.charAt(0) + "S");
        };
    }

    /** The date {@code count} units after {@code d} (an anchor date stays one: a month end steps to a month end). */
    public CalendarDate next(CalendarDate d) {
        if (isFixed()) {
            return d.plusMicros(Math.multiplyExact(count, microsPerUnit()));
        }
        if (unit.equals("W")) {
            return d.plusDays(7L * count);
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
        if (unit.equals("W")) {
            return d.plusDays(Math.floorMod(anchor - d.dayOfWeek(), 7));
        }
        int period = monthsPerUnit();
        if (isEndAnchored()) {
            // the end of the month, quarter or year (ending in the anchor month) at or after d
            int endMonth = period == 1 ? d.month() : anchor;
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
        return new Frequency(1, unit, anchor).next(start).plusMicros(timeOfDay(d));
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

    // ---- anchors, as pandas' and cftime's offsets add and subtract them -----------------------------

    /** Whether {@code d}'s day is an anchor of this calendar frequency (the time of day does not count). */
    public boolean onOffset(CalendarDate d) {
        if (isFixed()) {
            return true;
        }
        if (unit.equals("W")) {
            return d.dayOfWeek() == anchor;
        }
        int period = monthsPerUnit();
        if (period > 1 && Math.floorMod(d.month() - anchor, period) != 0) {
            return false;
        }
        return isEndAnchored() ? d.day() == d.calendar().daysInMonth(d.year(), d.month()) : d.day() == 1;
    }

    /** {@code d} plus this frequency: {@code count} anchors on from {@code d} (the first on a later day). */
    public CalendarDate plus(CalendarDate d) {
        if (isFixed()) {
            return next(d);
        }
        CalendarDate date = d;
        for (int i = 0; i < count; i++) {
            date = nextAnchor(date, 1);
        }
        return date;
    }

    /** {@code d} minus this frequency: {@code count} anchors back from {@code d} (the first on an earlier day). */
    public CalendarDate minus(CalendarDate d) {
        if (isFixed()) {
            return d.plusMicros(-Math.multiplyExact(count, microsPerUnit()));
        }
        CalendarDate date = d;
        for (int i = 0; i < count; i++) {
            date = nextAnchor(date, -1);
        }
        return date;
    }

    /** {@code d} itself on an anchor, else the anchor before it (pandas' {@code rollback}). */
    public CalendarDate rollback(CalendarDate d) {
        return onOffset(d) ? d : nextAnchor(d, -1);
    }

    /** The nearest anchor on a later ({@code direction} 1) or earlier (-1) day than {@code d}, at its time of day. */
    private CalendarDate nextAnchor(CalendarDate d, int direction) {
        if (unit.equals("W")) {
            int ahead = Math.floorMod(direction * (anchor - d.dayOfWeek()), 7);
            return d.plusDays(direction * (long) (ahead == 0 ? 7 : ahead));
        }
        CalendarDate monthStart = CalendarDate.of(d.calendar(), d.year(), d.month(), 1).plusMicros(timeOfDay(d));
        for (int months = 0; ; months += direction) {
            CalendarDate first = monthStart.plusMonths(months);
            CalendarDate candidate = isEndAnchored() ? monthEnd(first, d) : first;
            if (onOffset(candidate) && Long.signum(candidate.dayNumber() - d.dayNumber()) == direction) {
                return candidate;
            }
        }
    }

    @Override
    public String toString() {
        String suffix = anchor == defaultAnchor(unit) ? ""
                : "-" + (unit.equals("W") ? WEEKDAYS.get(anchor) : MONTHS.get(anchor - 1));
        return (count == 1 ? "" : String.valueOf(count)) + unit + suffix;
    }
}
