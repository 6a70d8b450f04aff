package org.lazuli.io.netcdf;

/**
 * HDF5's shuffle filter undone, fused with the byte-order conversion: in a shuffled chunk of {@code n}
 * values of {@code s} bytes, byte {@code j} of value {@code i} is at {@code j * n + i}. One pass reads
 * the {@code s} byte planes and writes each value once, with no intermediate byte array.
 */
final class Shuffle {
    private Shuffle() {
    }

    static void unshuffle2(byte[] b, int n, short[] out, int at, boolean little) {
        for (int i = 0; i < n; i++) {
            int b0 = b[i] & 0xff;
            int b1 = b[n + i] & 0xff;
            out[at + i] = (short) (little ? b0 | b1 << 8 : b1 | b0 << 8);
        }
    }

    static void unshuffle4(byte[] b, int n, int[] out, int at, boolean little) {
        int n2 = 2 * n;
        int n3 = 3 * n;
        if (little) {
            for (int i = 0; i < n; i++) {
                out[at + i] = (b[i] & 0xff) | (b[n + i] & 0xff) << 8 | (b[n2 + i] & 0xff) << 16 | b[n3 + i] << 24;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[at + i] = b[i] << 24 | (b[n + i] & 0xff) << 16 | (b[n2 + i] & 0xff) << 8 | (b[n3 + i] & 0xff);
            }
        }
    }

    static void unshuffleFloats(byte[] b, int n, float[] out, int at, boolean little) {
        int n2 = 2 * n;
        int n3 = 3 * n;
        if (little) {
            for (int i = 0; i < n; i++) {
                out[at + i] = Float.intBitsToFloat(
                        (b[i] & 0xff) | (b[n + i] & 0xff) << 8 | (b[n2 + i] & 0xff) << 16 | b[n3 + i] << 24);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[at + i] = Float.intBitsToFloat(
                        b[i] << 24 | (b[n + i] & 0xff) << 16 | (b[n2 + i] & 0xff) << 8 | (b[n3 + i] & 0xff));
            }
        }
    }

    static void unshuffle8(byte[] b, int n, long[] out, int at, boolean little) {
        for (int i = 0; i < n; i++) {
            out[at + i] = gather8(b, n, i, little);
        }
    }

    static void unshuffleDoubles(byte[] b, int n, double[] out, int at, boolean little) {
        for (int i = 0; i < n; i++) {
            out[at + i] = Double.longBitsToDouble(gather8(b, n, i, little));
        }
    }

    private static long gather8(byte[] b, int n, int i, boolean little) {
        long v = 0;
        if (little) {
            for (int j = 7; j >= 0; j--) {
                v = v << 8 | (b[j * n + i] & 0xffL);
            }
        } else {
            for (int j = 0; j < 8; j++) {
                v = v << 8 | (b[j * n + i] & 0xffL);
            }
        }
        return v;
    }
}
