package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import ucar.ma2.Array;
import ucar.ma2.Section;
import ucar.nc2.NetcdfFile;

/** The NetCDF-4 chunk reader against NetCDF-Java's own reads, on every chunked variable of the testdata files. */
class Hdf5ChunksTest {

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles(), "no file handle outlives its dataset");
    }

    @Test
    void everyChunkedVariableReadsAsNetcdfJavaReadsIt() throws IOException {
        List<String> served = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Testdata.folder())) {
            files = list.filter(p -> "NetCDF-4 (HDF5)".equals(NetcdfFiles.format(p))).sorted().toList();
        }
        Random random = new Random(12);
        for (Path file : files) {
            String path = file.toAbsolutePath().normalize().toString();
            try (Dataset retained = Lazuli.openDataset(file, org.lazuli.io.spi.OpenOptions.defaults().withDecodeTimes(false));
                 NetcdfFile oracle = NetcdfFile.open(path)) {
                for (ucar.nc2.Variable v : oracle.getVariables()) {
                    DType dtype = NetcdfSource.dtypeOf(v.getDataType(), v.isUnsigned());
                    if (dtype == null || v.getRank() == 0) {
                        continue;
                    }
                    long[] shape = java.util.Arrays.stream(v.getShape()).asLongStream().toArray();
                    if (java.util.Arrays.stream(shape).anyMatch(n -> n == 0)) {
                        continue;
                    }
                    for (int trial = 0; trial < 6; trial++) {
                        long[] start = new long[shape.length];
                        long[] count = shape.clone();
                        if (trial > 0) {   // the whole variable first, then random hyperslabs
                            for (int k = 0; k < shape.length; k++) {
                                start[k] = random.nextInt((int) shape[k]);
                                count[k] = 1 + random.nextInt((int) (shape[k] - start[k]));
                            }
                        }
                        long[] step = new long[shape.length];
                        java.util.Arrays.fill(step, 1);
                        DenseArray got = Hdf5Chunks.read(path, v.getFullName(), dtype, start, step, count);
                        if (got == null) {
                            break;   // not a variable this reader serves (contiguous, compact, fletcher32 ...)
                        }
                        if (trial == 0) {
                            served.add(file.getFileName() + ":" + v.getFullName());
                        }
                        Array expected;
                        try {
                            expected = v.read(new Section(toInts(start), toInts(count)));
                        } catch (ucar.ma2.InvalidRangeException e) {
                            throw new AssertionError(e);
                        }
                        double[] want = new double[(int) expected.getSize()];
                        for (int i = 0; i < want.length; i++) {
                            want[i] = v.isUnsigned() ? unsigned(expected, i) : expected.getDouble(i);
                        }
                        if (!java.util.Arrays.equals(want, got.toDoubleArray())) {
                            mismatches.add(file.getFileName() + ":" + v.getFullName() + " at "
                                    + java.util.Arrays.toString(start) + " count " + java.util.Arrays.toString(count));
                        }
                    }
                }
            }
        }
        System.out.println("Read by the chunk reader: " + served);
        assertEquals(List.of(), mismatches);
        assertTrue(served.size() >= 5, "the chunk reader served the chunked variables: " + served);
    }

    /**
     * 192 days of 180 x 360 float32 stored in chunks of (24, 90, 90), opened as one block of 12 million
     * values: the time mean reads it in four pieces of 48 days, on stored chunks' edges (three pieces of
     * 64 days would cut chunks in two), and equals the mean of NetCDF-Java's own read.
     */
    @Test
    void aLargeBlockIsReducedInPiecesOnStoredChunksToNetcdfJavasValues(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("pieces.nc");
        ChunkedArray values = ChunkedArray.random(new long[] {192, 180, 360}, new long[] {24, 180, 360}, 4)
                .multiply(30.0).floor().add(260.0).astype(DType.FLOAT32);
        Dataset.of(Map.of("tas", Variable.lazy(List.of("time", "lat", "lon"), values, Map.of())), Map.of(), Map.of())
                .toNetcdf(file, WriteOptions.defaults().withEncoding("tas", Map.of("zlib", true, "complevel", 1,
                        "chunksizes", List.of(24, 90, 90))));
        double[] oracle;
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            oracle = (double[]) nc.findVariable("tas").read().get1DJavaArray(double.class);
        }
        try (Dataset ds = Lazuli.openDataset(file, Map.of("time", 192))) {
            DataArray mean = ds.get("tas").mean("time");
            assertEquals(5, mean.data().taskCount(), "four pieces of 48 days, merged");
            double[] got = mean.values().toDoubleArray();
            for (int cell : new int[] {0, 1, 359, 32_399, 64_799}) {
                double sum = 0;
                for (int t = 0; t < 192; t++) {
                    sum += oracle[t * 64_800 + cell];
                }
                assertEquals(sum / 192, got[cell], Math.ulp((float) (sum / 192)), "cell " + cell + ", a float32 mean");
            }
        }
    }

    private static double unsigned(Array a, int i) {
        return switch (a.getDataType()) {
            case BYTE -> a.getByte(i) & 0xff;
            case SHORT -> a.getShort(i) & 0xffff;
            case INT -> a.getInt(i) & 0xffffffffL;
            default -> a.getDouble(i);
        };
    }

    private static int[] toInts(long[] values) {
        return java.util.Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }
}
