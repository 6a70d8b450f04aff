package org.lazuli.labelled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DenseArray;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;

/** Text reprs as xarray 2023.01 prints them. */
class ReprTest {

    @Test
    void aDatasetPrintsAsXarraysWithAlignedAttributesAndBareDimensions() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("title", "test");
        attrs.put("long_name_here", "x");
        Dataset ds = Dataset.of(Map.of("t", Variable.of(List.of("x"), DenseArray.of(new double[] {0, 1, 2}, 3))), Map.of(),
                attrs);
        // what xarray printed for xr.Dataset({"t": ("x", np.arange(3.))}, attrs=...) (2023.01)
        assertEquals(String.join("\n",
                "<lazuli.Dataset>",
                "Dimensions:  (x: 3)",
                "Dimensions without coordinates: x",
                "Data variables:",
                "    t        (x) float64 0.0 1.0 2.0",
                "Attributes:",
                "    title:           test",
                "    long_name_here:  x"), ds.toString());
    }

    @Test
    void datesAreDatetime64InTheRealWorldsCalendarsAndObjectsElse() {
        List<Object> standard = List.of(CalendarDate.of(Calendar.STANDARD, 2000, 1, 1));
        List<Object> noleap = List.of(CalendarDate.of(Calendar.NOLEAP, 2000, 1, 1));
        List<Object> ancient = List.of(CalendarDate.of(Calendar.PROLEPTIC_GREGORIAN, 1500, 1, 1));
        assertEquals("datetime64[ns]", Variable.labels("time", standard, Map.of()).dtypeName());
        assertEquals("object", Variable.labels("time", noleap, Map.of()).dtypeName());
        assertEquals("object", Variable.labels("time", ancient, Map.of()).dtypeName(), "outside datetime64[ns]'s years");
        assertEquals("object", Variable.labels("station", List.of("oslo"), Map.of()).dtypeName());
        List<Object> months = List.of(CalendarDate.of(Calendar.STANDARD, 2000, 1, 1), CalendarDate.of(Calendar.STANDARD,
                2000, 2, 1));
        assertEquals("2000-01-01 2000-02-01", Repr.preview(Variable.labels("time", months, Map.of()), 80).strip(),
                "datetime64 at midnight prints the days, as NumPy");
        assertEquals("2000-01-01 00:00:00", Repr.preview(Variable.labels("time", noleap, Map.of()), 80).strip(),
                "cftime's objects print with their time");
        List<Object> sixHourly = List.of(CalendarDate.of(Calendar.STANDARD, 2000, 1, 1, 6, 0, 0));
        assertEquals("2000-01-01T06:00:00", Repr.preview(Variable.labels("time", sixHourly, Map.of()), 80).strip());
    }

    @Test
    void encodingsAndAttributesPrintArrayValues() {
        Variable v = Variable.of(List.of("x"), DenseArray.of(new double[] {1}, 1), Map.of("valid_range", new double[] {0, 5}))
                .withEncoding(Map.of("chunksizes", new long[] {1, 73, 144}));
        assertEquals("{chunksizes=[1, 73, 144]}", v.encoding().toString());
        assertEquals("{valid_range=[0.0, 5.0]}", v.attrs().toString());
        assertTrue(DataArray.of(v, Map.of(), "v").toString().contains("valid_range:  [0.0, 5.0]"));
    }
}
