package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import ucar.nc2.NetcdfFile;

/**
 * A large NetCDF-3 block is read through a mapping of the file, which is released as soon as the block
 * has been read: the file is not left mapped (and counted in resident memory) until a collection.
 */
class Netcdf3MappingTest {
    private static final Path MAPS = Path.of("/proc/self/maps");

    @TempDir
    Path tmp;

    @Test
    void aMappedBlockIsUnmappedWhenRead() throws IOException {
        assumeTrue(Files.isReadable(MAPS), "needs Linux's /proc/self/maps");
        // 40 x 180 x 360 float32: 10 MB, above the 4 MB from which a run is mapped
        ChunkedArray tas = ChunkedArray.random(new long[] {40, 180, 360}, new long[] {40, 180, 360}, 3).astype(DType.FLOAT32);
        Path file = tmp.resolve("mapped.nc");
        Dataset.of(Map.of("tas", Variable.lazy(List.of("time", "lat", "lon"), tas, Map.of())), Map.of(), Map.of())
                .toNetcdf(file, WriteOptions.defaults().withFormat("NETCDF3_64BIT"));
        String path = file.toAbsolutePath().normalize().toString();

        assertTrue(Unmapping.available(), "this JDK unmaps on request");
        HandleCache.retain(path);
        try {
            DenseArray block = Netcdf3Reader.read(path, "tas", DType.FLOAT32, new long[3], new long[] {1, 1, 1},
                    new long[] {40, 180, 360});
            try (NetcdfFile nc = NetcdfFile.open(path)) {
                double[] expected = (double[]) nc.findVariable("tas").read().get1DJavaArray(double.class);
                assertEquals(DType.FLOAT32, block.dtype());
                assertArrayEquals(expected, block.toDoubleArray(), 0.0);
            }
            assertEquals(List.of(), Files.readAllLines(MAPS).stream().filter(line -> line.endsWith(path)).toList(),
                    "no mapping of the file is left");
        } finally {
            HandleCache.release(path);
        }
    }
}
