package org.lazuli.exec;

/**
 * Figures of one finished computation.
 *
 * @param tasks        tasks in the graph
 * @param tasksRun     tasks that ran to completion
 * @param peakBytes    most result bytes held at once (results are freed once their last dependent ran)
 * @param elapsedNanos wall time from start to the last result
 */
public record ExecutionStats(int tasks, int tasksRun, long peakBytes, long elapsedNanos) {
}
