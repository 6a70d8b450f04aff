package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.ChunkedArray;
import org.lazuli.array.DenseArray;
import org.lazuli.io.spi.WriteOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import ucar.nc2.NetcdfFile;

/**
 * NetCDF-4 writing through NetCDF-Java's writer over the netCDF C library (installed by {@code .ci/run}:
 * libnetcdf19, and netcdf-bin for {@code ncdump}, the C library's own view of the file).
 */
class Netcdf4WriteTest {
    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles());
    }

    /** 40 days x 18 x 36 of float32, a noleap time axis, an int64 variable past int32's range. */
    private static Dataset sample() {
        ChunkedArray tas = ChunkedArray.random(new long[] {40, 18, 36}, new long[] {10, 18, 36}, 3).multiply(40.0)
                .add(250.0).astype(org.lazuli.array.DType.FLOAT32);
        List<Object> days = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            days.add(CalendarDate.of(Calendar.of("noleap"), 2001, 2, 1).plusDays(d));
        }
        long[] big = new long[18];
        for (int i = 0; i < big.length; i++) {
            big[i] = (1L << 40) + i;
        }
        Map<String, Variable> data = new LinkedHashMap<>();
        data.put("tas", Variable.lazy(List.of("time", "lat", "lon"), tas, Map.of("units", "K", "long_name", "air temperature")));
        data.put("count", Variable.of(List.of("lat"), DenseArray.of(big, 18)));
        Map<String, Variable> coords = new LinkedHashMap<>();
        coords.put("time", Variable.labels("time", days, Map.of("standard_name", "time")));
        return Dataset.of(data, coords, Map.of("title", "NetCDF-4 writing"));
    }

    private static String ncdump(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ncdump", "-hs", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void compressedChunkedNetcdf4ReadsBackWithItsStorageAndValues() throws Exception {
        Dataset ds = sample();
        Path file = tmp.resolve("out.nc");
        ds.toNetcdf(file, WriteOptions.defaults().withFormat("NETCDF4")
                .withEncoding("tas", Map.of("zlib", true, "complevel", 4, "shuffle", true, "chunksizes", List.of(1, 18, 36)))
                .withEncoding("time", Map.of("units", "days since 2001-01-01", "calendar", "noleap"))
                .withUnlimitedDims("time"));
        String header = ncdump(file);
        assertTrue(header.contains(":_Format = \"netCDF-4\""), header);
        assertTrue(header.contains("time = UNLIMITED"), header);
        assertTrue(header.contains("tas:_DeflateLevel = 4") && header.contains("tas:_Shuffle = \"true\"")
                && header.contains("tas:_ChunkSizes = 1, 18, 36"), header);
        assertTrue(header.contains("int64 count(lat)"), "int64 is kept in NETCDF4: " + header);
        assertTrue(header.contains("time:units = \"days since 2001-01-01\"") && header.contains("time:calendar = \"noleap\""),
                header);
        try (Dataset back = Lazuli.openDataset(file)) {
            assertArrayEquals(ds.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
            assertArrayEquals(ds.get("count").values().toLongArray(), back.get("count").values().toLongArray());
            assertEquals(ds.variables().get("time").labelValues(), back.variables().get("time").labelValues());
            assertEquals("air temperature", back.get("tas").attrs().get("long_name"));
            assertEquals("NetCDF-4 writing", back.attrs().get("title"));
        }
        try (NetcdfFile oracle = NetcdfFile.open(file.toString())) {
            float[] raw = (float[]) oracle.findVariable("tas").read().get1DJavaArray(float.class);
            assertArrayEquals(ds.get("tas").values().toFloatArray(), raw);
        }
    }

    @Test
    void aDatasetWrittenIntoAGroupReadsBackFromThatGroup() throws Exception {
        Dataset ds = sample();
        Path file = tmp.resolve("grouped.nc");
        ds.toNetcdf(file, WriteOptions.defaults().withGroup("model/run1").withUnlimitedDims("time")
                .withEncoding("tas", Map.of("zlib", true, "complevel", 2, "chunksizes", List.of(5, 18, 36))));
        String header = ncdump(file);
        assertTrue(header.contains("group: model {") && header.contains("group: run1 {"), header);
        assertTrue(header.contains("time = UNLIMITED") && header.contains("tas:_DeflateLevel = 2")
                && header.contains(":title = \"NetCDF-4 writing\""), header);
        try (Dataset back = Lazuli.openDataset(file, org.lazuli.io.spi.OpenOptions.defaults().withGroup("model/run1"))) {
            assertArrayEquals(ds.get("tas").values().toFloatArray(), back.get("tas").values().toFloatArray());
            assertEquals(ds.variables().get("time").labelValues(), back.variables().get("time").labelValues());
            assertEquals("NetCDF-4 writing", back.attrs().get("title"));
        }
        try (NetcdfFile oracle = NetcdfFile.open(file.toString())) {
            assertTrue(oracle.getRootGroup().getVariables().isEmpty(), "nothing in the root group");
            assertArrayEquals(ds.get("count").values().toLongArray(),
                    (long[]) oracle.findVariable("model/run1/count").read().get1DJavaArray(long.class));
        }
        IllegalArgumentException classic = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.defaults().withGroup("model").withFormat("NETCDF3_64BIT"));
        assertEquals("Group 'model' cannot be written as NETCDF3_64BIT: only NETCDF4 has groups; write NETCDF4, or"
                + " leave the group out", classic.getMessage());
    }

    @Test
    void uint8IsWrittenAsNetcdf4sUnsignedByteAndNarrowedOnlyInTheClassicFormats() throws Exception {
        byte[] raw = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
        DenseArray flags = DenseArray.ofUnsigned(raw, 6);
        Dataset ds = Dataset.of(Map.of("flags", Variable.of(List.of("x"), flags)), Map.of(), Map.of());
        Path file = tmp.resolve("flags.nc");
        ds.toNetcdf(file);
        assertTrue(ncdump(file).contains("ubyte flags(x)"), "NC_UBYTE, as xarray writes uint8: " + ncdump(file));
        try (Dataset back = Lazuli.openDataset(file)) {
            assertEquals(org.lazuli.array.DType.UINT8, back.get("flags").dtype());
            assertArrayEquals(new long[] {0, 1, 127, 128, 200, 255}, back.get("flags").values().toLongArray());
        }
        Path classic = tmp.resolve("flags_classic.nc");
        ds.toNetcdf(classic, WriteOptions.defaults().withFormat("NETCDF4_CLASSIC"));
        assertTrue(ncdump(classic).contains("short flags(x)"), "the classic model has no unsigned types");
        try (Dataset back = Lazuli.openDataset(classic)) {
            assertArrayEquals(new long[] {0, 1, 127, 128, 200, 255}, back.get("flags").values().toLongArray());
        }
    }

    @Test
    void toNetcdfWritesNetcdf4AsXarrayWithStringsAsStrings() throws Exception {
        List<Object> names = List.of("Zürich", "Oslo", "", "Ho Chi Minh City");
        Map<String, Variable> data = new LinkedHashMap<>();
        data.put("rain", Variable.of(List.of("station"), DenseArray.of(new double[] {1.5, 0, 2.25, 9}, 4)));
        Dataset stations = Dataset.of(data, Map.of("station", Variable.labels("station", names, Map.of())), Map.of());
        Path file = tmp.resolve("stations.nc");
        stations.toNetcdf(file);
        String header = ncdump(file);
        assertTrue(header.contains(":_Format = \"netCDF-4\""), "NETCDF4 by default, as xarray: " + header);
        assertTrue(header.contains("string station(station)"), "strings are NC_STRING in NETCDF4: " + header);
        try (Dataset back = Lazuli.openDataset(file); NetcdfFile oracle = NetcdfFile.open(file.toString())) {
            assertEquals(names, back.variables().get("station").labelValues());
            assertEquals("Ho Chi Minh City", oracle.findVariable("station").read().getObject(3));
            assertArrayEquals(new double[] {1.5, 0, 2.25, 9}, back.get("rain").values().toDoubleArray());
        }
        Path classic = tmp.resolve("stations_classic.nc");
        stations.toNetcdf(classic, WriteOptions.defaults().withFormat("NETCDF4_CLASSIC"));
        assertTrue(ncdump(classic).contains("char station(station, string"), "the classic model has only chars");
        try (Dataset back = Lazuli.openDataset(classic)) {
            assertEquals(names, back.variables().get("station").labelValues());
        }
    }

    @Test
    void storageEncodingsAreReadBackAndWrittenAgainAsXarrayKeepsThem() throws Exception {
        Path first = tmp.resolve("first.nc");
        sample().toNetcdf(first, WriteOptions.defaults().withFormat("NETCDF4")
                .withEncoding("tas", Map.of("zlib", true, "complevel", 3, "shuffle", true, "chunksizes", List.of(5, 9, 36))));
        Path second = tmp.resolve("second.nc");
        try (Dataset back = Lazuli.openDataset(first)) {
            Map<String, Object> encoding = back.get("tas").variable().encoding();
            assertEquals(true, encoding.get("zlib"));
            assertEquals(3, encoding.get("complevel"));
            assertEquals(true, encoding.get("shuffle"));
            assertEquals(false, encoding.get("contiguous"));
            assertArrayEquals(new long[] {5, 9, 36}, (long[]) encoding.get("chunksizes"));
            assertEquals(true, back.get("count").variable().encoding().get("contiguous"));
            back.toNetcdf(second, WriteOptions.defaults().withFormat("NETCDF4").withUnlimitedDims("time"));
        }
        String header = ncdump(second);
        assertTrue(header.contains("tas:_DeflateLevel = 3") && header.contains("tas:_Shuffle = \"true\"")
                && header.contains("tas:_ChunkSizes = 5, 9, 36"), "the encoding read is the encoding written: " + header);
        assertTrue(header.contains("time = UNLIMITED"), "an inherited contiguous layout gives way: " + header);
    }

    @Test
    void netcdf4ClassicNarrowsInt64WithACheckAndNetcdf3StillNeedsNoLibrary() throws Exception {
        Path classic = tmp.resolve("classic.nc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sample().toNetcdf(classic, WriteOptions.defaults().withFormat("NETCDF4_CLASSIC")));
        assertTrue(e.getMessage().contains("'count'") && e.getMessage().contains("astype"), e.getMessage());
        assertFalse(Files.exists(classic), "a failed write leaves no file");
        Dataset small = sample().drop("count");
        small.toNetcdf(classic, WriteOptions.defaults().withFormat("NETCDF4_CLASSIC"));
        assertTrue(ncdump(classic).contains(":_Format = \"netCDF-4 classic model\""));
        Path three = tmp.resolve("three.nc");
        small.toNetcdf(three, WriteOptions.defaults().withFormat("NETCDF3_CLASSIC"));
        assertEquals("NetCDF-3 classic", NetcdfFiles.format(three));
    }

    @Test
    void badOptionsAreRefusedWithWhatIsAllowed() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.defaults().withFormat("NETCDF5"));
        assertTrue(format.getMessage().contains("NETCDF4_CLASSIC"), format.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.defaults().withEncoding("tas", Map.of("compression", "zlib")));
        assertTrue(key.getMessage().contains("'compression'") && key.getMessage().contains("complevel"), key.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> sample().toNetcdf(tmp.resolve("x.nc"), WriteOptions.defaults().withFormat("NETCDF4")
                        .withEncoding("pr", Map.of("zlib", true))));
        assertTrue(unknown.getMessage().contains("'pr'") && unknown.getMessage().contains("tas"), unknown.getMessage());
        IllegalArgumentException chunks = assertThrows(IllegalArgumentException.class,
                () -> sample().toNetcdf(tmp.resolve("y.nc"), WriteOptions.defaults().withFormat("NETCDF4")
                        .withEncoding("tas", Map.of("chunksizes", List.of(1, 18)))));
        assertTrue(chunks.getMessage().contains("'tas' has 3 dimensions"), chunks.getMessage());
    }
}
