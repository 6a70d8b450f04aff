package org.lazuli.labelled;

/** Which end of an interval: the side a resampling bin is closed on, or the edge that labels it. */
public enum Side {
    LEFT,
    RIGHT
}
