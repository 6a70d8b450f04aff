package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import ucar.nc2.NetcdfFile;

/** Each variable's reader is chosen once, when its file is opened; every reader gives NetCDF-Java's values. */
class ReaderChoiceTest {

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles(), "no file handle outlives its dataset");
    }

    /** The source of {@code variable} as the backend makes it, with the file open (retained) or not. */
    private static NetcdfSource source(Path file, String variable) throws IOException {
        String path = file.toAbsolutePath().normalize().toString();
        try (NetcdfFile nc = NetcdfFile.open(path)) {
            ucar.nc2.Variable v = nc.findVariable(variable);
            long[] shape = Arrays.stream(v.getShape()).asLongStream().toArray();
            boolean hdf5 = v.getSPobject() instanceof ucar.nc2.iosp.hdf5.H5header.Vinfo;
            long[] ones = new long[shape.length];
            Arrays.fill(ones, 1);
            return new NetcdfSource(path, v.getFullNameEscaped(), v.getShortName(), shape,
                    NetcdfSource.dtypeOf(v.getDataType(), v.isUnsigned()), v.isUnsigned(), 0, hdf5 ? v.getFullName() : null,
                    ones);
        }
    }

    private static double[] netcdfJava(Path file, String variable) throws IOException {
        try (NetcdfFile nc = NetcdfFile.open(file.toString())) {
            return (double[]) nc.findVariable(variable).read().get1DJavaArray(double.class);
        }
    }

    private static double[] readWhole(NetcdfSource source) {
        long[] shape = source.shape();
        long[] step = new long[shape.length];
        Arrays.fill(step, 1);
        return source.read(new long[shape.length], step, shape).toDoubleArray();
    }

    private static void check(Path file, String variable, NetcdfSource.Reader expected) throws IOException {
        String path = file.toAbsolutePath().normalize().toString();
        HandleCache.retain(path);
        try {
            NetcdfSource source = source(file, variable);
            assertEquals(expected, source.reader(), variable + " in " + file.getFileName());
            assertArrayEquals(netcdfJava(file, variable), readWhole(source), 0.0, variable);
            long[] step = new long[source.shape().length];
            Arrays.fill(step, 2);   // strided: the direct readers decline, NetCDF-Java reads it
            long[] count = Arrays.stream(source.shape()).map(n -> (n + 1) / 2).toArray();
            DenseArray strided = source.read(new long[count.length], step, count);
            assertArrayEquals(count, strided.shape());
        } finally {
            HandleCache.release(path);
        }
    }

    @Test
    void aNetcdf3VariableIsReadFromTheFilesBytes() throws IOException {
        check(Testdata.file("monthly_navy_winds.cdf"), "UWND", NetcdfSource.Reader.NETCDF3);
    }

    @Test
    void aDeflatedNetcdf4VariableIsReadByTheChunkReader() throws IOException {
        check(Testdata.file("lcc_km.nc"), "prcp", NetcdfSource.Reader.HDF5_CHUNKS);
    }

    @Test
    void aContiguousNetcdf4VariableIsReadByNetcdfJava() throws IOException {
        check(Testdata.file("goes_13_leap_second.nc"), "a_counts", NetcdfSource.Reader.NETCDF_JAVA);
    }

    @Test
    void aFileNotOpenInThisJvmIsReadByNetcdfJavaWithTheSameValues() throws IOException {
        Path winds = Testdata.file("monthly_navy_winds.cdf");
        NetcdfSource source = source(winds, "UWND");   // no dataset of the file open: as on another machine
        assertEquals(NetcdfSource.Reader.NETCDF_JAVA, source.reader());
        assertArrayEquals(netcdfJava(winds, "UWND"), readWhole(source), 0.0);
        assertEquals(DType.FLOAT32, source.dtype());
    }
}
