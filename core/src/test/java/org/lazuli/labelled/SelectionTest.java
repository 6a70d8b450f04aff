package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DenseArray;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

class SelectionTest {

    /** 1-D data 0..9 on a descending latitude 45, 40, …, 0. */
    private static DataArray descending() {
        double[] lat = new double[10];
        double[] values = new double[10];
        for (int i = 0; i < 10; i++) {
            lat[i] = 45 - 5 * i;
            values[i] = i;
        }
        return DataArray.of(DenseArray.of(values, 10), "lat").assignCoords("lat", lat);
    }

    /** 40 six-hourly steps from 2001-01-01 (values 0..39), as xarray's reference in the test below. */
    private static DataArray sixHourly() {
        List<Object> times = new java.util.ArrayList<>();
        double[] values = new double[40];
        for (int i = 0; i < 40; i++) {
            times.add(CalendarDate.of(Calendar.of("standard"), 2001, 1, 1).plusDays(i / 4).plusMicros(6L * 3_600_000_000L * (i % 4)));
            values[i] = i;
        }
        return DataArray.of(Variable.of(List.of("time"), DenseArray.of(values, 40)),
                Map.of("time", Variable.labels("time", times, Map.of())), "v");
    }

    @Test
    void aDayOnSixHourlyDataSelectsTheDayAndAPeriodOutsideTheDataRaisesAsInXarray() {
        // xarray 2023.01 (pandas index, freq 6H): da.sel(time="2001-01-05").shape == (4,); sel(time="2050-01") raises KeyError
        DataArray day = sixHourly().sel("time", "2001-01-05");
        assertEquals(List.of("time"), day.dims(), "the dimension is kept");
        assertArrayEquals(new double[] {16, 17, 18, 19}, day.values().toDoubleArray());
        assertEquals(17.0, sixHourly().sel("time", "2001-01-05T06").values().getDouble(), "an hour on hourly labels: one value");
        LabelNotFoundException outside = assertThrows(LabelNotFoundException.class, () -> sixHourly().sel("time", "2050-01"));
        assertTrue(outside.getMessage().contains("'2050-01'") && outside.getMessage().contains("2001-01-10"),
                outside.getMessage());
        assertEquals(40, sixHourly().sel("time", "2001").size(), "a year still selects every label in it");
    }

    @Test
    void descendingCoordinatesSliceInTheirOwnOrder() {
        DataArray s = descending().sel("lat", Slice.of(30.0, 15.0));
        assertArrayEquals(new double[] {3, 4, 5, 6}, s.values().toDoubleArray());
        assertArrayEquals(new double[] {30, 25, 20, 15}, s.coords().get("lat").values().toDoubleArray());
        assertEquals(0, descending().sel("lat", Slice.of(10.0, 20.0)).size(), "bounds in ascending order select nothing");
        assertEquals(8.0, descending().sel("lat", 7.0, SelectMethod.NEAREST).values().getDouble());
        assertEquals(7.0, descending().sel("lat", 12.0, SelectMethod.PAD).values().getDouble(), "10 is at or before 12");
        assertEquals(6.0, descending().sel("lat", 12.0, SelectMethod.BACKFILL).values().getDouble());
        assertEquals(8.0, descending().sel("lat", 6.0, SelectMethod.NEAREST, 1.5).values().getDouble());
        LabelNotFoundException far = assertThrows(LabelNotFoundException.class,
                () -> descending().sel("lat", 7.0, SelectMethod.NEAREST, 1.0));
        assertTrue(far.getMessage().contains("tolerance 1.0"), far.getMessage());
    }

    @Test
    void missingLabelNamesTheLabelTheDimensionAndNeighbours() {
        LabelNotFoundException e = assertThrows(LabelNotFoundException.class, () -> descending().sel("lat", 12.0));
        assertTrue(e.getMessage().contains("Label 12.0 not found in dimension 'lat'"), e.getMessage());
        assertTrue(e.getMessage().contains("nearest: 10.0, 15.0"), e.getMessage());
        assertTrue(e.getMessage().contains("SelectMethod.NEAREST"), e.getMessage());
        LabelNotFoundException dim = assertThrows(LabelNotFoundException.class, () -> descending().sel("latitude", 10.0));
        assertTrue(dim.getMessage().contains("'latitude'") && dim.getMessage().contains("[lat]"), dim.getMessage());
        LabelNotFoundException noCoord = assertThrows(LabelNotFoundException.class,
                () -> DataArray.of(DenseArray.of(new double[] {1, 2}, 2), "x").sel("x", 1.0));
        assertTrue(noCoord.getMessage().contains("no coordinate"), noCoord.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> descending().sel("lat", "ten"));
        assertTrue(type.getMessage().contains("numeric labels"), type.getMessage());
    }

    @Test
    void partialDatesSelectWholePeriods() {
        DataArray daily = daily();
        assertEquals(31, daily.sel("time", "2001-01").size());
        assertEquals(365, daily.sel("time", "2001").size());
        assertEquals(59, daily.sel("time", Slice.of("2001-01", "2001-02")).size());
        assertEquals(31.0 + 28 + 14, daily.sel("time", "2001-03-15").values().getDouble(), "a day is one label");
        assertEquals(0, daily.sel("time", Slice.of("1999", "1999")).size());
        assertEquals(10.0, daily.sel("time", CalendarDate.of(Calendar.NOLEAP, 2001, 1, 11)).values().getDouble());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> daily.sel("time", "2001-02-30", SelectMethod.NEAREST));
        assertTrue(bad.getMessage().contains("Day 30 does not exist"), bad.getMessage());
        assertEquals(45.0, daily.sel("time", "2001-02-14T20", SelectMethod.NEAREST).values().getDouble(),
                "nearest to the start of the hour");
    }

    private static DataArray daily() {
        int n = 730;
        double[] values = new double[n];
        List<Object> dates = new java.util.ArrayList<>();
        CalendarDate d = CalendarDate.of(Calendar.NOLEAP, 2001, 1, 1);
        for (int i = 0; i < n; i++) {
            values[i] = i;
            dates.add(d);
            d = d.plusDays(1);
        }
        return DataArray.of(Variable.of(List.of("time"), DenseArray.of(values, n)),
                Map.of("time", Variable.labels("time", dates, Map.of())), "x");
    }

    @Test
    void iselTakesPositionsSlicesAndIntegers() {
        DataArray a = descending();
        assertArrayEquals(new double[] {9, 7, 5}, a.isel("lat", Slice.of(null, null, -2)).isel("lat", Slice.of(0, 3))
                .values().toDoubleArray());
        assertArrayEquals(new double[] {4, 1, 4}, a.isel("lat", new long[] {4, 1, -6}).values().toDoubleArray());
        assertEquals(9.0, a.isel("lat", -1).values().getDouble());
        assertEquals(List.of(), a.isel("lat", 2).dims());
        assertEquals(35.0, a.isel("lat", 2).coords().get("lat").values().getDouble(), "scalar coordinate kept");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> a.isel("lat", 10));
        assertTrue(e.getMessage().contains("'lat' of length 10"), e.getMessage());
    }
}
