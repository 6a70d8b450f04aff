package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lazuli.array.ChunkedArray;

/**
 * xarray's {@code merge} and {@code concat} of datasets: indexes aligned first ({@link Join}), then
 * variables of one name compared or combined as {@link Compat} says, or joined along a dimension as
 * {@link ConcatOptions} says. Attributes are the first dataset's ({@code combine_attrs="override"}).
 */
final class Merging {
    private Merging() {
    }

    static Dataset merge(List<Dataset> datasets, Compat compat, Join join) {
        if (datasets.isEmpty()) {
            return Dataset.of(Map.of(), Map.of(), Map.of());
        }
        List<Dataset> aligned = align(datasets, join, Set.of());
        Map<String, Variable> out = new LinkedHashMap<>();
        Set<String> coords = new LinkedHashSet<>();
        Set<String> dropped = new HashSet<>();
        List<AutoCloseable> resources = new ArrayList<>();
        for (Dataset ds : aligned) {
            for (Map.Entry<String, Variable> e : ds.variables().entrySet()) {
                String name = e.getKey();
                Variable existing = out.get(name);
                if (existing == null) {
                    if (!dropped.contains(name)) {
                        out.put(name, e.getValue());
                    }
                    continue;
                }
                boolean coordinate = coords.contains(name) || ds.coordNames().contains(name);
                if (compat == Compat.MINIMAL && coordinate) {
                    if (!agree(existing, e.getValue(), Compat.EQUALS)) {
                        out.remove(name);   // minimal: a coordinate that disagrees is dropped
                        dropped.add(name);
                    }
                    continue;
                }
                Compat rule = compat == Compat.MINIMAL ? Compat.EQUALS : compat;
                if (!agree(existing, e.getValue(), rule)) {
                    throw new MergeConflictException("Conflicting values for variable '" + name + "' when merging with"
                            + " compat " + rule + ": " + difference(existing, e.getValue()) + "; rename or drop one of"
                            + " them, or merge with Compat.OVERRIDE to keep the first");
                }
                if (rule == Compat.NO_CONFLICTS || rule == Compat.BROADCAST_EQUALS) {
                    out.put(name, rule == Compat.NO_CONFLICTS ? fill(existing, e.getValue()) : broadcast(existing,
                            e.getValue())[0]);
                }
            }
            coords.addAll(ds.coordNames());
            resources.addAll(ds.resources());
        }
        coords.retainAll(out.keySet());
        return new Dataset(out, coords, datasets.get(0).attrs(), resources);
    }

