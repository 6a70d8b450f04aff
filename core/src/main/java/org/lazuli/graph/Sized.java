package org.lazuli.graph;

/** A task result that knows its size, so schedulers can account the memory they hold. */
public interface Sized {
    /** Approximate bytes this result keeps alive. */
    long nbytes();
}
