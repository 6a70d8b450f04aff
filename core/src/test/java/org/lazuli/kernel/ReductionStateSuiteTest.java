package org.lazuli.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One suite for every statistic's state, in both lanes, with and without skipNaN: values fed as whole
 * runs, as rows spread over positions, and as pieces in windowed states merged in a shuffled order
 * (through copies and widened windows) must all finish to what a direct computation over each
 * position's values gives.
 */
class ReductionStateSuiteTest {
    private static final int POSITIONS = 7;
    private static final int VALUES = 40;

    static Stream<Arguments> states() {
        List<Arguments> all = new ArrayList<>();
        for (Statistic statistic : Statistic.values()) {
            for (boolean skipNaN : new boolean[] {true, false}) {
                all.add(Arguments.of(statistic, false, skipNaN));
                if (ReductionState.supportsLongLane(statistic)) {
                    all.add(Arguments.of(statistic, true, skipNaN));
                }
            }
        }
        return all.stream();
    }

    /** Each position's values: gaussians with NaNs, one position all NaN, one with NaN only at its end; flags use 0/1. */
    private static double[][] doubles(Statistic statistic, Random random) {
        double[][] values = new double[POSITIONS][VALUES];
        for (int p = 0; p < POSITIONS; p++) {
            for (int i = 0; i < VALUES; i++) {
                double x = statistic == Statistic.ANY || statistic == Statistic.ALL ? (random.nextInt(8) == 0 ? 0 : 1)
                        : Math.round(random.nextGaussian() * 8) / 4.0;   // ties, for the arg statistics
                values[p][i] = p == 0 ? Double.NaN : p == 1 && i == VALUES - 1 ? Double.NaN
                        : p >= 5 ? x : random.nextInt(10) == 0 ? Double.NaN : x;
            }
        }
        if (statistic == Statistic.ANY) {
            Arrays.fill(values[6], 0);   // a position where nothing is true
        }
        return values;
    }

    private static long[][] longs(Statistic statistic, Random random) {
        long[][] values = new long[POSITIONS][VALUES];
        for (int p = 0; p < POSITIONS; p++) {
            for (int i = 0; i < VALUES; i++) {
                values[p][i] = statistic == Statistic.SUM || statistic == Statistic.PROD
                        ? random.nextLong() : random.nextInt(21) - 10;   // sums and products wrap around
            }
        }
        return values;
    }

    /** What each position's statistic is, computed directly, as finishDouble with ddof 1 gives it. */
    private static double expected(Statistic statistic, boolean skipNaN, double[] v) {
        List<Double> kept = new ArrayList<>();
        boolean sawNaN = false;
        for (double x : v) {
            if (Double.isNaN(x)) {
                sawNaN = true;
                if (!skipNaN) {
                    kept.add(x);
                }
            } else {
                kept.add(x);
            }
        }
        switch (statistic) {
            case SUM -> {
                double s = 0;
                for (double x : kept) {
                    s += x;
                }
                return s;
            }
            case PROD -> {
                double s = 1;
                for (double x : kept) {
                    s *= x;
                }
                return s;
            }
            case MIN, MAX -> {
                if (kept.isEmpty() || sawNaN && !skipNaN) {
                    return Double.NaN;
                }
                return statistic == Statistic.MIN ? Collections.min(kept) : Collections.max(kept);
            }
            case MEAN -> {
                double s = 0;
                for (double x : kept) {
                    s += x;
                }
                return kept.isEmpty() ? Double.NaN : s / kept.size();
            }
            case MOMENTS -> {
                if (kept.size() < 2) {
                    return Double.NaN;
                }
                double s = 0;
                for (double x : kept) {
                    s += x;
                }
                double mean = s / kept.size();
                double dev = 0;
                for (double x : kept) {
                    dev += (x - mean) * (x - mean);
                }
                return dev / (kept.size() - 1);
            }
            case ANY -> {
                for (double x : v) {
                    if (x != 0) {
                        return 1;
                    }
                }
                return 0;
            }
            case ALL -> {
                for (double x : v) {
                    if (x == 0) {
                        return 0;
                    }
                }
                return 1;
            }
            case COUNT -> {
                return NotNaN.count(v);
            }
            default -> {
                int best = -1;
                for (int i = 0; i < v.length; i++) {
                    double x = v[i];
                    if (Double.isNaN(x)) {
                        if (!skipNaN) {
                            return i;   // the first NaN
                        }
                        continue;
                    }
                    if (best < 0 || (statistic == Statistic.ARGMIN ? x < v[best] : x > v[best])) {
                        best = i;
                    }
                }
                return best;
            }
        }
    }

