package org.lazuli.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Windowed partial states (a chunk of a climatology holds a few groups) merge to the whole-output result. */
class ReductionStateTest {
    private static final int POSITIONS = 40;

    /** Values for every position, with NaNs, fed once into one whole state and split over windows. */
    private static void checkWindowsMergeAsOneState(Statistic statistic) {
        Random random = new Random(statistic.ordinal());
        ReductionState whole = ReductionState.create(statistic, true, false, POSITIONS);
        int[][] windows = {{0, 10}, {8, 12}, {25, 15}, {5, 30}};
        ReductionState[] parts = new ReductionState[windows.length];
        for (int w = 0; w < windows.length; w++) {
            parts[w] = ReductionState.createWindow(statistic, true, false, windows[w][0], windows[w][1]);
            for (int row = 0; row < 3; row++) {
                double[] values = new double[windows[w][1]];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
                }
                long index = w * 3L + row;
                parts[w].acceptSpread(0, values, 0, values.length, index);
                whole.acceptSpread(windows[w][0], values, 0, values.length, index);
            }
        }
        // merged pairwise into the union of their windows, then widened to the whole output
        ReductionState left = ReductionState.createWindow(statistic, true, false, 0, 20);
        left.combine(parts[0]);
        left.combine(parts[1]);
        ReductionState right = ReductionState.createWindow(statistic, true, false, 5, 35);
        right.combine(parts[3]);
        right.combine(parts[2]);
        ReductionState merged = ReductionState.create(statistic, true, false, POSITIONS);
        merged.combine(right);
        merged.combine(left);
        assertArrayEquals(whole.finishDouble(1), merged.finishDouble(1), 1e-12, statistic.toString());
    }

    @Test
    void windowsOfEveryStatisticMergeToTheWholeResult() {
        for (Statistic statistic : new Statistic[] {Statistic.SUM, Statistic.MEAN, Statistic.COUNT, Statistic.MOMENTS,
                Statistic.MIN, Statistic.MAX, Statistic.ARGMIN, Statistic.ARGMAX}) {
            checkWindowsMergeAsOneState(statistic);
        }
    }

    @Test
    void float32ValuesAddAsTheirWidenedDoubles() {
        float[] values = {1.5f, Float.NaN, -2.25f, 1e7f, 3.1f, Float.NaN, 0.1f};
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        for (Statistic statistic : new Statistic[] {Statistic.SUM, Statistic.MEAN}) {
            for (boolean skipNaN : new boolean[] {true, false}) {
                ReductionState floats = ReductionState.create(statistic, skipNaN, false, 8);
                ReductionState doubles = ReductionState.create(statistic, skipNaN, false, 8);
                floats.acceptRun(0, values, 0, values.length);
                doubles.acceptRun(0, widened, 0, widened.length, 0);
                floats.acceptSpread(1, values, 0, values.length);
                doubles.acceptSpread(1, widened, 0, widened.length, 0);
                assertArrayEquals(doubles.finishDouble(0), floats.finishDouble(0), 1e-9, statistic + " " + skipNaN);
            }
        }
        ReductionState max = ReductionState.create(Statistic.MAX, true, false, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> max.acceptRun(0, values, 0, 2));
        assertTrue(e.getMessage().contains("MAX"), e.getMessage());
    }

    @Test
    void aWidenedWindowKeepsItsValuesAndLeavesTheRestEmpty() {
        ReductionState window = ReductionState.createWindow(Statistic.MEAN, true, false, 3, 2);
        window.acceptSpread(0, new double[] {2, 4}, 0, 2, 0);
        ReductionState wide = window.widened(0, 6);
        assertEquals(0, wide.offset());
        assertEquals(6, wide.positions());
        double[] mean = wide.finishDouble(0);
        assertEquals(2.0, mean[3]);
        assertEquals(4.0, mean[4]);
        assertTrue(Double.isNaN(mean[0]) && Double.isNaN(mean[5]), "no values: NaN, as an empty mean");
        assertSame(window, window.widened(3, 2));
    }

    @Test
    void aWindowOutsideTheTargetIsRefused() {
        ReductionState target = ReductionState.createWindow(Statistic.SUM, true, false, 10, 5);
        ReductionState outside = ReductionState.createWindow(Statistic.SUM, true, false, 12, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.combine(outside));
        assertTrue(e.getMessage().contains("12..17") && e.getMessage().contains("10..15"), e.getMessage());
    }
}
