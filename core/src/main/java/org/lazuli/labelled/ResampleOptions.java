package org.lazuli.labelled;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.lazuli.time.CalendarDate;

/**
 * How resampling bins are placed, as xarray's {@code closed}, {@code label}, {@code origin} and
 * {@code offset}: {@code resample("time", "6h", ResampleOptions.defaults().offset(Duration.ofHours(3)))}.
 * Unset sides follow the frequency, as pandas does: period ends ("ME", "QE", "YE", "W") and bins counted
 * back from the end (origin "end", "end_day") are closed and labelled on the right, everything else on the left. The origin and offset place fixed-length bins
 * ("D", "6h"); calendar bins sit on their anchors.
 *
 * @param closed     the side each bin includes, or null for the frequency's default
 * @param label      the edge that labels each bin, or null for the frequency's default
 * @param origin     "start_day" (midnight of the first day, the default), "start", "epoch", "end" or "end_day"
 * @param originDate a date to anchor bins at instead (null when {@code origin} says)
 * @param offset     added to the origin
 */
public record ResampleOptions(Side closed, Side label, String origin, CalendarDate originDate, Duration offset) {
    private static final Set<String> ORIGINS = Set.of("start_day", "start", "epoch", "end", "end_day");

    public ResampleOptions {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(offset, "offset");
        if (originDate == null && !ORIGINS.contains(origin)) {
            throw new IllegalArgumentException("Unknown resampling origin '" + origin + "'; use \"start_day\", \"start\","
                    + " \"epoch\", \"end\", \"end_day\" or a CalendarDate");
        }
    }

    /** xarray's defaults. */
    public static ResampleOptions defaults() {
        return new ResampleOptions(null, null, "start_day", null, Duration.ZERO);
    }

    public ResampleOptions closed(Side side) {
        return new ResampleOptions(side, label, origin, originDate, offset);
    }

    public ResampleOptions label(Side side) {
        return new ResampleOptions(closed, side, origin, originDate, offset);
    }

    public ResampleOptions origin(String name) {
        return new ResampleOptions(closed, label, name, null, offset);
    }

    public ResampleOptions origin(CalendarDate date) {
        return new ResampleOptions(closed, label, "date", Objects.requireNonNull(date, "origin"), offset);
    }

    public ResampleOptions offset(Duration shift) {
        return new ResampleOptions(closed, label, origin, originDate, shift);
    }
}
