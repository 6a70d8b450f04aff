package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DenseArray;
import org.lazuli.text.ByteSizes;

/** Misuses of the public API fail at once, with what was wrong and how to write it, and never hang. */
class MisuseTest {

    private static DataArray lats() {
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("lat", Variable.of(java.util.List.of("lat"), DenseArray.of(new double[] {10, 20, 30}, 3), Map.of()));
        return DataArray.of(Variable.of(java.util.List.of("lat"), DenseArray.of(new double[] {1, Double.NaN, 3}, 3),
                Map.of()), coords, "x");
    }

    @Test
    void aSliceOfStringsOnANumericCoordinateSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lats().sel("lat", Slice.of("a", "z")));
        assertTrue(e.getMessage().contains("'lat' has numeric labels") && e.getMessage().contains("'a'")
                && e.getMessage().contains("select with numbers"), e.getMessage());
    }

    @Test
    void dropnaWithAnUnknownHowOrDimensionIsRefused() {
        IllegalArgumentException how = assertThrows(IllegalArgumentException.class, () -> lats().dropna("lat", "sometimes"));
        assertTrue(how.getMessage().contains("\"sometimes\"") && how.getMessage().contains("\"any\""), how.getMessage());
        assertThrows(LabelNotFoundException.class, () -> lats().dropna("lon", "any"));
        assertEquals(2, lats().dropna("lat", "any").sizes().get("lat"));
        assertEquals(2, lats().dropna("lat", DropHow.ANY).sizes().get("lat"), "the enum says the same as the text");
        assertEquals(1L, lats().coarsen("lat", 2, Boundary.TRIM).mean().sizes().get("lat"));
        assertEquals(2L, lats().coarsen("lat", 2, "pad").mean().sizes().get("lat"));
        IllegalArgumentException boundary = assertThrows(IllegalArgumentException.class,
                () -> lats().coarsen("lat", 2, "round"));
        assertTrue(boundary.getMessage().contains("\"exact\", \"trim\" or \"pad\""), boundary.getMessage());
    }

    @Test
    void resamplingToZeroOrToAFrequencyFarFinerThanTheDataFailsAtOnce() {
        DataArray century = DataModelTest.century(false);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> century.resample("time", "0D"));
            assertTrue(zero.getMessage().contains("between 1 and"), zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> century.resample("time", "99999999999999999999D"));
            IllegalArgumentException fine = assertThrows(IllegalArgumentException.class,
                    () -> century.resample("time", "1s"));
            assertTrue(fine.getMessage().contains("more than 10000000 periods"), fine.getMessage());
        });
        assertEquals(100, century.resample("time", "YS").mean().sizes().get("time"));
    }

    @Test
    void aMalformedByteSizeNamesTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("1.2.3GB"));
        assertTrue(e.getMessage().contains("'1.2.3GB'") && e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void convertingIrregularDatesWithMissingValuesIsRefused() {
        java.util.List<Object> days = java.util.List.of(
                org.lazuli.time.CalendarDate.of(org.lazuli.time.Calendar.NOLEAP, 2000, 1, 1),
                org.lazuli.time.CalendarDate.of(org.lazuli.time.Calendar.NOLEAP, 2000, 1, 2),
                org.lazuli.time.CalendarDate.of(org.lazuli.time.Calendar.NOLEAP, 2000, 1, 5));
        DataArray series = DataArray.of(Variable.of(java.util.List.of("time"), DenseArray.of(new double[] {1, 2, 3}, 3)),
                Map.of("time", Variable.labels("time", days, Map.of())), "v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> series.convertCalendar("time", "standard", null, -1));
        assertTrue(e.getMessage().contains("not regular") && e.getMessage().contains("convert without it"), e.getMessage());
        assertEquals(3, series.convertCalendar("time", "standard", null).sizes().get("time"));
    }

    @Test
    void aSizeReadsBackAsItWasWritten() {
        assertEquals("1 GB", ByteSizes.formatAsWritten(ByteSizes.parse("1GB")));
        assertEquals("512 MiB", ByteSizes.formatAsWritten(ByteSizes.parse("512MiB")));
        assertEquals("2 kB", ByteSizes.formatAsWritten(2000));
        assertEquals("1.50 kiB", ByteSizes.formatAsWritten(1536 + 0));
        assertEquals("1023 B", ByteSizes.formatAsWritten(1023));
        assertEquals("953.67 MiB", ByteSizes.format(ByteSizes.parse("1GB")), "dask's own form stays for measured sizes");
    }
}
