package org.lazuli.time;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The CF calendars. Each maps dates to a continuous day number (days since 1970-01-01 for the
 * calendars that have that date in common with the real world; an arbitrary but fixed origin for the
 * model calendars) and back.
 */
public enum Calendar {
    /** Julian before 1582-10-15, Gregorian from then on (CF's "standard", alias "gregorian"). */
    STANDARD("standard"),
    PROLEPTIC_GREGORIAN("proleptic_gregorian"),
    JULIAN("julian"),
    /** Every year has 365 days (alias "365_day"). */
    NOLEAP("noleap"),
    /** Every year has 366 days (alias "366_day"). */
    ALL_LEAP("all_leap"),
    /** Twelve months of 30 days. */
    DAY_360("360_day");

    private static final int[] CUMULATIVE_NOLEAP = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    private static final int[] CUMULATIVE_LEAP = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};
    /** Julian day number of 1970-01-01 (Gregorian). */
    private static final long JDN_UNIX_EPOCH = 2440588;
    /** Day number (Gregorian epoch days) of 1582-10-15, the first Gregorian day of the standard calendar. */
    private static final long GREGORIAN_START = LocalDate.of(1582, 10, 15).toEpochDay();

    private final String cfName;

    Calendar(String cfName) {
        this.cfName = cfName;
    }

    /** The CF attribute value, e.g. {@code "noleap"}. */
    public String cfName() {
        return cfName;
    }

    /** Reads a CF {@code calendar} attribute (case-insensitive, with the CF aliases); absent means standard. */
    public static Calendar of(String name) {
        if (name == null || name.isBlank()) {
            return STANDARD;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "standard", "gregorian" -> STANDARD;
            case "proleptic_gregorian" -> PROLEPTIC_GREGORIAN;
            case "julian" -> JULIAN;
            case "noleap", "365_day" -> NOLEAP;
            case "all_leap", "366_day" -> ALL_LEAP;
            case "360_day" -> DAY_360;
            default -> throw new IllegalArgumentException("Unknown CF calendar '" + name + "'; use standard, gregorian,"
                    + " proleptic_gregorian, julian, noleap, 365_day, all_leap, 366_day or 360_day");
        };
    }

    public boolean isLeapYear(int year) {
        return switch (this) {
            case PROLEPTIC_GREGORIAN -> gregorianLeap(year);
            case JULIAN -> julianLeap(year);
            case STANDARD -> year > 1582 ? gregorianLeap(year) : julianLeap(year);
            case NOLEAP, DAY_360 -> false;
            case ALL_LEAP -> true;
        };
    }

    private static boolean gregorianLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    private static boolean julianLeap(int year) {
        return Math.floorMod(year, 4) == 0;
    }

    public int daysInMonth(int year, int month) {
        if (this == DAY_360) {
            return 30;
        }
        int[] cumulative = isLeapYear(year) ? CUMULATIVE_LEAP : CUMULATIVE_NOLEAP;
        if (this == STANDARD && year == 1582 && month == 10) {
            return 21;   // 1582-10-05 to 10-14 do not exist
        }
        return cumulative[month] - cumulative[month - 1];
    }

    public int daysInYear(int year) {
        return switch (this) {
            case DAY_360 -> 360;
            case STANDARD -> year == 1582 ? 355 : (isLeapYear(year) ? 366 : 365);
            default -> isLeapYear(year) ? 366 : 365;
        };
    }

    /** Checks that a date exists in this calendar. */
    void validate(int year, int month, int day) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("Month " + month + " does not exist (" + year + "-" + month + "-" + day + ")");
        }
        int maxDay = this == DAY_360 ? 30 : (isLeapYear(year) ? CUMULATIVE_LEAP : CUMULATIVE_NOLEAP)[month]
                - (isLeapYear(year) ? CUMULATIVE_LEAP : CUMULATIVE_NOLEAP)[month - 1];
        if (day < 1 || day > maxDay) {
            throw new IllegalArgumentException("Day " + day + " does not exist in " + year + "-" + month + " of the "
                    + cfName + " calendar (it has " + maxDay + " days)");
        }
        if (this == STANDARD && year == 1582 && month == 10 && day > 4 && day < 15) {
            throw new IllegalArgumentException("1582-10-" + day + " does not exist in the standard calendar (the"
                    + " Gregorian reform skipped 1582-10-05 to 1582-10-14); use proleptic_gregorian or julian");
        }
    }

    /** The continuous day number of a date. */
    public long dayNumber(int year, int month, int day) {
        return switch (this) {
            case PROLEPTIC_GREGORIAN -> LocalDate.of(year, month, day).toEpochDay();
            case JULIAN -> julianDayNumber(year, month, day) - JDN_UNIX_EPOCH;
            case STANDARD -> {
                boolean gregorian = year > 1582 || (year == 1582 && (month > 10 || (month == 10 && day >= 15)));
                yield gregorian ? LocalDate.of(year, month, day).toEpochDay()
                        : julianDayNumber(year, month, day) - JDN_UNIX_EPOCH;
            }
            case NOLEAP -> 365L * year + CUMULATIVE_NOLEAP[month - 1] + day - 1;
            case ALL_LEAP -> 366L * year + CUMULATIVE_LEAP[month - 1] + day - 1;
            case DAY_360 -> 360L * year + 30L * (month - 1) + day - 1;
        };
    }

    /** The date (year, month, day) of a day number. */
    public int[] date(long dayNumber) {
        return switch (this) {
            case PROLEPTIC_GREGORIAN -> gregorian(dayNumber);
            case JULIAN -> julianDate(dayNumber + JDN_UNIX_EPOCH);
            case STANDARD -> dayNumber >= GREGORIAN_START ? gregorian(dayNumber) : julianDate(dayNumber + JDN_UNIX_EPOCH);
            case NOLEAP -> fixedYear(dayNumber, 365, CUMULATIVE_NOLEAP);
            case ALL_LEAP -> fixedYear(dayNumber, 366, CUMULATIVE_LEAP);
            case DAY_360 -> {
                int year = (int) Math.floorDiv(dayNumber, 360);
                int inYear = Math.floorMod(dayNumber, 360);
                yield new int[] {year, inYear / 30 + 1, inYear % 30 + 1};
            }
        };
    }

    private static int[] gregorian(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return new int[] {date.getYear(), date.getMonthValue(), date.getDayOfMonth()};
    }

    private static int[] fixedYear(long dayNumber, int length, int[] cumulative) {
        int year = (int) Math.floorDiv(dayNumber, length);
        int inYear = Math.floorMod(dayNumber, length);
        int month = 1;
        while (cumulative[month] <= inYear) {
            month++;
        }
        return new int[] {year, month, inYear - cumulative[month - 1] + 1};
    }

    /** Julian day number of a Julian-calendar date (valid for all years, proleptic before 45 BC). */
    private static long julianDayNumber(int year, int month, int day) {
        long a = (14 - month) / 12;
        long y = year + 4800L - a;
        long m = month + 12 * a - 3;
        return day + (153 * m + 2) / 5 + 365 * y + Math.floorDiv(y, 4) - 32083;
    }

    private static int[] julianDate(long jdn) {
        long c = jdn + 32082;
        long d = Math.floorDiv(4 * c + 3, 1461);
        long e = c - Math.floorDiv(1461 * d, 4);
        long m = (5 * e + 2) / 153;
        int day = (int) (e - (153 * m + 2) / 5 + 1);
        int month = (int) (m + 3 - 12 * (m / 10));
        int year = (int) (d - 4800 + m / 10);
        return new int[] {year, month, day};
    }

    /** Whether dates of this calendar are dates of the real (proleptic Gregorian from 1582) world. */
    public boolean isRealWorld() {
        return this == STANDARD || this == PROLEPTIC_GREGORIAN;
    }

    @Override
    public String toString() {
        return cfName;
    }
}
