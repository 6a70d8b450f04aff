package org.lazuli.array;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Deterministic names for expressions (dask's {@code tokenize}): the same operation on the same
 * inputs always gets the same name, so equal sub-expressions share tasks and keys are stable across
 * runs.
 */
final class Tokens {
    private Tokens() {
    }

    /** {@code prefix-<16 hex digits>} from the prefix and the parts' canonical text. */
    static String name(String prefix, Object... parts) {
        StringBuilder text = new StringBuilder(prefix);
        for (Object part : parts) {
            text.append('\u001f');
            appendCanonical(text, part);
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    private static void appendCanonical(StringBuilder text, Object part) {
        if (part instanceof long[] a) {
            text.append(Arrays.toString(a));
        } else if (part instanceof int[] a) {
            text.append(Arrays.toString(a));
        } else if (part instanceof double[] a) {
            text.append(Arrays.toString(a));
        } else if (part instanceof long[][] a) {
            text.append(Arrays.deepToString(a));
        } else if (part instanceof Object[] a) {
            text.append('[');
            for (Object element : a) {
                appendCanonical(text, element);
                text.append(',');
            }
            text.append(']');
        } else if (part instanceof Double d) {
            text.append(Double.doubleToLongBits(d));
        } else {
            text.append(part);
        }
    }

    /** A 64-bit hash of an array's type, shape and every element. */
    static long hashContents(DType dtype, long[] shape, Object data) {
        long h = mix(dtype.ordinal() + 0x9E3779B97F4A7C15L);
        for (long length : shape) {
            h = mix(h ^ length);
        }
        if (data instanceof double[] a) {
            for (double v : a) {
                h = mix(h ^ Double.doubleToLongBits(v));
            }
        } else if (data instanceof float[] a) {
            for (float v : a) {
                h = mix(h ^ Float.floatToIntBits(v));
            }
        } else if (data instanceof long[] a) {
            for (long v : a) {
                h = mix(h ^ v);
            }
        } else if (data instanceof int[] a) {
            for (int v : a) {
                h = mix(h ^ v);
            }
        } else if (data instanceof short[] a) {
            for (short v : a) {
                h = mix(h ^ v);
            }
        } else if (data instanceof byte[] a) {
            for (byte v : a) {
                h = mix(h ^ v);
            }
        } else {
            for (boolean v : (boolean[]) data) {
                h = mix(h ^ (v ? 1 : 2));
            }
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
