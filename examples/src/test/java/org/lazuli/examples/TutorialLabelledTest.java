package org.lazuli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.SelectMethod;
import org.lazuli.labelled.Slice;

/** The labelled part of DESIGN.md's tutorial, as written there, on the shipped file; checked against an eager run. */
class TutorialLabelledTest {

    @Test
    void tutorialLabelledSectionRunsLazilyAndMatchesEagerData() {
        try (Dataset ds = Lazuli.openDataset(ExampleData.winds(), Map.of("TIME", 12));
             Dataset eager = Lazuli.openDataset(ExampleData.winds())) {
            DataArray u = ds.get("UWND");
            DataArray period = u.sel("TIME", Slice.of("1984-10", "1990-04"));
            DataArray point = u.sel("FNOCY", 45.2, SelectMethod.NEAREST).isel("FNOCX", 10);
            DataArray clim = period.groupBy("TIME.month").mean("TIME");
            DataArray anomaly = period.groupBy("TIME.month").subtract(clim);
            DataArray done = clim.compute();
            DataArray months = done.coords().get("month");
            DataArray firstRows = u.isel("TIME", 0).isel("FNOCY", Slice.of(0, 5)).mean("FNOCX");
            double spread = anomaly.std().compute().values().getDouble();

            assertTrue(u.isLazy() && clim.isLazy() && anomaly.isLazy());
            assertEquals(List.of("month", "FNOCY", "FNOCX"), done.dims());
            assertEquals(12, months.size());
            assertEquals(List.of("TIME"), point.dims());
            DataArray e = eager.get("UWND").sel("TIME", Slice.of("1984-10", "1990-04"));
            assertEquals(67, e.sizes().get("TIME"));
            DataArray eagerClim = e.groupBy("TIME.month").mean("TIME");
            double[] lazyValues = done.values().toDoubleArray();
            double[] eagerValues = eagerClim.values().toDoubleArray();
            for (int i = 0; i < lazyValues.length; i++) {
                assertEquals(eagerValues[i], lazyValues[i], 1e-5, "climatology at " + i);
            }
            double eagerSpread = e.groupBy("TIME.month").subtract(eagerClim).std().values().getDouble();
            assertEquals(eagerSpread, spread, 1e-5);
            assertEquals(5, firstRows.size());
        }
    }
}
