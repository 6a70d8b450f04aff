package org.lazuli.array;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** NumPy-style text for {@link DenseArray#toString()}. */
final class ArrayFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private ArrayFormat() {
    }

    static String format(DenseArray array) {
        long[] shape = array.shapeRef();
        String suffix = dtypeSuffix(array.dtype());
        if (array.size() == 0) {
            String shapePart = shape.length == 1 ? "" : ", shape=" + Shapes.format(shape);
            return "array([]" + shapePart + ", dtype=" + array.dtype() + ")";
        }
        boolean summarise = array.size() > THRESHOLD;
        ElementFormat elements = ElementFormat.of(array);
        StringBuilder text = new StringBuilder("array(");
        if (shape.length == 0) {
            text.append(elements.format(0));
        } else {
            appendAxis(text, array, elements, 0, 0, summarise, "array(".length());
        }
        return text.append(suffix).append(')').toString();
    }

    private static String dtypeSuffix(DType dtype) {
        return dtype == DType.FLOAT64 || dtype == DType.INT64 || dtype == DType.BOOL ? "" : ", dtype=" + dtype;
    }

    private static void appendAxis(StringBuilder text, DenseArray array, ElementFormat elements, int axis,
                                   long flatBase, boolean summarise, int indent) {
        long[] shape = array.shapeRef();
        long length = shape[axis];
        long stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        text.append('[');
        boolean last = axis == shape.length - 1;
        for (long i = 0; i < length; i++) {
            if (summarise && length > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                text.append(last ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = length - EDGE_ITEMS - 1;
                continue;
            }
            if (last) {
                text.append(elements.format((int) (flatBase + i)));
            } else {
                appendAxis(text, array, elements, axis + 1, flatBase + i * stride, summarise, indent);
            }
            if (i < length - 1) {
                text.append(',');
                text.append(last ? " " : "\n".repeat(shape.length - axis - 1) + " ".repeat(indent + axis + 1));
            }
        }
        text.append(']');
    }

    /** Formats every element with the same width and notation, as NumPy does (floats aligned on the point). */
    private record ElementFormat(DenseArray array, boolean scientific, boolean integral, int intWidth, int fracWidth) {
        static ElementFormat of(DenseArray array) {
            int n = array.length();
            if (!array.dtype().isFloat()) {
                int width = 1;
                for (int i = 0; i < n; i++) {
                    width = Math.max(width, raw(array, i, false, false).length());
                }
                return new ElementFormat(array, false, false, width, -1);
            }
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            boolean integral = true;
            for (int i = 0; i < n; i++) {
                double v = array.getD(i);
                if (Double.isFinite(v)) {
                    double abs = Math.abs(v);
                    maxAbs = Math.max(maxAbs, abs);
                    if (abs > 0) {
                        minAbs = Math.min(minAbs, abs);
                    }
                    integral &= v == Math.rint(v);
                }
            }
            boolean scientific = maxAbs >= 1e16 || (minAbs < 1e-4 && !integral) || (maxAbs / minAbs > 1e3 && minAbs < 1e-4);
            int intWidth = 1;
            int fracWidth = 0;
            for (int i = 0; i < n; i++) {
                String s = raw(array, i, scientific, integral);
                int dot = s.indexOf('.');
                if (dot < 0 && !scientific) {
                    continue;   // nan and inf align to the whole width
                }
                if (scientific) {
                    intWidth = Math.max(intWidth, s.length());
                } else {
                    intWidth = Math.max(intWidth, dot);
                    fracWidth = Math.max(fracWidth, s.length() - dot - 1);
                }
            }
            return new ElementFormat(array, scientific, integral, intWidth, scientific ? -1 : fracWidth);
        }

        String format(int i) {
            String s = raw(i);
            if (fracWidth < 0) {
                return s.length() >= intWidth ? s : " ".repeat(intWidth - s.length()) + s;
            }
            int dot = s.indexOf('.');
            String whole = dot < 0 ? s : s.substring(0, dot);
            String fraction = dot < 0 ? "" : s.substring(dot);
            int fractionWidth = fracWidth + 1;
            if (dot < 0) {
                // nan / inf: right-aligned over the whole width
                int total = intWidth + fractionWidth;
                return s.length() >= total ? s : " ".repeat(total - s.length()) + s;
            }
            return " ".repeat(Math.max(0, intWidth - whole.length())) + whole + fraction
                    + " ".repeat(Math.max(0, fractionWidth - fraction.length()));
        }

        private String raw(int i) {
            return raw(array, i, scientific, integral);
        }

        private static String raw(DenseArray array, int i, boolean scientific, boolean integral) {
            DType dtype = array.dtype();
            if (dtype == DType.BOOL) {
                return array.getD(i) != 0 ? " True" : "False";
            }
            if (!dtype.isFloat()) {
                return Long.toString(array.getL(i));
            }
            double v = array.getD(i);
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (scientific) {
                String s = String.format(Locale.ROOT, "%.8e", v);
                int e = s.indexOf('e');
                String mantissa = trimZeros(s.substring(0, e));
                String exponent = s.substring(e + 1);
                int exp = Integer.parseInt(exponent);
                return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
            }
            if (integral || v == Math.rint(v) && Math.abs(v) < 1e16) {
                return (long) v + ".";
            }
            // shortest text that reads back (as NumPy's repr), at most 8 decimals
            String shortest = dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
            if (!shortest.contains("E")) {
                int dot = shortest.indexOf('.');
                if (shortest.length() - dot - 1 <= 8) {
                    return shortest;
                }
            }
            return trimZeros(new BigDecimal(v).setScale(8, RoundingMode.HALF_EVEN).toPlainString());
        }

        private static String trimZeros(String s) {
            if (!s.contains(".")) {
                return s;
            }
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '0') {
                end--;
            }
            return s.substring(0, end);
        }
    }
}
