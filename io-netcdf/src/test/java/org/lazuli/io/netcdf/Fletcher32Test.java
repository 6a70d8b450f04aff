package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.TaskFailedException;
import org.lazuli.labelled.Dataset;
import ucar.nc2.NetcdfFile;

/**
 * Checksummed NetCDF-4 variables through the chunk reader: files written by the netCDF C library
 * ({@code ncgen}, which applies fletcher32 before shuffle and deflate, so the checksum is shuffled and
 * compressed with the values), read as NetCDF-Java reads them; a damaged chunk fails its checksum.
 */
class Fletcher32Test {
    private static final int T = 10;
    private static final int X = 7;

    @TempDir
    Path folder;

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, NetcdfBackend.openHandles(), "no file handle outlives its dataset");
    }

    @Test
    void checksumIsTheOneTheHdf5LibraryComputes() {
        // "abcde": words 0x6162, 0x6364 and the odd byte as 0x6500; sums folded mod 65535 by hand
        byte[] abcde = "abcde".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0x4FF029C7, Fletcher32.of(abcde, 5));
        assertEquals(0, Fletcher32.of(new byte[0], 0));
        byte[] withSum = java.util.Arrays.copyOf(abcde, 9);
        ByteBuffer.wrap(withSum, 5, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Fletcher32.of(abcde, 5));
        assertTrue(Fletcher32.matches(withSum, 9));
        withSum[2] ^= 1;
        assertTrue(!Fletcher32.matches(withSum, 9));
    }

    @Test
    void checksummedVariablesReadAsNetcdfJavaReadsThem() throws Exception {
        Path file = ncgen("checksums");
        String path = file.toAbsolutePath().normalize().toString();
        try (Dataset ds = Lazuli.openDataset(file); NetcdfFile oracle = NetcdfFile.open(path)) {
            for (String name : new String[]{"all", "checksum_only", "shuffled_checksum", "shorts", "doubles"}) {
                ucar.nc2.Variable v = oracle.findVariable(name);
                DType dtype = NetcdfSource.dtypeOf(v.getDataType(), v.isUnsigned());
                DenseArray whole = Hdf5Chunks.read(path, name, dtype, new long[]{0, 0}, new long[]{1, 1}, new long[]{T, X});
                assertNotNull(whole, name + " is read by the chunk reader, checksums verified");
                double[] want = (double[]) v.read().get1DJavaArray(double.class);
                assertArrayEquals(want, whole.toDoubleArray(), name);
                DenseArray part = Hdf5Chunks.read(path, name, dtype, new long[]{2, 3}, new long[]{1, 1}, new long[]{5, 3});
                double[] wantPart = (double[]) v.read("2:6,3:5").get1DJavaArray(double.class);
                assertArrayEquals(wantPart, part.toDoubleArray(), name + " in part");
                assertArrayEquals(want, ds.get(name).values().toDoubleArray(), name + " through the dataset");
            }
            assertEquals(true, ds.get("all").encoding().get("fletcher32"));
            assertEquals(false, ds.get("shorts").encoding().get("zlib"));
        }
    }

    @Test
    void aDamagedChunkFailsItsChecksumNamingFileAndVariable() throws Exception {
        Path file = ncgen("damaged");
        byte[] bytes = Files.readAllBytes(file);
        // checksum_only is stored unfiltered in the C library's native (little-endian) order: find its last value
        byte[] needle = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1017.25f).array();
        int at = indexOf(bytes, needle);
        assertTrue(at > 0, "the stored value is found in the file");
        bytes[at] ^= 0x10;
        Files.write(file, bytes);
        try (Dataset ds = Lazuli.openDataset(file)) {
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> ds.get("checksum_only").values());
            String message = e.getMessage();
            assertTrue(message.contains("checksum_only") && message.contains(file.getFileName().toString())
                    && message.contains("fletcher32 checksum"), message);
            assertEquals(1000.0, ds.get("all").values().toDoubleArray()[0], "the other variables still read");
        }
    }

    private Path ncgen(String name) throws IOException, InterruptedException {
        StringBuilder cdl = new StringBuilder("netcdf " + name + " {\ndimensions:\n  t = " + T + " ;\n  x = " + X
                + " ;\nvariables:\n");
        String[][] variables = {
                {"float", "all", "_Fletcher32 = \"true\" ; all:_Shuffle = \"true\" ; all:_DeflateLevel = 4"},
                {"float", "checksum_only", "_Fletcher32 = \"true\""},
                {"float", "shuffled_checksum", "_Fletcher32 = \"true\" ; shuffled_checksum:_Shuffle = \"true\""},
                {"short", "shorts", "_Fletcher32 = \"true\" ; shorts:_Shuffle = \"true\""},
                {"double", "doubles", "_Fletcher32 = \"true\" ; doubles:_Shuffle = \"true\" ; doubles:_DeflateLevel = 1"},
        };
        for (String[] v : variables) {
            cdl.append("  ").append(v[0]).append(' ').append(v[1]).append("(t, x) ;\n    ").append(v[1])
                    .append(":_ChunkSizes = 3, 4 ;\n    ").append(v[1]).append(':').append(v[2]).append(" ;\n");
        }
        cdl.append("data:\n");
        for (String[] v : variables) {
            cdl.append("  ").append(v[1]).append(" = ");
            for (int i = 0; i < T * X; i++) {
                cdl.append(i == 0 ? "" : ", ").append(v[0].equals("short") ? String.valueOf(i * 3 - 70) : (1000 + i * 0.25) + "");
            }
            cdl.append(" ;\n");
        }
        cdl.append("}\n");
        Path source = folder.resolve(name + ".cdl");
        Files.writeString(source, cdl);
        Path file = folder.resolve(name + ".nc");
        Process p = new ProcessBuilder("ncgen", "-k", "nc4", "-o", file.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "ncgen (Debian's netcdf-bin, installed by .ci/run): " + out);
        return file;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
