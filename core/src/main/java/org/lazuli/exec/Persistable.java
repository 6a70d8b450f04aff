package org.lazuli.exec;

/**
 * Something lazy whose computed blocks a scheduler can keep: {@code Client.persist} takes any of
 * them (chunked arrays, DataArrays, Datasets) without the cluster knowing arrays.
 *
 * @param <T> the persisted form: the same kind of object, backed by the kept blocks
 */
public interface Persistable<T> {

    /** Computes every block on {@code scheduler} and returns an object reading them where they are kept. */
    T persist(Scheduler scheduler);
}
