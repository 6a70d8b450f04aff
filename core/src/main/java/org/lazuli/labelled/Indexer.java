package org.lazuli.labelled;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.lazuli.array.SliceIndices;

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
            return new Single(SliceIndices.position(n.longValue(), length, axisText(dim, length)));
        }
        if (arg instanceof Slice s) {
            long start = s.from() == null ? (s.step() > 0 ? 0 : Long.MAX_VALUE) : position(dim, s.from());
            long stop = s.to() == null ? (s.step() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : position(dim, s.to());
            SliceIndices r = SliceIndices.of(start, stop, s.step(), length);
            return new Range(r.first(), s.step(), r.count());
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
        String axis = axisText(dim, length);
        for (int i = 0; i < positions.length; i++) {
            positions[i] = SliceIndices.position(positions[i], length, axis);
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

    private static String axisText(String dim, long length) {
        return "dimension '" + dim + "' of length " + length;
    }
}
