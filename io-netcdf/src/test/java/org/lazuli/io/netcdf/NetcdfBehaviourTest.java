package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.MultiFileOptions;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.exec.ThreadedScheduler;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Slice;
import ucar.nc2.NetcdfFile;

class NetcdfBehaviourTest {
    private static final Path WINDS = Testdata.file("monthly_navy_winds.cdf");

    @TempDir
    Path tmp;

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles(), "no file handle outlives its dataset");
    }

    /** UWND read straight through NetCDF-Java, with -99.9 masked. */
    private static double[] windsFromNetcdfJava() throws IOException {
        try (NetcdfFile file = NetcdfFile.open(WINDS.toString())) {
            float[] raw = (float[]) file.findVariable("UWND").read().get1DJavaArray(float.class);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i] == -99.9f ? Double.NaN : raw[i];
            }
            return out;
        }
    }

    @Test
    void concurrentChunkReadsOnManyThreadsReturnTheFileValues() throws IOException {
        double[] expected = windsFromNetcdfJava();
        try (ThreadedScheduler four = ThreadedScheduler.create(4);
             Dataset ds = Lazuli.openDataset(WINDS, Map.of("TIME", 1, "FNOCY", 20))) {
            DataArray u = ds.get("UWND");
            assertEquals(132 * 4, u.data().numBlocks());
            for (int round = 0; round < 3; round++) {
                double[] got = u.data().compute(four).toDoubleArray();
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-6, "element " + i + " in round " + round);
                }
            }
            assertTrue(NetcdfBackend.openHandles() >= 1, "handles are cached per thread while the dataset is open");
        }
        assertEquals(0, NetcdfBackend.openHandles());
    }

    @Test
    void undecodedValuesEqualNetcdfJavaReads() throws IOException {
        OpenOptions raw = OpenOptions.defaults().withMaskAndScale(false).withDecodeTimes(false);
        for (String name : List.of("reduced.nc", "sub.nc", "bcsd_obs_1999.nc", "sci_xrsf-l2-avg1m_g16_d20210101_truncated.nc")) {
            try (Dataset ds = Lazuli.openDataset(Testdata.file(name), raw);
                 NetcdfFile file = NetcdfFile.open(Testdata.file(name).toString())) {
                for (ucar.nc2.Variable v : file.getVariables()) {
                    if (!v.getDataType().isNumeric()) {
                        continue;
                    }
                    ucar.ma2.Array values = v.read();
                    double[] got = ds.get(v.getShortName()).values().toDoubleArray();
                    for (int i = 0; i < got.length; i++) {
                        double want = values.getDouble(i);
                        if (v.isUnsigned() && v.getDataType() == ucar.ma2.DataType.BYTE) {
                            want = values.getByte(i) & 0xFF;
                        } else if (v.isUnsigned() && v.getDataType() == ucar.ma2.DataType.SHORT) {
                            want = values.getShort(i) & 0xFFFF;
                        }
                        assertEquals(want, got[i], 0, name + ":" + v.getShortName() + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void selectingOneYearTouchesOneChunk() {
        try (Dataset ds = Lazuli.openDataset(WINDS, Map.of("TIME", 12))) {
            DataArray u = ds.get("UWND");
            DataArray year = u.sel("TIME", "1985").mean("TIME");
            assertEquals(1, year.data().taskCount(), "one fused read-and-reduce task for the one chunk of 1985");
            DataArray all = u.mean("TIME");
            assertTrue(all.data().taskCount() >= 11);
            DataArray point = u.sel("FNOCY", 45.2, org.lazuli.labelled.SelectMethod.NEAREST).isel("FNOCX", 10);
            assertEquals(List.of("TIME"), point.dims());
        }
    }

    @Test
    void chunkOptionsFollowXarray() {
        Path chl = Testdata.file("S2008001.L3m_DAY_CHL_chlor_a_9km.nc");
        try (Dataset onDisk = Lazuli.openDataset(chl, Map.of());
             Dataset auto = Lazuli.openDataset(chl, OpenOptions.defaults().withAutoChunks());
             Dataset whole = Lazuli.openDataset(chl, Map.of("lat", -1, "lon", 1000));
             Dataset eager = Lazuli.openDataset(chl)) {
            assertArrayEquals(new long[] {64, 64}, onDisk.get("chlor_a").chunks().orElseThrow().maxBlockShape());
            long[] autoBlock = auto.get("chlor_a").chunks().orElseThrow().maxBlockShape();
            assertEquals(0, autoBlock[0] % 64 == 0 || autoBlock[0] == 2160 ? 0 : 1, "auto chunks are multiples of 64");
            assertArrayEquals(new long[] {2160, 1000}, whole.get("chlor_a").chunks().orElseThrow().maxBlockShape());
            assertFalse(eager.get("chlor_a").isLazy(), "without chunks: read on demand, computed like NumPy data");
            double sum = onDisk.get("chlor_a").sum().values().getDouble();
            assertEquals(sum, eager.get("chlor_a").sum().values().getDouble(), 1e-6 * Math.abs(sum));
            assertEquals(sum, whole.get("chlor_a").sum().values().getDouble(), 1e-6 * Math.abs(sum));
        }
    }

    @Test
    void badInputGetsClearErrors() throws IOException {
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Lazuli.openDataset(tmp.resolve("nope.nc")));
        assertTrue(missing.getMessage().contains("No such file") && missing.getMessage().contains("nope.nc"),
                missing.getMessage());
        IllegalArgumentException directory = assertThrows(IllegalArgumentException.class, () -> Lazuli.openDataset(tmp));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
        Path empty = Files.createFile(tmp.resolve("empty.nc"));
        UncheckedIOException emptyError = assertThrows(UncheckedIOException.class, () -> Lazuli.openDataset(empty));
        assertTrue(emptyError.getMessage().contains("empty.nc") && emptyError.getMessage().contains("is empty"),
                emptyError.getMessage());
        Path text = Files.writeString(tmp.resolve("notes.nc"), "these are not numbers");
        UncheckedIOException textError = assertThrows(UncheckedIOException.class, () -> Lazuli.openDataset(text));
        assertTrue(textError.getMessage().contains("is not a NetCDF file"), textError.getMessage());
        Path truncated = tmp.resolve("truncated.nc");
        byte[] bytes = Files.readAllBytes(Testdata.file("bcsd_obs_1999.nc"));
        Files.write(truncated, java.util.Arrays.copyOf(bytes, 700));
        RuntimeException truncatedError = assertThrows(RuntimeException.class, () -> {
            try (Dataset ds = Lazuli.openDataset(truncated)) {
                ds.get("pr").values();
            }
        });
        assertTrue(truncatedError.getMessage().contains("truncated.nc"), truncatedError.getMessage());
        UnsupportedOperationException compound = assertThrows(UnsupportedOperationException.class,
                () -> Lazuli.openDataset(Testdata.file("S2008001.L3b_DAY_CHL.nc"),
                        OpenOptions.defaults().withGroup("level-3_binned_data")));
        assertTrue(compound.getMessage().contains("compound") && compound.getMessage().contains("S2008001.L3b_DAY_CHL.nc"),
                compound.getMessage());
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> Lazuli.openDataset(Testdata.file("in_grp.nc"), OpenOptions.defaults().withGroup("g99")));
        assertTrue(group.getMessage().contains("g99") && group.getMessage().contains("g1"), group.getMessage());
        org.lazuli.labelled.LabelNotFoundException misspelt = assertThrows(org.lazuli.labelled.LabelNotFoundException.class,
                () -> Lazuli.openDataset(Testdata.file("monthly_navy_winds.cdf"), Map.of("TIM", 12)));
        assertEquals("Dimension 'TIM' not found in monthly_navy_winds.cdf, so it cannot be chunked; its dimensions are"
                + " [FNOCX, FNOCY, TIME]; did you mean 'TIME'?", misspelt.getMessage());
        try (Dataset root = Lazuli.openDataset(Testdata.file("S2008001.L3b_DAY_CHL.nc"))) {
            assertTrue(root.variables().isEmpty(), "the root group opens empty, as in xarray");
        }
    }

    @Test
    void aCorruptChunkFailsOnlyTheComputationsReadingIt() throws IOException {
        Path copy = tmp.resolve("corrupt.nc");
        byte[] bytes = Files.readAllBytes(Testdata.file("S2008001.L3m_DAY_CHL_chlor_a_9km.nc"));
        for (int i = 100_000; i < 100_400; i++) {   // inside the compressed chunks of a few blocks
            bytes[i] = (byte) 0x5A;
        }
        Files.write(copy, bytes);
        try (Dataset ds = Lazuli.openDataset(copy, Map.of("lat", 540, "lon", 1080))) {
            DataArray chl = ds.get("chlor_a");
            int failed = 0;
            int succeeded = 0;
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    try {
                        chl.isel(Map.of("lat", Slice.of(i * 540, (i + 1) * 540), "lon", Slice.of(j * 1080, (j + 1) * 1080)))
                                .sum().values();
                        succeeded++;
                    } catch (TaskFailedException e) {
                        assertTrue(e.getMessage().contains("corrupt.nc"), e.getMessage());
                        failed++;
                    }
                }
            }
            assertTrue(failed >= 1 && succeeded >= 1, failed + " blocks failed, " + succeeded + " succeeded");
        }
    }

    @Test
    void writingRoundTripsValuesAttributesAndEncoding() {
        for (String name : List.of("bcsd_obs_1999.nc", "reduced.nc", "sub.nc", "tas_mod2_hist_rectilin_grid_2D.nc",
                "bears.nc", "example_3_maskedvals.nc")) {
            Path out = tmp.resolve("copy-" + name);
            try (Dataset original = Lazuli.openDataset(Testdata.file(name))) {
                original.toNetcdf(out);
                try (Dataset back = Lazuli.openDataset(out)) {
                    assertEquals(original.sizes(), back.sizes(), name);
                    assertEquals(original.coordNames(), back.coordNames(), name);
                    for (String v : original.variables().keySet()) {
                        var a = original.variables().get(v);
                        var b = back.variables().get(v);
                        assertEquals(a.dims(), b.dims(), name + ":" + v);
                        if (a.isLabels()) {
                            assertEquals(a.labelValues().stream().map(String::valueOf).toList(),
                                    b.labelValues().stream().map(String::valueOf).toList(), name + ":" + v);
                        } else {
                            assertEquals(a.dtype(), b.dtype(), name + ":" + v + " dtype");
                            assertArrayEquals(a.values().toDoubleArray(), b.values().toDoubleArray(), 1e-6,
                                    name + ":" + v);
                            assertEquals(a.attrs().keySet(), b.attrs().keySet(), name + ":" + v + " attributes");
                        }
                    }
                    assertEquals(original.attrs().keySet(), back.attrs().keySet(), name + " global attributes");
                }
            }
        }
        assertFalse(Files.exists(tmp.resolve(".copy-sub.nc.writing")), "no temporary file left behind");
    }

    @Test
    void lazyDataIsWrittenSlabBySlabWithUnlimitedTime() {
        Path out = tmp.resolve("lazy.nc");
        DataArray field = DataArray.of(org.lazuli.array.ChunkedArray.random(new long[] {300, 40, 50},
                new long[] {25, 40, 50}, 3), "time", "y", "x").rename("noise");
        NetcdfWriter.write(field.toDataset(), out, NetcdfWriter.Format.OFFSET_64BIT, java.util.Set.of("time"));
        try (Dataset back = Lazuli.openDataset(out)) {
            DenseArray expected = field.values();
            assertEquals(expected, back.get("noise").values());
        }
    }

    @Test
    void manyFilesOpenAsOne() {
        try (Dataset whole = Lazuli.openDataset(Testdata.file("bcsd_obs_1999.nc"))) {
            for (int part = 0; part < 3; part++) {
                whole.isel("time", Slice.of(part * 4, part * 4 + 4)).toNetcdf(tmp.resolve("part" + part + ".nc"));
            }
            try (Dataset glob = Lazuli.openMfDataset(tmp.resolve("part*.nc").toString(),
                    MultiFileOptions.defaults().withConcatDim("time"));
                 Dataset byCoords = Lazuli.openMfDataset(List.of(tmp.resolve("part2.nc"), tmp.resolve("part0.nc"),
                         tmp.resolve("part1.nc")), MultiFileOptions.defaults())) {
                assertEquals(whole.get("tas").values(), glob.get("tas").values());
                assertEquals(whole.get("tas").values(), byCoords.get("tas").values());
                assertEquals(whole.get("time").labels(), byCoords.get("time").labels());
                assertTrue(glob.get("tas").isLazy());
            }
            // two files holding the same months: xarray's combine_by_coords raises, and so does this
            whole.isel("time", Slice.of(2, 6)).toNetcdf(tmp.resolve("overlap.nc"));
            int handles = NetcdfBackend.openHandles();
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> Lazuli.openMfDataset(
                    List.of(tmp.resolve("part0.nc"), tmp.resolve("overlap.nc")), MultiFileOptions.defaults()));
            assertTrue(overlap.getMessage().contains("overlap along 'time'") && overlap.getMessage().contains("1 = overlap.nc"),
                    overlap.getMessage());
            assertEquals(handles, NetcdfBackend.openHandles(), "the files opened are closed again");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Path broken = tmp.resolve("part9.nc");
        try {
            Files.writeString(broken, "oops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalArgumentException raised = assertThrows(IllegalArgumentException.class,
                () -> Lazuli.openMfDataset(tmp.resolve("part*.nc").toString(), MultiFileOptions.defaults()));
        assertTrue(raised.getMessage().contains("part9.nc"), raised.getMessage());
        try (Dataset skipped = Lazuli.openMfDataset(tmp.resolve("part*.nc").toString(),
                MultiFileOptions.defaults().withErrors(MultiFileOptions.Errors.IGNORE))) {
            assertEquals(12L, skipped.sizes().get("time"));
        }
    }

    @Test
    void anHdf5HeaderWithAnImplausibleAttributeSizeFailsInsteadOfReadingForMinutes() throws IOException {
        // found by CorruptFileFuzzTest (seed 1): a dataspace size set to 0xffffffff kept NetCDF-Java's open looping
        byte[] bytes = Files.readAllBytes(Testdata.file("goes_13_leap_second.nc"));
        java.nio.ByteBuffer.wrap(bytes).putInt(1204, 0xffffffff);
        Path damaged = tmp.resolve("goes_13_leap_second.nc");
        Files.write(damaged, bytes);
        UncheckedIOException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(60), () -> assertThrows(UncheckedIOException.class, () -> Lazuli.openDataset(damaged)));
        assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("implausible"), e.getMessage());
    }

    @Test
    void aTruncatedNetcdf3FileFailsAtOpenNamingTheVariableInsteadOfReadingZeros() throws IOException {
        byte[] bytes = Files.readAllBytes(WINDS);
        Path damaged = tmp.resolve("monthly_navy_winds.cdf");
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Lazuli.openDataset(damaged));
        assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("is truncated")
                && e.getMessage().contains("variable '"), e.getMessage());
    }
}
