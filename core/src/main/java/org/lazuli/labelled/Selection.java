package org.lazuli.labelled;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;
import org.lazuli.time.DatePeriod;

/** Turns label selections into positional indexers, one canonical place for every selection form. */
final class Selection {
    private Selection() {
    }

    /** Positional arguments (isel) → indexers, checking that every dimension exists. */
    static Map<String, Indexer> positional(Map<String, Object> args, Map<String, Long> sizes, String owner) {
        Map<String, Indexer> indexers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String dim = e.getKey();
            Long length = sizes.get(dim);
            if (length == null) {
                throw missingDimension(dim, sizes, owner);
            }
            indexers.put(dim, Indexer.resolve(dim, e.getValue(), length));
        }
        return indexers;
    }

    /**
     * Boolean DataArrays along their own dimension become {@code boolean[]} masks (xarray's boolean
     * indexing; the mask is computed), so that only other DataArray indexers select pointwise.
     */
    static Map<String, Object> booleanMasks(Map<String, Object> args) {
        if (args.values().stream().noneMatch(v -> v instanceof DataArray a && a.dtype() == DType.BOOL)) {
            return args;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((dim, v) -> {
            if (v instanceof DataArray a && a.dtype() == DType.BOOL) {
                if (!a.dims().equals(List.of(dim))) {
                    throw new IllegalArgumentException("A boolean indexer for '" + dim + "' must be one-dimensional"
                            + " along '" + dim + "'; this one has dims " + a.dims());
                }
                out.put(dim, a.values().toBooleanArray());
            } else {
                out.put(dim, v);
            }
        });
        return out;
    }

    /** Label arguments (sel) → indexers through each dimension's index. */
    static Map<String, Indexer> byLabel(Map<String, Object> args, Map<String, Long> sizes, Coordinates coords,
                                        SelectMethod method, Double tolerance, String owner) {
        Map<String, Indexer> indexers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String dim = e.getKey();
            if (!sizes.containsKey(dim)) {
                throw missingDimension(dim, sizes, owner);
            }
            Index index = coords.index(dim).orElseThrow(() -> new LabelNotFoundException("Dimension '" + dim
                    + "' has no coordinate to select labels from; select positions with isel, or assign a coordinate"
                    + " with assignCoords"));
            indexers.put(dim, indexer(index, e.getValue(), method, tolerance));
        }
        return indexers;
    }

    static Indexer indexer(Index index, Object label, SelectMethod method, Double tolerance) {
        if (label instanceof Slice slice) {
            if (method != SelectMethod.EXACT) {
                throw new IllegalArgumentException("SelectMethod " + method + " cannot be used with a Slice");
            }
            return index.slice(slice);
        }
        if (label instanceof List<?> labels) {
            return new Indexer.Positions(labels.stream().mapToLong(l -> index.locate(l, method, tolerance)).toArray());
        }
        if (index.isTime() && label instanceof String text && method == SelectMethod.EXACT && DatePeriod.looksLikeDate(text)
                && resolution(text) < index.timeResolution()) {
            // coarser than the labels ("2001-06" on days, "2001-06-15" on 6-hourly data): the whole period,
            // dimension kept, as pandas and xarray select it; a period with no label is an error, as in xarray
            Indexer period = index.slice(Slice.of(text, text));
            if (period instanceof Indexer.Range range && range.count() == 0) {
                throw index.periodNotFound(text);
            }
            return period;
        }
        return new Indexer.Single(index.locate(label, method, tolerance));
    }

    /**
     * How fine a partial date is: 0 year, 1 month, 2 day, 3 hour, 4 minute, 5 second (the ranks of
     * {@link Index#timeResolution}).
     */
    static int resolution(String text) {
        String t = text.trim();
        String date = t.split("[T ]")[0];
        int dateParts = (t.startsWith("-") ? date.substring(1) : date).split("-").length;
        if (dateParts < 3 || !t.matches(".*[T ].*")) {
            return dateParts - 1;
        }
        return 2 + t.split("[T ]", 2)[1].split(":").length;
    }

    static LabelNotFoundException missingDimension(String dim, Map<String, Long> sizes, String owner) {
        return LabelNotFoundException.missingDimension(dim, sizes, owner);
    }

    /** ", did you mean 'X'?" when a name differs only in case or by one edit. */
    static String closest(String name, Collection<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : names) {
            int d = candidate.equalsIgnoreCase(name) ? 0 : editDistance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
