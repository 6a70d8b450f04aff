package org.lazuli.labelled;

import java.io.Serializable;

/**
 * A function of one block of a DataArray, with the block's coordinates, for
 * {@link DataArray#mapBlocks(BlockMapper, DataArray)}; it returns a DataArray of the block's dims and
 * shape. Serializable, so that it runs on a cluster's workers and Spark's executors.
 */
@FunctionalInterface
public interface BlockMapper extends Serializable {
    DataArray apply(DataArray block);
}
