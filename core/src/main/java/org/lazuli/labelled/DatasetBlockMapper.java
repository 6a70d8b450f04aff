package org.lazuli.labelled;

import java.io.Serializable;

/**
 * A function of one block of a Dataset (every variable cut to the block, with its coordinates), for
 * {@link Dataset#mapBlocks(DatasetBlockMapper, Dataset)}; it returns a Dataset of the template's data
 * variables at the block's sizes. Serializable, so that it runs on a cluster's workers.
 */
@FunctionalInterface
public interface DatasetBlockMapper extends Serializable {
    Dataset apply(Dataset block);
}
