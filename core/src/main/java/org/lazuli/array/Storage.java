package org.lazuli.array;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A {@link DenseArray}'s elements: one primitive Java array, in a class per storage type, so that each
 * element access, tile copy and conversion is written once per type instead of switched on the dtype
 * at every call. int8 and uint8 share {@code byte[]} and differ in how a byte reads.
 */
abstract sealed class Storage implements Serializable
        permits Storage.Float64, Storage.Float32, Storage.Int64, Storage.Int32, Storage.Int16, Storage.Int8,
        Storage.UInt8, Storage.Bool {
    private static final long serialVersionUID = 1L;

    /** The primitive array (owned: never written after the array is published). */
    abstract Object array();

    abstract int length();

    /** Element {@code i} as a double. */
    abstract double getD(int i);

    /** Element {@code i} as a long (floats truncated towards zero). */
    abstract long getL(int i);

    /** Copies {@code len} elements from {@code from} into a double tile. */
    abstract void readD(int from, double[] dst, int off, int len);

    /** Copies {@code len} elements from {@code from} into a long tile. */
    abstract void readL(int from, long[] dst, int off, int len);

    /** Writes a double tile at {@code to}, converted as NumPy's unsafe cast converts. */
    abstract void writeD(int to, double[] src, int off, int len);

    /** Writes a long tile at {@code to}, wrapping as a C cast does. */
    abstract void writeL(int to, long[] src, int off, int len);

    /** Whether both hold equal elements (NaN equal to NaN, as {@link Arrays#equals(double[], double[])}). */
    abstract boolean sameElements(Storage other);

    /** The storage over {@code array} for {@code dtype}; the array's type must be the dtype's. */
    static Storage of(DType dtype, Object array) {
        Storage storage = switch (dtype) {
            case FLOAT64 -> array instanceof double[] a ? new Float64(a) : null;
            case FLOAT32 -> array instanceof float[] a ? new Float32(a) : null;
            case INT64 -> array instanceof long[] a ? new Int64(a) : null;
            case INT32 -> array instanceof int[] a ? new Int32(a) : null;
            case INT16 -> array instanceof short[] a ? new Int16(a) : null;
            case INT8 -> array instanceof byte[] a ? new Int8(a) : null;
            case UINT8 -> array instanceof byte[] a ? new UInt8(a) : null;
            case BOOL -> array instanceof boolean[] a ? new Bool(a) : null;
        };
        if (storage == null) {
            throw new IllegalArgumentException("A " + dtype + " array needs " + allocate(dtype, 0).array().getClass()
                    .getSimpleName() + " storage, got " + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        return storage;
    }

    /** A zeroed storage of {@code n} elements. */
    static Storage allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT64 -> new Float64(new double[n]);
            case FLOAT32 -> new Float32(new float[n]);
            case INT64 -> new Int64(new long[n]);
            case INT32 -> new Int32(new int[n]);
            case INT16 -> new Int16(new short[n]);
            case INT8 -> new Int8(new byte[n]);
            case UINT8 -> new UInt8(new byte[n]);
            case BOOL -> new Bool(new boolean[n]);
        };
    }

    /** float64 elements in a double[]. */
    static final class Float64 extends Storage {
        private static final long serialVersionUID = 1L;
        final double[] a;

        Float64(double[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return (long) a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            System.arraycopy(a, from, dst, off, len);
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = (long) a[from + i];
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            System.arraycopy(src, off, a, to, len);
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Float64 o && Arrays.equals(a, o.a);
        }
    }

    /** float32 elements in a float[]. */
    static final class Float32 extends Storage {
        private static final long serialVersionUID = 1L;
        final float[] a;

        Float32(float[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return (long) a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = (long) a[from + i];
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (float) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Float32 o && Arrays.equals(a, o.a);
        }
    }

    /** int64 elements in a long[]. */
    static final class Int64 extends Storage {
        private static final long serialVersionUID = 1L;
        final long[] a;

        Int64(long[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            System.arraycopy(a, from, dst, off, len);
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (long) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            System.arraycopy(src, off, a, to, len);
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Int64 o && Arrays.equals(a, o.a);
        }
    }

    /** int32 elements in a int[]. */
    static final class Int32 extends Storage {
        private static final long serialVersionUID = 1L;
        final int[] a;

        Int32(int[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (int) (long) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = (int) x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Int32 o && Arrays.equals(a, o.a);
        }
    }

    /** int16 elements in a short[]. */
    static final class Int16 extends Storage {
        private static final long serialVersionUID = 1L;
        final short[] a;

        Int16(short[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (short) (long) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = (short) x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Int16 o && Arrays.equals(a, o.a);
        }
    }

    /** int8 elements in a byte[]. */
    static final class Int8 extends Storage {
        private static final long serialVersionUID = 1L;
        final byte[] a;

        Int8(byte[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i];
        }

        @Override
        long getL(int i) {
            return a[i];
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i];
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (byte) (long) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = (byte) x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Int8 o && Arrays.equals(a, o.a);
        }
    }

    /** uint8 elements in a byte[]. */
    static final class UInt8 extends Storage {
        private static final long serialVersionUID = 1L;
        final byte[] a;

        UInt8(byte[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i] & 0xFF;
        }

        @Override
        long getL(int i) {
            return a[i] & 0xFF;
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i] & 0xFF;
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i] & 0xFF;
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = (byte) (long) x;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = (byte) x;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof UInt8 o && Arrays.equals(a, o.a);
        }
    }

    /** bool elements in a boolean[]. */
    static final class Bool extends Storage {
        private static final long serialVersionUID = 1L;
        final boolean[] a;

        Bool(boolean[] a) {
            this.a = a;
        }

        @Override
        Object array() {
            return a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        double getD(int i) {
            return a[i] ? 1 : 0;
        }

        @Override
        long getL(int i) {
            return a[i] ? 1 : 0;
        }

        @Override
        void readD(int from, double[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i] ? 1 : 0;
            }
        }

        @Override
        void readL(int from, long[] dst, int off, int len) {
            for (int i = 0; i < len; i++) {
                dst[off + i] = a[from + i] ? 1 : 0;
            }
        }

        @Override
        void writeD(int to, double[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = src[off + i];
                a[to + i] = x != 0;
            }
        }

        @Override
        void writeL(int to, long[] src, int off, int len) {
            for (int i = 0; i < len; i++) {
                long x = src[off + i];
                a[to + i] = x != 0;
            }
        }

        @Override
        boolean sameElements(Storage other) {
            return other instanceof Bool o && Arrays.equals(a, o.a);
        }
    }
}
