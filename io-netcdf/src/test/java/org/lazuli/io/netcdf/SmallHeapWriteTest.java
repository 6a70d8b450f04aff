package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;

/**
 * Writing streams: a lazy dataset four times the heap (surefire's {@code small-heap} execution,
 * {@code -Xmx128m}) writes as compressed NetCDF-4 slab by slab, with the values it computes to.
 */
@Tag("small-heap")
class SmallHeapWriteTest {
    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles());
    }

    @Test
    void aDatasetFourTimesTheHeapWritesAsNetcdf4() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        assertTrue(heap < 160L << 20, "run by the small-heap execution (-Xmx128m): " + heap);
        // 2200 days of 256 x 256 float32: 577 MB, in blocks of 100 days (26 MB)
        ChunkedArray tas = ChunkedArray.random(new long[] {2200, 256, 256}, new long[] {100, 256, 256}, 8)
                .multiply(40.0).add(250.0).astype(DType.FLOAT32);
        assertTrue(tas.nbytes() > 4 * heap, tas.nbytes() + " bytes against a heap of " + heap);
        Dataset ds = Dataset.of(Map.of("tas", Variable.lazy(List.of("time", "lat", "lon"), tas, Map.of("units", "K"))),
                Map.of(), Map.of());
        Path file = tmp.resolve("large.nc");
        ds.toNetcdf(file, WriteOptions.defaults().withEncoding("tas", Map.of("zlib", true, "complevel", 1,
                "chunksizes", List.of(10, 256, 256))));
        assertTrue(Files.size(file) > 100L << 20, "compressed random values: " + Files.size(file));
        try (NetcdfFile oracle = NetcdfFile.open(file.toString())) {
            ucar.nc2.Variable v = oracle.findVariable("tas");
            for (int day : new int[] {0, 999, 2199}) {
                Array slab = v.read(new int[] {day, 0, 0}, new int[] {1, 256, 256});
                float[] expected = tas.slice(0, day, day + 1).compute().toFloatArray();
                float[] got = (float[]) slab.get1DJavaArray(float.class);
                for (int i = 0; i < expected.length; i += 997) {
                    assertEquals(expected[i], got[i], "day " + day + ", element " + i);
                }
            }
        }
    }
}
