package org.lazuli.time;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partial ISO date ("2001", "2001-06", "2001-06-15T12", "2001-06-15 12:30") as the half-open
 * period it names: [start, end). Selecting by a partial date selects the whole period, as xarray's
 * partial string indexing does.
 *
 * @param start the first instant of the period
 * @param end   the first instant after it
 */
public record DatePeriod(CalendarDate start, CalendarDate end) {
    private static final Pattern PARTIAL = Pattern.compile(
            "(-?\\d{1,6})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[T\\s](\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2}))?)?)?)?)?");

    /** True when {@code text} has the form of a (partial) ISO date. */
    public static boolean looksLikeDate(String text) {
        return text != null && PARTIAL.matcher(text.trim()).matches() && text.trim().length() >= 4;
    }

    /** Parses a partial date in a calendar. */
    public static DatePeriod parse(String text, Calendar calendar) {
        Matcher m = PARTIAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date; write e.g. \"2001\", \"2001-06\","
                    + " \"2001-06-15\" or \"2001-06-15T12:00\"");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) == null) {
            return new DatePeriod(CalendarDate.of(calendar, year, 1, 1), CalendarDate.of(calendar, year + 1, 1, 1));
        }
        int month = Integer.parseInt(m.group(2));
        if (m.group(3) == null) {
            CalendarDate start = CalendarDate.of(calendar, year, month, 1);
            return new DatePeriod(start, start.plusMonths(1));
        }
        int day = Integer.parseInt(m.group(3));
        if (m.group(4) == null) {
            CalendarDate start = CalendarDate.of(calendar, year, month, day);
            return new DatePeriod(start, start.plusDays(1));
        }
        int hour = Integer.parseInt(m.group(4));
        if (m.group(5) == null) {
            CalendarDate start = CalendarDate.of(calendar, year, month, day, hour, 0, 0);
            return new DatePeriod(start, start.plusMicros(3_600_000_000L));
        }
        int minute = Integer.parseInt(m.group(5));
        if (m.group(6) == null) {
            CalendarDate start = CalendarDate.of(calendar, year, month, day, hour, minute, 0);
            return new DatePeriod(start, start.plusMicros(60_000_000L));
        }
        CalendarDate start = CalendarDate.of(calendar, year, month, day, hour, minute, Integer.parseInt(m.group(6)));
        return new DatePeriod(start, start.plusMicros(1_000_000L));
    }

    public boolean contains(CalendarDate date) {
        return date.compareTo(start) >= 0 && date.compareTo(end) < 0;
    }
}
