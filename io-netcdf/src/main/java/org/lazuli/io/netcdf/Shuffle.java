package org.lazuli.io.netcdf;

/**
 * HDF5's shuffle filter undone, fused with the byte-order conversion: in a shuffled chunk of {@code n}
 * values of {@code s} bytes, byte {@code j} of value {@code i} is at {@code j * n + i}. One pass reads
 * the {@code s} byte planes and writes each value once, with no intermediate byte array. Each call
 * decodes values {@code from .. from + count - 1} of the chunk into {@code out[at ..]}, so a part of a
 * chunk is decoded without the rest.
 */
final class Shuffle {
    private Shuffle() {
    }

    /**
     * Undoes the shuffle of {@code length} bytes of {@code size}-byte values into {@code out}, as bytes: for a
     * chunk whose shuffle is not the last filter undone (a checksum over the unshuffled bytes follows). Bytes
     * past the last whole value are stored as they were, as HDF5's filter leaves them.
     */
    static void unshuffleBytes(byte[] b, int length, int size, byte[] out) {
        int n = length / size;
        for (int j = 0; j < size; j++) {
            int plane = j * n;
            for (int i = 0; i < n; i++) {
                out[i * size + j] = b[plane + i];
            }
        }
        System.arraycopy(b, n * size, out, n * size, length - n * size);
    }

    static void unshuffle2(byte[] b, int n, int from, int count, short[] out, int at, boolean little) {
        for (int i = from, o = at; i < from + count; i++, o++) {
            int b0 = b[i] & 0xff;
            int b1 = b[n + i] & 0xff;
            out[o] = (short) (little ? b0 | b1 << 8 : b1 | b0 << 8);
        }
    }

    static void unshuffle4(byte[] b, int n, int from, int count, int[] out, int at, boolean little) {
        int n2 = 2 * n;
        int n3 = 3 * n;
        if (little) {
            for (int i = from, o = at; i < from + count; i++, o++) {
                out[o] = (b[i] & 0xff) | (b[n + i] & 0xff) << 8 | (b[n2 + i] & 0xff) << 16 | b[n3 + i] << 24;
            }
        } else {
            for (int i = from, o = at; i < from + count; i++, o++) {
                out[o] = b[i] << 24 | (b[n + i] & 0xff) << 16 | (b[n2 + i] & 0xff) << 8 | (b[n3 + i] & 0xff);
            }
        }
    }

    static void unshuffleFloats(byte[] b, int n, int from, int count, float[] out, int at, boolean little) {
        int n2 = 2 * n;
        int n3 = 3 * n;
        if (little) {
            for (int i = from, o = at; i < from + count; i++, o++) {
                out[o] = Float.intBitsToFloat(
                        (b[i] & 0xff) | (b[n + i] & 0xff) << 8 | (b[n2 + i] & 0xff) << 16 | b[n3 + i] << 24);
            }
        } else {
            for (int i = from, o = at; i < from + count; i++, o++) {
                out[o] = Float.intBitsToFloat(
                        b[i] << 24 | (b[n + i] & 0xff) << 16 | (b[n2 + i] & 0xff) << 8 | (b[n3 + i] & 0xff));
            }
        }
    }

    static void unshuffle8(byte[] b, int n, int from, int count, long[] out, int at, boolean little) {
        for (int i = from, o = at; i < from + count; i++, o++) {
            out[o] = gather8(b, n, i, little);
        }
    }

    static void unshuffleDoubles(byte[] b, int n, int from, int count, double[] out, int at, boolean little) {
        for (int i = from, o = at; i < from + count; i++, o++) {
            out[o] = Double.longBitsToDouble(gather8(b, n, i, little));
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
