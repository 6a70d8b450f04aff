package org.lazuli.kernel;

/** The mergeable statistics a {@link ReductionState} can accumulate. */
public enum Statistic {
    /** Sum (0 when empty). */
    SUM,
    /** Product (1 when empty). */
    PROD,
    MIN,
    MAX,
    /** Count and sum, finished as their ratio. */
    MEAN,
    /** Count, mean and sum of squared deviations (Chan et al.'s mergeable moments). */
    MOMENTS,
    ANY,
    ALL,
    /** Elements that are not NaN. */
    COUNT,
    ARGMIN,
    ARGMAX
}