    /** Every dataset reindexed to the joined labels of each dimension (but {@code exclude}). */
    static List<Dataset> align(List<Dataset> datasets, Join join, Set<String> exclude) {
        List<Coordinates> coords = new ArrayList<>();
        List<Map<String, Long>> sizes = new ArrayList<>();
        for (Dataset ds : datasets) {
            coords.add(ds.coords());
            Map<String, Long> own = new LinkedHashMap<>(ds.sizes());
            own.keySet().removeAll(exclude);
            sizes.add(own);
        }
        Alignment.Plan plan = Alignment.plan(coords, sizes, join);
        if (plan.isTrivial()) {
            return datasets;
        }
        List<Dataset> out = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            Dataset ds = datasets.get(i);
            Map<String, long[]> positions = plan.positions().get(i);
            Map<String, Variable> variables = new LinkedHashMap<>();
            ds.variables().forEach((name, v) -> {
                Variable aligned = v;
                for (Map.Entry<String, long[]> p : positions.entrySet()) {
                    aligned = Alignment.reindex(aligned, p.getKey(), p.getValue());
                }
                Variable joined = plan.joined().get(name);
                variables.put(name, joined != null && v.dims().equals(List.of(name)) ? joined : aligned);
            });
            out.add(new Dataset(variables, ds.coordNames(), ds.attrs(), ds.resources()));
        }
        return out;
    }

    /** Whether two variables of one name agree by {@code compat}. */
    static boolean agree(Variable a, Variable b, Compat compat) {
        if (a == b || compat == Compat.OVERRIDE) {
            return true;
        }
        return switch (compat) {
            case IDENTICAL -> a.attrs().equals(b.attrs()) && a.sameValues(b);
            case EQUALS, MINIMAL -> a.sameValues(b);
            case BROADCAST_EQUALS -> {
                Variable[] pair = broadcast(a, b);
                yield pair != null && pair[0].sameValues(pair[1]);
            }
            case NO_CONFLICTS -> {
                Variable[] pair = broadcast(a, b);
                yield pair != null && noConflicts(pair[0], pair[1]);
            }
            default -> throw new IllegalStateException(compat.toString());
        };
    }

    /** Both with the union of their dims, in {@code a}'s order then {@code b}'s; null when a shared dim's lengths differ. */
    private static Variable[] broadcast(Variable a, Variable b) {
        for (String dim : a.dims()) {
            if (b.dims().contains(dim) && !a.sizes().get(dim).equals(b.sizes().get(dim))) {
                return null;
            }
        }
        Variable x = a;
        Variable y = b;
        for (String dim : b.dims()) {
            if (!x.dims().contains(dim)) {
                x = x.expandLast(dim, b.sizes().get(dim));
            }
        }
        for (String dim : a.dims()) {
            if (!y.dims().contains(dim)) {
                y = y.expandLast(dim, a.sizes().get(dim));
            }
        }
        return new Variable[] {x, y.transpose(x.dims())};
    }

    private static boolean noConflicts(Variable a, Variable b) {
        if (a.isLabels() != b.isLabels()) {
            return false;
        }
        if (a.isLabels()) {
            Object[] x = a.labelArray();
            Object[] y = b.labelArray();
            for (int i = 0; i < x.length; i++) {
                if (x[i] != null && y[i] != null && !x[i].equals(y[i])) {
                    return false;
                }
            }
            return true;
        }
        double[] x = a.values().toDoubleArray();
        double[] y = b.values().toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i]) && x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code a} with its missing values taken from {@code b} (xarray's {@code fillna} of no_conflicts). */
    private static Variable fill(Variable a, Variable b) {
        Variable[] pair = Objects.requireNonNull(broadcast(a, b));
        Variable x = pair[0];
        Variable y = pair[1];
        if (x.isLabels()) {
            Object[] values = x.labelArray().clone();
            Object[] other = y.labelArray();
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] != null ? values[i] : other[i];
            }
            return Variable.labels(x.dims(), x.shape(), values, x.attrs()).withEncoding(x.encoding());
        }
        ChunkedArray filled = ChunkedArray.where(x.array().isnan(), y.array(), x.array());
        return x.withArray(x.dims(), filled, x.isLazy() || y.isLazy(), x.attrs()).withEncoding(x.encoding());
    }

    /** Where two variables first differ, for the error. */
    private static String difference(Variable a, Variable b) {
        if (!a.dims().equals(b.dims())) {
            return "dims " + a.dims() + " and " + b.dims();
        }
        if (!Arrays.equals(a.shape(), b.shape())) {
            return "shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape());
        }
        if (!a.attrs().equals(b.attrs()) && a.sameValues(b)) {
            return "attributes " + a.attrs() + " and " + b.attrs();
        }
        return "their values differ";
    }

    static Dataset concat(List<Dataset> datasets, String dim, ConcatOptions options) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one dataset");
        }
        List<Dataset> aligned = align(datasets, options.join(), Set.of(dim));
        Dataset first = aligned.get(0);
        Set<String> concatOver = concatOver(aligned, dim, options);
        Set<String> names = new LinkedHashSet<>();
        aligned.forEach(ds -> names.addAll(ds.variables().keySet()));
        Map<String, Variable> out = new LinkedHashMap<>();
        for (String name : names) {
            if (concatOver.contains(name)) {
                out.put(name, joinAlong(aligned, name, dim));
                continue;
            }
            Variable kept = null;
            for (Dataset ds : aligned) {
                Variable v = ds.variables().get(name);
                if (v == null) {
                    continue;
                }
                if (kept == null) {
                    kept = v;
                } else if (!agree(kept, v, options.compat())) {
                    throw new MergeConflictException("Variable '" + name + "' is not joined along '" + dim + "' but"
                            + " differs between the datasets (" + difference(kept, v) + ") with compat "
                            + options.compat() + "; join it with ConcatOptions.dataVars(...)/coords(...) naming it, or"
                            + " use Compat.OVERRIDE to keep the first");
                } else if (options.compat() == Compat.NO_CONFLICTS) {
                    kept = fill(kept, v);
                }
            }
            out.put(name, kept);
        }
        Set<String> coords = new LinkedHashSet<>();
        aligned.forEach(ds -> coords.addAll(ds.coordNames()));
        coords.retainAll(out.keySet());
        List<AutoCloseable> resources = new ArrayList<>();
        aligned.forEach(ds -> resources.addAll(ds.resources()));
        return new Dataset(out, coords, first.attrs(), resources);
    }

    /** The variables joined along {@code dim}: those that have it, and the ones the options add. */
    private static Set<String> concatOver(List<Dataset> datasets, String dim, ConcatOptions options) {
        Set<String> over = new LinkedHashSet<>();
        for (Dataset ds : datasets) {
            ds.variables().forEach((name, v) -> {
                if (v.dims().contains(dim) || (name.equals(dim) && v.ndim() == 0)) {
                    over.add(name);
                }
            });
        }
        Dataset first = datasets.get(0);
        List<String> dataVars = new ArrayList<>(first.dataVarNames());
        List<String> coordVars = first.coordNames().stream().filter(c -> !first.sizes().containsKey(c)).toList();
        addOver(over, datasets, dataVars, options.dataVars(), options.dataVarNames(), "data variable", options.compat());
        addOver(over, datasets, coordVars, options.coords(), options.coordNames(), "coordinate", options.compat());
        return over;
    }

    private static void addOver(Set<String> over, List<Dataset> datasets, List<String> candidates,
                                ConcatOptions.Which which, List<String> named, String kind, Compat compat) {
        if (which == null) {
            for (String name : named) {
                if (!candidates.contains(name) && !over.contains(name)) {
                    throw new IllegalArgumentException("concat was asked to join the " + kind + " '" + name + "', which"
                            + " the first dataset does not have as one; its " + kind + "s are " + candidates);
                }
                over.add(name);
            }
            return;
        }
        switch (which) {
            case ALL -> over.addAll(candidates);
            case MINIMAL -> {
            }
            case DIFFERENT -> {
                if (compat == Compat.OVERRIDE) {
                    throw new IllegalArgumentException("concat cannot find the " + kind + "s that are DIFFERENT with"
                            + " Compat.OVERRIDE, which compares nothing; choose ALL, MINIMAL or names");
                }
                for (String name : candidates) {
                    Variable v = datasets.get(0).variables().get(name);
                    for (Dataset ds : datasets.subList(1, datasets.size())) {
                        Variable other = ds.variables().get(name);
                        if (other == null || !agree(v, other, compat == Compat.NO_CONFLICTS ? Compat.EQUALS : compat)) {
                            over.add(name);
                            break;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(which.toString());
        }
    }

    /** One variable of every dataset joined along {@code dim}; a part without it gets it (length 1 if new). */
    private static Variable joinAlong(List<Dataset> datasets, String name, String dim) {
        List<Variable> parts = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            Variable v = datasets.get(i).variables().get(name);
            if (v == null) {
                throw new IllegalArgumentException("Variable '" + name + "' is joined along '" + dim + "' but dataset "
                        + i + " of " + datasets.size() + " does not have it; add it, or drop it from the others");
            }
            parts.add(v);
            v.dims().forEach(d -> {
                if (!common.contains(d)) {
                    common.add(d);
                }
            });
        }
        if (!common.contains(dim)) {
            common.add(0, dim);
        }
        List<Variable> shaped = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Variable v = parts.get(i);
            Long length = datasets.get(i).sizes().get(dim);
            for (String d : common) {
                if (!v.dims().contains(d)) {
                    long size = d.equals(dim) ? (length == null ? 1 : length) : sizeOf(parts, d);
                    v = v.expandLast(d, size);
                }
            }
            shaped.add(v.transpose(common));
        }
        return Combine.concatVariables(shaped, dim, true, common);
    }

    private static long sizeOf(List<Variable> parts, String dim) {
        return parts.stream().filter(v -> v.dims().contains(dim)).findFirst().orElseThrow().sizes().get(dim);
    }
}
