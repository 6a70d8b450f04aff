package org.lazuli.labelled;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** A positional selection along one dimension, resolved from an isel or sel argument. */
sealed interface Indexer {
    /** Positions selected, in order, for a dimension of {@code length}. */
    long[] positions(long length);

    /** One position; the dimension is dropped. */
    record Single(long position) implements Indexer {
        @Override
        public long[] positions(long length) {
            return new long[] {position};
        }
    }

    /** {@code count} positions from {@code start} by {@code step}. */
    record Range(long start, long step, long count) implements Indexer {
        long stop() {
            long stop = start + count * step;
            return stop < 0 ? Long.MIN_VALUE : stop;
        }

        @Override
        public long[] positions(long length) {
            long[] out = new long[(int) count];
            for (int i = 0; i < count; i++) {
                out[i] = start + i * step;
            }
            return out;
        }
    }

    /** Arbitrary positions (repeats allowed). */
    record Positions(long[] positions) implements Indexer {
        @Override
        public long[] positions(long length) {
            return positions.clone();
        }
    }

    /** Resolves an isel argument: an integer, a {@link Slice}, positions (long[], int[], a list) or a boolean[] mask. */
    static Indexer resolve(String dim, Object arg, long length) {
        if (arg instanceof Number n && !(arg instanceof Double) && !(arg instanceof Float)) {
            long i = n.longValue();
            long p = i < 0 ? i + length : i;
            if (p < 0 || p >= length) {
                throw new IndexOutOfBoundsException("index " + i + " is out of bounds for dimension '" + dim
                        + "' of length " + length);
            }
            return new Single(p);
        }
        if (arg instanceof Slice s) {
            long start = s.from() == null ? (s.step() > 0 ? 0 : Long.MAX_VALUE) : position(dim, s.from());
            long stop = s.to() == null ? (s.step() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : position(dim, s.to());
            long[] r = resolveSlice(start, stop, s.step(), length);
            return new Range(r[0], s.step(), r[1]);
        }
        long[] positions;
        if (arg instanceof long[] a) {
            positions = a.clone();
        } else if (arg instanceof int[] a) {
            positions = Arrays.stream(a).asLongStream().toArray();
        } else if (arg instanceof boolean[] mask) {
            if (mask.length != length) {
                throw new IndexOutOfBoundsException("The boolean mask for '" + dim + "' has " + mask.length
                        + " entries but the dimension has length " + length + "; give one per position");
            }
            positions = IntStream.range(0, mask.length).filter(i -> mask[i]).asLongStream().toArray();
        } else if (arg instanceof List<?> list) {
            positions = list.stream().mapToLong(x -> position(dim, x)).toArray();
        } else {
            throw new IllegalArgumentException("isel on '" + dim + "' takes an integer, a Slice of positions, an"
                    + " array of positions or a boolean mask, got " + (arg == null ? "null" : arg.getClass().getSimpleName()));
        }
        for (int i = 0; i < positions.length; i++) {
            long p = positions[i] < 0 ? positions[i] + length : positions[i];
            if (p < 0 || p >= length) {
                throw new IndexOutOfBoundsException("index " + positions[i] + " is out of bounds for dimension '" + dim
                        + "' of length " + length);
            }
            positions[i] = p;
        }
        return new Positions(positions);
    }

    private static long position(String dim, Object value) {
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        throw new IllegalArgumentException("isel on '" + dim + "' takes integer positions, got " + value
                + "; to select by label use sel");
    }

    /** Python's slice.indices: first position and count. */
    static long[] resolveSlice(long start, long stop, long step, long length) {
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? length : length - 1;
        long s = clamp(start, length, lower, upper);
        long e = clamp(stop, length, lower, upper);
        long count = step > 0 ? (e > s ? (e - s + step - 1) / step : 0) : (s > e ? (s - e - step - 1) / (-step) : 0);
        return new long[] {s, count};
    }

    private static long clamp(long index, long length, long lower, long upper) {
        if (index < 0) {
            long shifted = index == Long.MIN_VALUE ? Long.MIN_VALUE : index + length;
            return shifted < lower ? lower : shifted;
        }
        return Math.min(index, upper);
    }
}
