package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.ThreadedScheduler;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import ucar.nc2.NetcdfFile;

/**
 * NetCDF-3 blocks as a reduction reads them: a large block through a mapping of the file, released as
 * soon as the block has been read (not left mapped, and counted in resident memory, until a
 * collection); into the storage a reduction's thread reuses, with NetCDF-Java's values.
 */
class Netcdf3ReadTest {
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
                    new long[] {40, 180, 360}, null);
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

    @Test
    void aReadIntoGivenStorageFillsEveryElementOfItWithNetcdfJavasValues() throws Exception {
        Path file = Testdata.file("monthly_navy_winds.cdf");
        String path = file.toAbsolutePath().normalize().toString();
        HandleCache.retain(path);
        try (NetcdfFile nc = NetcdfFile.open(path)) {
            ucar.ma2.Array expected = nc.findVariable("UWND").read("2:5,3:10,0:20");
            long[] start = {2, 3, 0};
            long[] count = {4, 8, 21};
            float[] storage = new float[4 * 8 * 21];
            Arrays.fill(storage, 1e30f);   // what a previous block left in it must not show through
            DenseArray into = Netcdf3Reader.read(path, "UWND", DType.FLOAT32, start, new long[] {1, 1, 1}, count,
                    () -> storage);
            assertArrayEquals((double[]) expected.get1DJavaArray(double.class), into.toDoubleArray(), 0.0);
            assertSame(storage, into.readFloats(f -> f), "the block is the storage given, not a copy");
        } finally {
            HandleCache.release(path);
        }
    }

    @Test
    void reductionsInARowOnOneThreadGiveTheEagerValues() {
        // without masking, the reductions read the file's values where they lie (a plain source read)
        try (Dataset ds = Lazuli.openDataset(Testdata.file("monthly_navy_winds.cdf"),
                OpenOptions.defaults().withChunks(Map.of("TIME", 3)).withMaskAndScale(false));
             ThreadedScheduler one = ThreadedScheduler.create(1)) {
            DataArray uwnd = ds.get("UWND");
            DataArray eager = uwnd.load();
            // one thread: every block of both reductions goes through the same scratch storage
            double[] mean = uwnd.mean("TIME").data().compute(one).toDoubleArray();
            double[] max = uwnd.max("FNOCY").data().compute(one).toDoubleArray();
            double[] meanAgain = uwnd.mean("TIME").data().compute(one).toDoubleArray();
            assertArrayEquals(eager.mean("TIME").values().toDoubleArray(), mean, 1e-12);
            assertArrayEquals(eager.max("FNOCY").values().toDoubleArray(), max, 0.0);
            assertArrayEquals(mean, meanAgain, 0.0);
        }
    }
}