    private static long expectedLong(Statistic statistic, long[] v) {
        long s = statistic == Statistic.PROD ? 1 : statistic == Statistic.MIN ? Long.MAX_VALUE
                : statistic == Statistic.MAX ? Long.MIN_VALUE : 0;
        int best = 0;
        for (int i = 0; i < v.length; i++) {
            switch (statistic) {
                case SUM -> s += v[i];
                case PROD -> s *= v[i];
                case MIN -> s = Math.min(s, v[i]);
                case MAX -> s = Math.max(s, v[i]);
                default -> {
                    if (statistic == Statistic.ARGMIN ? v[i] < v[best] : v[i] > v[best]) {
                        best = i;
                    }
                }
            }
        }
        return statistic == Statistic.ARGMIN || statistic == Statistic.ARGMAX ? best : s;
    }

    /** Counts the values that are not NaN. */
    private static final class NotNaN {
        static long count(double[] v) {
            long n = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    n++;
                }
            }
            return n;
        }
    }

    @ParameterizedTest(name = "{0} long lane {1} skipNaN {2}")
    @MethodSource("states")
    void everyWayOfFeedingFinishesToTheDirectResult(Statistic statistic, boolean longLane, boolean skipNaN) {
        Random random = new Random(31L * statistic.ordinal() + (longLane ? 7 : 0) + (skipNaN ? 1 : 0));
        double[][] d = longLane ? null : doubles(statistic, random);
        long[][] l = longLane ? longs(statistic, random) : null;

        // 1. whole runs, one position at a time
        ReductionState runs = ReductionState.create(statistic, skipNaN, longLane, POSITIONS + 1);
        for (int p = 0; p < POSITIONS; p++) {
            if (longLane) {
                runs.acceptRun(p, l[p], 0, VALUES, 0);
            } else {
                runs.acceptRun(p, d[p], 0, VALUES, 0);
            }
        }
        // 2. rows spread over the positions, one value each
        ReductionState spread = ReductionState.create(statistic, skipNaN, longLane, POSITIONS + 1);
        for (int i = 0; i < VALUES; i++) {
            double[] row = new double[POSITIONS];
            long[] longRow = new long[POSITIONS];
            for (int p = 0; p < POSITIONS; p++) {
                if (longLane) {
                    longRow[p] = l[p][i];
                } else {
                    row[p] = d[p][i];
                }
            }
            if (longLane) {
                spread.acceptSpread(0, longRow, 0, POSITIONS, i);
            } else {
                spread.acceptSpread(0, row, 0, POSITIONS, i);
            }
        }
        // 3. pieces in windowed states, merged in a shuffled order, some through copies and wider windows
        List<ReductionState> pieces = new ArrayList<>();
        for (int p = 0; p < POSITIONS; p++) {
            int from = 0;
            while (from < VALUES) {
                int length = Math.min(VALUES - from, 1 + random.nextInt(15));
                int windowStart = Math.max(0, p - random.nextInt(2));
                ReductionState piece = ReductionState.createWindow(statistic, skipNaN, longLane, windowStart,
                        p - windowStart + 1 + random.nextInt(2));
                if (longLane) {
                    piece.acceptRun(p - windowStart, l[p], from, length, from);
                } else {
                    piece.acceptRun(p - windowStart, d[p], from, length, from);
                }
                pieces.add(random.nextBoolean() ? piece.copy() : piece.widened(0, POSITIONS + 1));
                from += length;
            }
        }
        Collections.shuffle(pieces, random);
        ReductionState left = ReductionState.create(statistic, skipNaN, longLane, POSITIONS + 1);
        ReductionState right = ReductionState.create(statistic, skipNaN, longLane, POSITIONS + 1);
        for (int i = 0; i < pieces.size(); i++) {
            (i % 2 == 0 ? left : right).combine(pieces.get(i));
        }
        ReductionState merged = right.copy();
        merged.combine(left);

        for (ReductionState state : List.of(runs, spread, merged)) {
            double[] finished = state.finishDouble(1);
            long[] finishedLong = state.finishLong();
            for (int p = 0; p < POSITIONS; p++) {
                String where = statistic + " position " + p;
                if (longLane) {
                    long want = expectedLong(statistic, l[p]);
                    assertEquals(want, finishedLong[p], where);
                    assertEquals((double) want, finished[p], where);
                } else {
                    double want = expected(statistic, skipNaN, d[p]);
                    assertEquals(want, finished[p], Double.isNaN(want) ? 0 : 1e-12 * Math.max(1, Math.abs(want)), where);
                }
            }
            // the position nothing was given to
            double empty = finished[POSITIONS];
            switch (statistic) {
                case SUM, COUNT, ANY -> assertEquals(0.0, empty);
                case PROD, ALL -> assertEquals(1.0, empty);
                case ARGMIN, ARGMAX -> assertEquals(-1.0, empty);
                case MIN -> assertEquals(longLane ? (double) Long.MAX_VALUE : Double.NaN, empty);
                case MAX -> assertEquals(longLane ? (double) Long.MIN_VALUE : Double.NaN, empty);
                default -> assertEquals(Double.NaN, empty);
            }
        }
        long arrays = runs.nbytes() / (8L * (POSITIONS + 1));
        assertEquals(0, runs.nbytes() % (8L * (POSITIONS + 1)), "bytes are whole arrays of the positions");
        assertEquals(statistic == Statistic.MOMENTS ? 3 : statistic == Statistic.SUM || statistic == Statistic.PROD
                || statistic == Statistic.ANY || statistic == Statistic.ALL || statistic == Statistic.COUNT ? 1 : 2, arrays);
    }

    @ParameterizedTest(name = "{0} long lane {1} skipNaN {2}")
    @MethodSource("states")
    void aStateOfAnotherKindOrWindowIsRefused(Statistic statistic, boolean longLane, boolean skipNaN) {
        ReductionState target = ReductionState.createWindow(statistic, skipNaN, longLane, 10, 5);
        Statistic otherStatistic = statistic == Statistic.SUM ? Statistic.MAX : Statistic.SUM;
        ReductionState other = ReductionState.createWindow(otherStatistic, skipNaN, longLane, 10, 5);
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> target.combine(other));
        assertEquals("Cannot combine a " + otherStatistic + " state of positions 10..15 into a " + statistic
                + " state of positions 10..15", kind.getMessage());
        ReductionState outside = ReductionState.createWindow(statistic, skipNaN, longLane, 12, 5);
        assertThrows(IllegalArgumentException.class, () -> target.combine(outside));
        if (longLane) {
            IllegalStateException lane = assertThrows(IllegalStateException.class,
                    () -> target.acceptRun(0, new double[] {1}, 0, 1, 0));
            assertEquals(statistic + " of integers takes the long lane, not doubles", lane.getMessage());
        } else {
            IllegalStateException lane = assertThrows(IllegalStateException.class,
                    () -> target.acceptRun(0, new long[] {1}, 0, 1, 0));
            assertEquals(statistic + " has no long lane", lane.getMessage());
        }
        double[] before = target.finishDouble(0);
        assertArrayEquals(before, target.finishDouble(0), "a refused merge changes nothing");
    }
}
