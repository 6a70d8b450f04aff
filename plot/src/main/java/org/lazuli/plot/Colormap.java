package org.lazuli.plot;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * A perceptually ordered colour map (viridis' anchor colours, interpolated) over [min, max]: low values
 * dark blue-purple, high values yellow, luminance rising with the value. NaN is fully transparent.
 */
final class Colormap implements PaintScale {
    private static final int[][] ANCHORS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142},
        {31, 158, 137}, {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};
    static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private final double min;
    private final double max;

    Colormap(double min, double max) {
        this.min = min;
        this.max = max > min ? max : min + 1;
    }

    @Override
    public double getLowerBound() {
        return min;
    }

    @Override
    public double getUpperBound() {
        return max;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return TRANSPARENT;
        }
        double t = Math.max(0, Math.min(1, (value - min) / (max - min))) * (ANCHORS.length - 1);
        int i = Math.min((int) Math.floor(t), ANCHORS.length - 2);
        double f = t - i;
        int[] a = ANCHORS[i];
        int[] b = ANCHORS[i + 1];
        return new Color((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }
}
