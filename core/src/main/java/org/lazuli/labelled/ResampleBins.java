package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.List;
import org.lazuli.time.Calendar;
import org.lazuli.time.CalendarDate;
import org.lazuli.time.Frequency;

/**
 * The bins of a resampling, placed as xarray's {@code CFTimeGrouper} and pandas place them: the range of
 * the dates widened to whole periods (fixed-length bins counted from an origin, calendar bins from their
 * anchors), the edges a date range over it, and each bin closed and labelled on the side asked for.
 *
 * @param edges       ascending bin edges, one more than the labels
 * @param labels      one label per bin
 * @param closedRight whether a bin holds its right edge (else its left)
 */
record ResampleBins(List<CalendarDate> edges, List<CalendarDate> labels, boolean closedRight) {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int MAX_BINS = 10_000_000;

    static ResampleBins of(CalendarDate first, CalendarDate last, Frequency freq, ResampleOptions options, String dim) {
        // period ends, and bins counted back from the end, hold and are labelled by their right edge
        boolean ends = freq.isEndAnchored() || (freq.isFixed() && options.origin().startsWith("end"));
        boolean closedRight = (options.closed() == null ? (ends ? Side.RIGHT : Side.LEFT) : options.closed()) == Side.RIGHT;
        boolean labelRight = (options.label() == null ? (ends ? Side.RIGHT : Side.LEFT) : options.label()) == Side.RIGHT;
        CalendarDate start;
        CalendarDate end;
        if (freq.isFixed()) {
            CalendarDate[] range = anchoredRange(first, last, freq.stepMicros(), closedRight, options);
            start = range[0];
            end = range[1];
        } else {
            start = closedRight ? freq.minus(midnight(first)) : freq.rollback(midnight(first));
            end = freq.plus(midnight(last));
        }
        List<CalendarDate> edges = new ArrayList<>();
        for (CalendarDate edge = freq.isFixed() || freq.onOffset(start) ? start : freq.rollForward(start);
             edge.compareTo(end) <= 0; edge = freq.isFixed() ? freq.next(edge) : freq.plus(edge)) {
            if (edges.size() == MAX_BINS) {
                throw new IllegalArgumentException("Resampling '" + dim + "' to '" + freq + "' from " + first + " to "
                        + last + " makes more than " + MAX_BINS + " periods; use a coarser frequency");
            }
            edges.add(edge);
        }
        List<CalendarDate> labels = new ArrayList<>(edges);
        List<CalendarDate> bins = new ArrayList<>(edges);
        if (superDaily(freq, first.calendar())) {
            if (closedRight) {   // a bin ending on a day holds that whole day
                bins.replaceAll(edge -> edge.plusMicros(MICROS_PER_DAY - 1));
            }
            if (bins.size() > 1 && bins.get(bins.size() - 2).compareTo(last) > 0) {
                bins.remove(bins.size() - 1);
                labels.remove(labels.size() - 1);
            }
        }
        labels = labelRight ? labels.subList(1, labels.size()) : labels.subList(0, labels.size() - 1);
        return new ResampleBins(List.copyOf(bins), List.copyOf(labels), closedRight);
    }

    /**
     * Periods longer than a day whose right edges mean whole days: cftime's month, quarter and year ends
     * and multi-day steps; pandas (the real-world calendars' dates) also period starts and weeks.
     */
    private static boolean superDaily(Frequency freq, Calendar calendar) {
        if (freq.isFixed()) {
            return freq.unit().equals("D") && freq.count() > 1;
        }
        boolean pandas = calendar == Calendar.STANDARD || calendar == Calendar.PROLEPTIC_GREGORIAN;
        return freq.isEndAnchored() || pandas;
    }

    /** xarray's {@code _adjust_dates_anchored}: the first and last edges of fixed-length bins from the origin. */
    private static CalendarDate[] anchoredRange(CalendarDate first, CalendarDate last, long step, boolean closedRight,
                                                ResampleOptions options) {
        CalendarDate origin = switch (options.origin()) {
            case "start_day" -> midnight(first);
            case "start" -> first;
            case "epoch" -> CalendarDate.of(first.calendar(), 1970, 1, 1);
            case "end", "end_day" -> {
                CalendarDate originLast = options.origin().equals("end") ? last : ceilDay(last);
                long steps = Math.floorDiv(originLast.toMicros() - first.toMicros(), step) + (closedRight ? 0 : 1);
                first = originLast.plusMicros(-steps * step);
                yield first;
            }
            default -> options.originDate().withCalendar(first.calendar());
        };
        origin = origin.plusMicros(options.offset().toNanos() / 1000);
        long firstOffset = Math.floorMod(first.toMicros() - origin.toMicros(), step);
        long lastOffset = Math.floorMod(last.toMicros() - origin.toMicros(), step);
        CalendarDate start = firstOffset > 0 ? first.plusMicros(-firstOffset) : closedRight ? first.plusMicros(-step) : first;
        CalendarDate end = lastOffset > 0 ? last.plusMicros(step - lastOffset) : closedRight ? last : last.plusMicros(step);
        return new CalendarDate[] {start, end};
    }

    private static CalendarDate midnight(CalendarDate d) {
        return CalendarDate.of(d.calendar(), d.year(), d.month(), d.day());
    }

    private static CalendarDate ceilDay(CalendarDate d) {
        CalendarDate day = midnight(d);
        return day.equals(d) ? d : day.plusDays(1);
    }

    /**
     * The bin holding {@code date}: as xarray slices the sorted dates at the first {@code labels} edges
     * (searchsorted on the closed side), the last bin runs to the end, and the final edge only bounds the range.
     */
    int binOf(CalendarDate date) {
        int lo = 0;
        int hi = labels.size();
        while (lo < hi) {   // edges [0, lo) are at or before the date (strictly before when closed right)
            int mid = (lo + hi) >>> 1;
            int c = edges.get(mid).compareTo(date);
            if (closedRight ? c < 0 : c <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
