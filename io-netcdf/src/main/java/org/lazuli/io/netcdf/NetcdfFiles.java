package org.lazuli.io.netcdf;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import ucar.nc2.NetcdfFile;
import ucar.unidata.io.RandomAccessFile;

/** Opening files with errors that name the file and the problem. */
final class NetcdfFiles {
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private NetcdfFiles() {
    }

    /** The format of a file from its first bytes, or null when it is not NetCDF. */
    static String format(Path path) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            return null;
        }
        if (n >= 4 && head[0] == 'C' && head[1] == 'D' && head[2] == 'F') {
            return switch (head[3]) {
                case 1 -> "NetCDF-3 classic";
                case 2 -> "NetCDF-3 64-bit offset";
                case 5 -> "NetCDF-3 64-bit data (CDF-5)";
                default -> null;
            };
        }
        if (n == 8 && Arrays.equals(head, HDF5)) {
            return "NetCDF-4 (HDF5)";
        }
        return null;
    }

    /** Opens a handle, explaining failures: missing, empty, not NetCDF, truncated or corrupt. */
    static NetcdfFile open(String path) throws IOException {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw new FileNotFoundException("No such file: " + path);
        }
        if (Files.size(file) == 0) {
            throw new IOException(path + " is empty (0 bytes); it is not a NetCDF file");
        }
        if (format(file) == null) {
            throw new IOException(path + " is not a NetCDF file (it does not start with 'CDF' or the HDF5 signature)");
        }
        BoundedOpen raf = new BoundedOpen(path);
        try {
            NetcdfFile handle = NetcdfFile.open(raf, path, null, null);
            raf.lift();
            return handle;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            try {
                raf.close();
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            // an OutOfMemoryError here is an allocation NetCDF-Java sized from the header that failed: nothing was
            // allocated, and the file is what is wrong
            throw new IOException("Cannot read " + path + " (" + format(file) + ", " + Files.size(file) + " bytes): "
                    + describe(e) + "; the file may be truncated or corrupt", e);
        }
    }

    /**
     * The file as NetCDF-Java reads it, with a bound on the positioned reads its header parse may make:
     * a damaged size in an HDF5 header (an attribute of billions of elements) otherwise sends it through a
     * read loop for minutes. A valid header takes a few thousand; data reads after the open are unbounded.
     */
    private static final class BoundedOpen extends RandomAccessFile {
        private static final long OPEN_SEEKS = 2_000_000;
        private long seeksLeft = OPEN_SEEKS;
        private boolean lifted;

        BoundedOpen(String path) throws IOException {
            super(path, "r");
        }

        void lift() {
            lifted = true;
        }

        @Override
        public void seek(long position) throws IOException {
            if (!lifted && --seeksLeft < 0) {
                throw new IOException("its header makes NetCDF-Java read more than " + OPEN_SEEKS + " times just to"
                        + " open it (a size in the header is implausible)");
            }
            super.seek(position);
        }
    }

    /** A failure in words; one caused by running out of heap says that a size read from the file is implausible. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "a size read from the file asks for more memory than this JVM has (" + t.getMessage() + ")";
            }
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
