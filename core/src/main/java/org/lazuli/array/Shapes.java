package org.lazuli.array;

import java.util.Arrays;

/** Small helpers on shapes and multi-indices, shared by the array classes. */
final class Shapes {
    private Shapes() {
    }

    static long size(long[] shape) {
        long n = 1;
        for (long length : shape) {
            n = Math.multiplyExact(n, length);
        }
        return n;
    }

    /** Python's tuple notation: {@code (3, 4)}, {@code (3,)}, {@code ()}. */
    static String format(long[] values) {
        if (values.length == 1) {
            return "(" + values[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(values[i]);
        }
        return text.append(')').toString();
    }

    static void checkShape(long[] shape) {
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] < 0) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has a negative length on axis "
                        + axis);
            }
        }
    }

    /** Resolves a possibly negative axis against ndim, with NumPy's error message when out of range. */
    static int axis(int axis, int ndim) {
        int resolved = axis < 0 ? axis + ndim : axis;
        if (resolved < 0 || resolved >= ndim) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of bounds for an array of dimension " + ndim);
        }
        return resolved;
    }

    /** Resolves axes (negative allowed), rejecting repeats; an empty list means every axis. */
    static int[] axes(int[] axes, int ndim) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] resolved = new int[axes.length];
        boolean[] seen = new boolean[ndim];
        for (int i = 0; i < axes.length; i++) {
            resolved[i] = axis(axes[i], ndim);
            if (seen[resolved[i]]) {
                throw new IllegalArgumentException("Axis " + axes[i] + " is repeated in " + Arrays.toString(axes));
            }
            seen[resolved[i]] = true;
        }
        Arrays.sort(resolved);
        return resolved;
    }

    /** Row-major strides in elements. */
    static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    static int toIntSize(long[] shape, String what) {
        long size = size(shape);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " of shape " + format(shape) + " has " + size
                    + " elements, more than a Java array holds (2^31 - 9); use smaller chunks");
        }
        return (int) size;
    }
}
