package org.lazuli.examples;

import java.nio.file.Path;
import java.util.Map;
import org.lazuli.Lazuli;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.SelectMethod;
import org.lazuli.labelled.Slice;
import org.lazuli.plot.Plot;

/** A real dataset, opened lazily: selection by label, climatology, anomalies, writing back (the tutorial's second section). */
public final class LabelledData {
    private LabelledData() {
    }

    public static void run() {
        try (Dataset ds = Lazuli.openDataset(ExampleData.winds(), Map.of("TIME", 12))) {
            System.out.println(ds);
            DataArray u = ds.get("UWND");
            System.out.println("UWND dims " + u.dims() + ", sizes " + u.sizes() + ", chunks " + u.chunks().orElseThrow());

            DataArray period = u.sel("TIME", Slice.of("1984-10", "1990-04"));          // labels, both ends included
            DataArray point = u.sel("FNOCY", 45.2, SelectMethod.NEAREST).isel("FNOCX", 10);
            System.out.println("period: " + period.sizes() + "; point series: " + point.sizes());

            DataArray clim = period.groupBy("TIME.month").mean("TIME");                // one map-reduce over the chunks
            DataArray anomaly = period.groupBy("TIME.month").subtract(clim);           // xarray's groupby arithmetic
            System.out.println("climatology tasks: " + clim.data().taskCount() + ", lazy: " + clim.isLazy());

            DataArray done = clim.compute();
            DataArray months = done.coords().get("month");
            System.out.println("months: " + months.values());
            DataArray firstRows = u.isel("TIME", 0).isel("FNOCY", Slice.of(0, 5)).mean("FNOCX");
            System.out.println("zonal means of the first rows: " + firstRows.values());
            double spread = anomaly.std().compute().values().getDouble();
            System.out.printf("standard deviation of the anomalies: %.4f m/s%n", spread);

            DataArray yearly = u.resample("TIME", "YS").mean().mean("FNOCX", "FNOCY");
            System.out.println("yearly means: " + yearly.values());

            Path january = ExampleData.output("january.png");
            Plot.of(done.isel("month", 0)).save(january);                               // map with a colour bar
            Path series = ExampleData.output("series.png");
            Plot.of(point.compute()).size(900, 400).save(series);                       // a time series
            System.out.println("plots: " + january + ", " + series);

            Path out = ExampleData.output("clim.nc");
            done.rename("UWND_climatology").toDataset().toNetcdf(out);
            try (Dataset back = Lazuli.openDataset(out)) {
                System.out.println("wrote " + out.getFileName() + ": " + back.dataVarNames() + " " + back.sizes());
            }
        }
    }
}
