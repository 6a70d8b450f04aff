package org.lazuli.labelled;

/** Two objects being merged or aligned disagree (a variable with different values, unequal indexes with join EXACT). */
public class MergeConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MergeConflictException(String message) {
        super(message);
    }
}
