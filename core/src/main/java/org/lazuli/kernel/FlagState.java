package org.lazuli.kernel;

import java.util.Arrays;

/** ANY (some value is not zero; NaN counts as not zero) or ALL (no value is zero), as 0/1 per position. */
final class FlagState extends ReductionState {
    private static final long serialVersionUID = 1L;

    private final boolean any;
    private final long[] flag;

    FlagState(Statistic statistic, boolean skipNaN, int offset, int positions) {
        super(statistic, skipNaN, offset, positions);
        this.any = statistic == Statistic.ANY;
        this.flag = new long[positions];
        if (!any) {
            Arrays.fill(flag, 1);
        }
    }

    private FlagState(FlagState other) {
        super(other.statistic, other.skipNaN, other.offset, other.positions);
        this.any = other.any;
        this.flag = other.flag.clone();
    }

    @Override
    public ReductionState copy() {
        return new FlagState(this);
    }

    @Override
    public void acceptRun(int p, double[] v, int off, int len, long firstIndex) {
        int end = off + len;
        if (any && flag[p] == 0) {
            for (int i = off; i < end; i++) {
                if (v[i] != 0) {
                    flag[p] = 1;
                    break;
                }
            }
        } else if (!any && flag[p] == 1) {
            for (int i = off; i < end; i++) {
                if (v[i] == 0) {
                    flag[p] = 0;
                    break;
                }
            }
        }
    }

    @Override
    void merge(ReductionState other, int shift) {
        long[] theirs = ((FlagState) other).flag;
        for (int q = 0; q < theirs.length; q++) {
            flag[shift + q] = any ? flag[shift + q] | theirs[q] : flag[shift + q] & theirs[q];
        }
    }

    @Override
    public double[] finishDouble(int ddof) {
        return widened(flag);
    }

    @Override
    public long[] finishLong() {
        return flag.clone();
    }

    @Override
    public long nbytes() {
        return bytesOf(1);
    }
}
