package org.lazuli.labelled;

import java.util.Map;
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

    /**
     * A dimension that {@code owner} (such as "DataArray 'UWND'") does not have: the message lists its
     * dimensions and the closest name when one differs only in case or by a typo or two.
     */
    public static LabelNotFoundException missingDimension(String dim, Map<String, Long> sizes, String owner) {
        return new LabelNotFoundException("Dimension '" + dim + "' not found in " + owner + "; its dimensions are "
                + sizes.keySet() + Selection.closest(dim, sizes.keySet()));
    }
}
