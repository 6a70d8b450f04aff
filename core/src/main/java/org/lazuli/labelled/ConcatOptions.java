package org.lazuli.labelled;

import java.util.List;
import java.util.Objects;

/**
 * Which variables {@link Dataset#concat(List, String, ConcatOptions)} joins along the dimension, as xarray's
 * {@code data_vars=}, {@code coords=}, {@code compat=} and {@code join=}: variables that have the dimension
 * always are; of the others, data variables "all" (the default), "minimal" (none) or "different" (those
 * whose values differ between the datasets), or a list of names; coordinates likewise ("different" by
 * default). Variables not joined must agree by {@code compat} and are taken once. Other dimensions are first
 * aligned by {@code join}.
 *
 * @param dataVars      ALL, MINIMAL or DIFFERENT, or null when {@code dataVarNames} lists them
 * @param dataVarNames  the data variables to join (with {@code dataVars} null)
 * @param coords        ALL, MINIMAL or DIFFERENT, or null when {@code coordNames} lists them
 * @param coordNames    the coordinates to join (with {@code coords} null)
 * @param compat        how variables that are not joined must agree
 * @param join          how the other dimensions' indexes are aligned first
 */
public record ConcatOptions(Which dataVars, List<String> dataVarNames, Which coords, List<String> coordNames,
                            Compat compat, Join join) {
    /** Which variables without the dimension are joined along it. */
    public enum Which {
        ALL,
        MINIMAL,
        DIFFERENT
    }

    public ConcatOptions {
        dataVarNames = List.copyOf(dataVarNames);
        coordNames = List.copyOf(coordNames);
        Objects.requireNonNull(compat, "compat");
        Objects.requireNonNull(join, "join");
        if (compat == Compat.MINIMAL) {
            throw new IllegalArgumentException("concat takes compat IDENTICAL, EQUALS, BROADCAST_EQUALS, NO_CONFLICTS or"
                    + " OVERRIDE; MINIMAL is merge's");
        }
    }

    /** xarray's defaults: data variables "all", coordinates "different", compat EQUALS, an outer join. */
    public static ConcatOptions defaults() {
        return new ConcatOptions(Which.ALL, List.of(), Which.DIFFERENT, List.of(), Compat.EQUALS, Join.OUTER);
    }

    public ConcatOptions dataVars(Which which) {
        return new ConcatOptions(Objects.requireNonNull(which), List.of(), coords, coordNames, compat, join);
    }

    /** Joins these data variables (and those that have the dimension). */
    public ConcatOptions dataVars(String... names) {
        return new ConcatOptions(null, List.of(names), coords, coordNames, compat, join);
    }

    public ConcatOptions coords(Which which) {
        return new ConcatOptions(dataVars, dataVarNames, Objects.requireNonNull(which), List.of(), compat, join);
    }

    /** Joins these coordinates (and those that have the dimension). */
    public ConcatOptions coords(String... names) {
        return new ConcatOptions(dataVars, dataVarNames, null, List.of(names), compat, join);
    }

    public ConcatOptions compat(Compat how) {
        return new ConcatOptions(dataVars, dataVarNames, coords, coordNames, how, join);
    }

    public ConcatOptions join(Join how) {
        return new ConcatOptions(dataVars, dataVarNames, coords, coordNames, compat, how);
    }
}
