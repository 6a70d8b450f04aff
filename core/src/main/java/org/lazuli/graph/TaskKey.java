package org.lazuli.graph;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The deterministic name of one task's result: an expression name plus a block index, printed as
 * dask prints keys: {@code ('add-3f2a9c1e0b7d4411', 0, 2)}.
 *
 * <p>Immutable; equal keys name the same result, which is how several computations share work.
 */
public final class TaskKey implements Serializable, Comparable<TaskKey> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int[] index;
    private final int hash;
    private transient String prefix;

    private TaskKey(String name, int[] index) {
        this.name = name;
        this.index = index;
        this.hash = 31 * name.hashCode() + Arrays.hashCode(index);
    }

    public static TaskKey of(String name, int... index) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A task key needs a non-empty name");
        }
        return new TaskKey(name, index.clone());
    }

    /** The name shared by every block of one expression, e.g. {@code add-3f2a9c1e0b7d4411}. */
    public String name() {
        return name;
    }

    /** The part of the name before the token (dask's key prefix), e.g. {@code add}; used to group tasks. */
    public String prefix() {
        String p = prefix;
        if (p == null) {
            int dash = name.lastIndexOf('-');
            p = dash > 0 ? name.substring(0, dash) : name;
            prefix = p;
        }
        return p;
    }

    /** The block index (a copy). */
    public int[] index() {
        return index.clone();
    }

    public int index(int axis) {
        return index[axis];
    }

    public int rank() {
        return index.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TaskKey that && hash == that.hash && name.equals(that.name)
                && Arrays.equals(index, that.index);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(TaskKey other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : Arrays.compare(index, other.index);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("('").append(name).append('\'');
        for (int i : index) {
            text.append(", ").append(i);
        }
        return text.append(')').toString();
    }
}
