package org.lazuli.time;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * A date and time in a CF calendar, to the microsecond (like cftime's datetime). Immutable, ordered
 * within one calendar; {@link #toString()} is ISO 8601 ({@code 2001-06-15T12:00:00}).
 *
 * <pre>{@code
 * CalendarDate d = CalendarDate.of(Calendar.NOLEAP, 2001, 2, 28);
 * d.plusDays(1);   // 2001-03-01 (no Feb 29 in noleap)
 * d.season();      // "DJF"
 * }</pre>
 */
public final class CalendarDate implements Comparable<CalendarDate>, Serializable {
    private static final long serialVersionUID = 1L;
    static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Calendar calendar;
    private final long dayNumber;
    private final long microOfDay;
    private final int year;
    private final int month;
    private final int day;

    private CalendarDate(Calendar calendar, long dayNumber, long microOfDay) {
        this.calendar = calendar;
        this.dayNumber = dayNumber;
        this.microOfDay = microOfDay;
        int[] ymd = calendar.date(dayNumber);
        this.year = ymd[0];
        this.month = ymd[1];
        this.day = ymd[2];
    }

    public static CalendarDate of(Calendar calendar, int year, int month, int day) {
        return of(calendar, year, month, day, 0, 0, 0);
    }

    public static CalendarDate of(Calendar calendar, int year, int month, int day, int hour, int minute, int second) {
        Objects.requireNonNull(calendar, "calendar");
        calendar.validate(year, month, day);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            throw new IllegalArgumentException("Time " + hour + ":" + minute + ":" + second + " is out of range");
        }
        long micros = ((hour * 60L + minute) * 60L + second) * 1_000_000L;
        return new CalendarDate(calendar, calendar.dayNumber(year, month, day), micros);
    }

    /** A date from its day number and microseconds of the day (normalised into the day). */
    static CalendarDate ofDayMicros(Calendar calendar, long dayNumber, long microOfDay) {
        long days = dayNumber + Math.floorDiv(microOfDay, MICROS_PER_DAY);
        return new CalendarDate(calendar, days, Math.floorMod(microOfDay, MICROS_PER_DAY));
    }

    public Calendar calendar() {
        return calendar;
    }

    public int year() {
        return year;
    }

    public int month() {
        return month;
    }

    public int day() {
        return day;
    }

    public int hour() {
        return (int) (microOfDay / 3_600_000_000L);
    }

    public int minute() {
        return (int) (microOfDay / 60_000_000L % 60);
    }

    public int second() {
        return (int) (microOfDay / 1_000_000L % 60);
    }

    public int microsecond() {
        return (int) (microOfDay % 1_000_000L);
    }

    /** Day of the year, 1-based. */
    public int dayOfYear() {
        return (int) (dayNumber - calendar.dayNumber(year, 1, 1)) + 1;
    }

    /**
     * Day of the week, Monday 0 to Sunday 6, as pandas and cftime count it. The real-world calendars give
     * the real weekday; the idealised ones (noleap, all_leap, 360_day) count weeks through their own days,
     * as cftime does, so their day 0 (year 0, January 1) is a Monday.
     */
    public int dayOfWeek() {
        // the real-world calendars (julian too) number days from 1970-01-01, a Thursday
        boolean realDays = calendar.isRealWorld() || calendar == Calendar.JULIAN;
        return (int) Math.floorMod(dayNumber + (realDays ? 3 : 0), 7L);
    }

    /** Meteorological season: "DJF", "MAM", "JJA" or "SON". */
    public String season() {
        return switch (month) {
            case 12, 1, 2 -> "DJF";
            case 3, 4, 5 -> "MAM";
            case 6, 7, 8 -> "JJA";
            default -> "SON";
        };
    }

    /** Days since the calendar's day 0, with the time of day as a fraction. */
    public double toDays() {
        return dayNumber + microOfDay / (double) MICROS_PER_DAY;
    }

    /** Microseconds since the calendar's day 0: the ordering key. */
    public long toMicros() {
        return Math.addExact(Math.multiplyExact(dayNumber, MICROS_PER_DAY), microOfDay);
    }

    long dayNumber() {
        return dayNumber;
    }

    public CalendarDate plusDays(long days) {
        return new CalendarDate(calendar, dayNumber + days, microOfDay);
    }

    public CalendarDate plusMicros(long micros) {
        return ofDayMicros(calendar, dayNumber, microOfDay + micros);
    }

    /** Adds months, keeping the day (clamped to the month's length). */
    public CalendarDate plusMonths(int months) {
        int index = year * 12 + (month - 1) + months;
        int y = Math.floorDiv(index, 12);
        int m = Math.floorMod(index, 12) + 1;
        int d = Math.min(day, calendar.daysInMonth(y, m));
        if (calendar == Calendar.STANDARD && y == 1582 && m == 10 && d > 4 && d < 15) {
            d = 15;
        }
        return new CalendarDate(calendar, calendar.dayNumber(y, m, d), microOfDay);
    }

    /** The same instant in another calendar of the real world (standard ⇄ proleptic_gregorian). */
    public CalendarDate withCalendar(Calendar other) {
        if (other == calendar) {
            return this;
        }
        if (calendar.isRealWorld() && other.isRealWorld() || calendar == Calendar.JULIAN && other.isRealWorld()
                || calendar.isRealWorld() && other == Calendar.JULIAN) {
            return new CalendarDate(other, dayNumber, microOfDay);
        }
        throw new IllegalArgumentException("Cannot convert " + this + " from the " + calendar + " calendar to the " + other
                + " calendar: their days do not correspond");
    }

    @Override
    public int compareTo(CalendarDate other) {
        if (other.calendar != calendar && !(other.calendar.isRealWorld() && calendar.isRealWorld())) {
            throw new IllegalArgumentException("Cannot compare " + this + " (" + calendar + ") with " + other + " ("
                    + other.calendar + ")");
        }
        int byDay = Long.compare(dayNumber, other.dayNumber);
        return byDay != 0 ? byDay : Long.compare(microOfDay, other.microOfDay);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalendarDate that && calendar == that.calendar && dayNumber == that.dayNumber
                && microOfDay == that.microOfDay;
    }

    @Override
    public int hashCode() {
        return Objects.hash(calendar, dayNumber, microOfDay);
    }

    /** ISO 8601, with fractional seconds only when present: {@code 0001-01-01T00:00:00}. */
    @Override
    public String toString() {
        String date = String.format(Locale.ROOT, "%s%04d-%02d-%02dT%02d:%02d:%02d", year < 0 ? "-" : "", Math.abs(year),
                month, day, hour(), minute(), second());
        return microsecond() == 0 ? date : date + String.format(Locale.ROOT, ".%06d", microsecond());
    }
}
