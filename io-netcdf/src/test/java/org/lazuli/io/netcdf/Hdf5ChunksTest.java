package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.labelled.Dataset;
import ucar.ma2.Array;
import ucar.ma2.Section;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

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
                for (Variable v : oracle.getVariables()) {
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
