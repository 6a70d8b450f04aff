package org.lazuli.labelled;

/**
 * The named reductions that DataArray, Dataset and GroupBy share, each a {@link #reduce} of one kind
 * with xarray's defaults (NaN skipped for floats, ddof 0); pass {@link ReduceArgs} to {@code reduce}
 * for anything else.
 *
 * @param <R> what a reduction returns
 */
public interface Reducible<R> {

    /** A reduction over dimensions (all when none given). */
    R reduce(Reductions.Kind kind, ReduceArgs args, String... dims);

    default R mean(String... dims) {
        return reduce(Reductions.Kind.MEAN, ReduceArgs.defaults(), dims);
    }

    default R sum(String... dims) {
        return reduce(Reductions.Kind.SUM, ReduceArgs.defaults(), dims);
    }

    default R min(String... dims) {
        return reduce(Reductions.Kind.MIN, ReduceArgs.defaults(), dims);
    }

    default R max(String... dims) {
        return reduce(Reductions.Kind.MAX, ReduceArgs.defaults(), dims);
    }

    /** Standard deviation (ddof 0, as xarray); see {@link ReduceArgs#withDdof}. */
    default R std(String... dims) {
        return reduce(Reductions.Kind.STD, ReduceArgs.defaults(), dims);
    }

    default R var(String... dims) {
        return reduce(Reductions.Kind.VAR, ReduceArgs.defaults(), dims);
    }

    default R prod(String... dims) {
        return reduce(Reductions.Kind.PROD, ReduceArgs.defaults(), dims);
    }

    /** Number of non-missing values. */
    default R count(String... dims) {
        return reduce(Reductions.Kind.COUNT, ReduceArgs.defaults(), dims);
    }
}
