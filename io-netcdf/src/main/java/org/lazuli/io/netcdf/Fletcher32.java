package org.lazuli.io.netcdf;

/**
 * HDF5's fletcher32 checksum filter, verified: the filter appends to a chunk the Fletcher-32 sum of its
 * bytes taken as big-endian 16-bit words (an odd last byte as the high byte of a word), stored
 * little-endian. HDF5 before 1.6.3 stored it with the bytes of each half swapped; HDF5 accepts both,
 * and so does this.
 */
final class Fletcher32 {
    /** Words summed before the sums are folded: 360 keeps them within 32 bits (the HDF5 library's batch). */
    private static final int BATCH = 360;

    private Fletcher32() {
    }

    /** Whether the last 4 of {@code length} bytes of {@code data} are the checksum of the bytes before them. */
    static boolean matches(byte[] data, int length) {
        if (length < 4) {
            return false;
        }
        int n = length - 4;
        int computed = of(data, n);
        int stored = (data[n] & 0xff) | (data[n + 1] & 0xff) << 8 | (data[n + 2] & 0xff) << 16 | (data[n + 3] & 0xff) << 24;
        int swapped = (computed & 0xff00ff00) >>> 8 | (computed & 0x00ff00ff) << 8;
        return stored == computed || stored == swapped;
    }

    /** The Fletcher-32 sum of {@code data[0 .. length)}. */
    static int of(byte[] data, int length) {
        long sum1 = 0;
        long sum2 = 0;
        int words = length / 2;
        int i = 0;
        while (words > 0) {
            int batch = Math.min(words, BATCH);
            words -= batch;
            for (int w = 0; w < batch; w++, i += 2) {
                sum1 += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        if (length % 2 != 0) {
            sum1 += (data[i] & 0xff) << 8;
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        return (int) (sum2 << 16 | sum1);
    }
}
