package org.lazuli.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.exec.SynchronousScheduler;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;

/** The tutorial's gateway section on a gateway it starts, checked against the local scheduler. */
class TutorialGatewayTest {

    @Test
    @Timeout(300)
    void gatewaySectionGivesTheLocalResults() throws Exception {
        UsingAGateway.Results results = UsingAGateway.runOnOwnGateway(new long[] {3000, 2000});
        double mean = ChunkedArray.random(new long[] {3000, 2000}, new long[] {1000, 1000}, 42L).mean()
                .compute(SynchronousScheduler.instance()).getDouble();
        assertEquals(mean, results.mean(), 0.0);
        try (Dataset winds = Lazuli.openDataset(ExampleData.winds(), Map.of("TIME", 12))) {
            double[] point = winds.get("UWND").sel("TIME", Slice.of("1984-10", "1990-04")).groupBy("TIME.month")
                    .mean("TIME").isel("FNOCY", 36).isel("FNOCX", 72).values().toDoubleArray();
            assertArrayEquals(point, results.climatologyPoint(), 0.0);
        }
        assertEquals(List.of(1, 4, 9, 16), results.squares());
        assertEquals(0, ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(results.cluster())).count(), "no cluster process is left");
    }
}
