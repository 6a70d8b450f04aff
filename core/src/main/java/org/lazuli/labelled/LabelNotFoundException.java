package org.lazuli.labelled;

import java.util.NoSuchElementException;

/**
 * A label, dimension, coordinate or variable that a selection asked for does not exist. The message
 * names what was asked, where it was looked for, and the nearest things that do exist.
 */
public class LabelNotFoundException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    public LabelNotFoundException(String message) {
        super(message);
    }
}
