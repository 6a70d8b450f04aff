package org.lazuli.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ucar.nc2.time.CalendarDateUnit;

/** CF time decoding, checked against NetCDF-Java's own calendar code. */
class TimeUnitsTest {

    private static final List<String> UNITS = List.of(
            "days since 1-1-1", "days since 1800-1-1 00:00:0.0", "hours since 1979-01-01 00:00:00.0 +0:00",
            "Hour since 2001-12-31T23:00:00Z", "seconds since 1970-01-01T00:00:00Z", "minutes since 1582-10-01",
            "days since 2000-02-28", "hours since 1900-01-01 06:00:00");

    private static final double[] VALUES = {0, 1, 0.5, 59, 365.25, 1461, 10000, 730120.75, 36524.5};

    @Test
    void decodingMatchesNetcdfJava() {
        for (Calendar calendar : Calendar.values()) {
            ucar.nc2.time.Calendar theirs = ucar.nc2.time.Calendar.get(calendar == Calendar.DAY_360 ? "360_day"
                    : calendar.cfName());
            for (String units : UNITS) {
                if (calendar == Calendar.STANDARD && units.contains("1582-10-01")) {
                    continue;   // both agree on the reform but NetCDF-Java's mixed chronology starts counting differently
                }
                if (calendar == Calendar.DAY_360 && units.contains("12-31")) {
                    assertThrows(IllegalArgumentException.class, () -> TimeUnits.parse(units, calendar), "no 31st in 360_day");
                    continue;
                }
                TimeUnits ours = TimeUnits.parse(units, calendar);
                CalendarDateUnit reference = CalendarDateUnit.withCalendar(theirs, units);
                for (double value : VALUES) {
                    CalendarDate date = ours.decode(value);
                    ucar.nc2.time.CalendarDate expected = reference.makeCalendarDate(value);
                    if (calendar == Calendar.DAY_360 && value == 0) {
                        // NetCDF-Java 4.5.5 prints the year before the reference here; cftime gives the reference
                        assertEquals(ours.reference(), date);
                        continue;
                    }
                    if (calendar == Calendar.ALL_LEAP && units.startsWith("Hour since 2001-12-31") && value == 1) {
                        // NetCDF-Java 4.5.5 wraps to 2001-01-01 here; cftime agrees with us: 2002-01-01
                        assertEquals("2002-01-01T00:00:00", date.toString());
                        continue;
                    }
                    String where = units + " [" + calendar + "] " + value + ": ours " + date + ", NetCDF-Java " + expected;
                    assertEquals(isoSeconds(expected.toString()), date.toString().substring(0, 19), where);
                }
            }
        }
    }

    /** NetCDF-Java prints {@code 1979-01-02T12:30:00Z} or {@code …:00.500Z}: keep date and whole seconds. */
    private static String isoSeconds(String text) {
        return text.replace("Z", "").substring(0, 19);
    }

    @Test
    void encodeInvertsDecode() {
        for (Calendar calendar : Calendar.values()) {
            TimeUnits units = TimeUnits.parse("hours since 1850-01-01", calendar);
            for (double value : VALUES) {
                assertEquals(value, units.encode(units.decode(value)), 1e-9, calendar + " " + value);
            }
        }
    }

    @Test
    void timeZoneSuffixesShiftTheReference() {
        CalendarDate utc = TimeUnits.parse("hours since 2000-01-01 06:00:00 +6:00", Calendar.STANDARD).decode(0.0);
        assertEquals("2000-01-01T00:00:00", utc.toString());
        CalendarDate west = TimeUnits.parse("hours since 2000-01-01T00:00:00-0130", Calendar.STANDARD).decode(0.0);
        assertEquals("2000-01-01T01:30:00", west.toString());
    }

    @Test
    void badUnitsAreExplained() {
        IllegalArgumentException notTime = assertThrows(IllegalArgumentException.class,
                () -> TimeUnits.parse("degrees_north", Calendar.STANDARD));
        assertTrue(notTime.getMessage().contains("not a CF time unit"), notTime.getMessage());
        IllegalArgumentException months = assertThrows(IllegalArgumentException.class,
                () -> TimeUnits.parse("months since 2000-01-01", Calendar.STANDARD));
        assertTrue(months.getMessage().contains("360_day"), months.getMessage());
        assertEquals("2000-03-01T00:00:00", TimeUnits.parse("months since 2000-01-01", Calendar.DAY_360).decode(2.0)
                .toString());
        IllegalArgumentException badDate = assertThrows(IllegalArgumentException.class,
                () -> TimeUnits.parse("days since 2001-02-29", Calendar.NOLEAP));
        assertTrue(badDate.getMessage().contains("Day 29"), badDate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeUnits.parse("fortnights since 2000-01-01", Calendar.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> Calendar.of("martian"));
    }
}
