package org.lazuli.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalendarDateTest {

    @Test
    void everyCalendarRoundTripsItsDayNumbers() {
        int[][] ranges = {{-4, 30}, {1570, 1600}, {1890, 1910}, {1998, 2002}};
        for (Calendar calendar : Calendar.values()) {
            for (int[] range : ranges) {
                CalendarDate date = CalendarDate.of(calendar, range[0], 1, 1);
                int days = 0;
                while (date.year() < range[1]) {
                    CalendarDate next = date.plusDays(1);
                    assertTrue(next.compareTo(date) > 0);
                    if (next.year() != date.year()) {
                        assertEquals(calendar.daysInYear(date.year()), date.dayOfYear(), calendar + " " + date);
                    }
                    assertEquals(next, CalendarDate.of(calendar, next.year(), next.month(), next.day()), calendar + " " + next);
                    date = next;
                    days++;
                }
                int years = range[1] - range[0];
                assertTrue(days >= 355 * years && days <= 366 * years, calendar + " " + days);
            }
        }
    }

    @Test
    void calendarsDifferWhereCfSaysTheyDo() {
        assertThrows(IllegalArgumentException.class, () -> CalendarDate.of(Calendar.NOLEAP, 2000, 2, 29));
        assertEquals(29, Calendar.ALL_LEAP.daysInMonth(2001, 2));
        assertEquals(30, Calendar.DAY_360.daysInMonth(2001, 2));
        assertTrue(Calendar.JULIAN.isLeapYear(1900));
        assertFalse(Calendar.PROLEPTIC_GREGORIAN.isLeapYear(1900));
        assertTrue(Calendar.STANDARD.isLeapYear(1500), "Julian rules before the reform");
        CalendarDate lastJulian = CalendarDate.of(Calendar.STANDARD, 1582, 10, 4);
        assertEquals("1582-10-15T00:00:00", lastJulian.plusDays(1).toString());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> CalendarDate.of(Calendar.STANDARD, 1582, 10, 10));
        assertTrue(gap.getMessage().contains("does not exist"), gap.getMessage());
    }

    @Test
    void fieldsAndSeasons() {
        CalendarDate d = CalendarDate.of(Calendar.NOLEAP, 2001, 12, 31, 18, 30, 15);
        assertEquals(365, d.dayOfYear());
        assertEquals("DJF", d.season());
        assertEquals(18, d.hour());
        assertEquals(30, d.minute());
        assertEquals(15, d.second());
        assertEquals("2002-01-01T00:30:15", d.plusMicros(6 * 3_600_000_000L).toString());
        assertEquals("2001-02-28T00:00:00", CalendarDate.of(Calendar.STANDARD, 2001, 1, 31).plusMonths(1).toString());
        assertEquals("JJA", CalendarDate.of(Calendar.DAY_360, 1, 7, 30).season());
    }

    @Test
    void partialDatesNameWholePeriods() {
        DatePeriod year = DatePeriod.parse("2001", Calendar.STANDARD);
        assertEquals("2001-01-01T00:00:00", year.start().toString());
        assertEquals("2002-01-01T00:00:00", year.end().toString());
        DatePeriod month = DatePeriod.parse("2001-02", Calendar.DAY_360);
        assertEquals("2001-03-01T00:00:00", month.end().toString());
        DatePeriod hour = DatePeriod.parse("2001-06-15T12", Calendar.STANDARD);
        assertTrue(hour.contains(CalendarDate.of(Calendar.STANDARD, 2001, 6, 15, 12, 59, 59)));
        assertFalse(hour.contains(CalendarDate.of(Calendar.STANDARD, 2001, 6, 15, 13, 0, 0)));
        assertTrue(DatePeriod.looksLikeDate("1984-10"));
        assertFalse(DatePeriod.looksLikeDate("abc"));
        assertThrows(IllegalArgumentException.class, () -> DatePeriod.parse("2001-13", Calendar.STANDARD));
    }
}
