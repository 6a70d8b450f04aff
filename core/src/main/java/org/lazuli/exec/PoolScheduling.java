package org.lazuli.exec;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Access to the scheduling state machine for schedulers in other packages (the cluster's): the same
 * depth-first ordering and freeing as {@link ThreadedScheduler}, with a hook for results released.
 * Not thread-safe: callers lock.
 */
public final class PoolScheduling {
    private final ExecutionState state;

    public PoolScheduling(TaskGraph graph, List<TaskKey> outputs, Consumer<Object> onRelease) {
        this.state = new ExecutionState(graph, outputs, onRelease);
    }

    /** The next task to run, or -1. */
    public int poll() {
        return state.poll();
    }

    /** Makes a task that ran out of heap ready again (its inputs are still held). */
    public void retry(int id) {
        state.retry(id);
    }

    public int readyCount() {
        return state.readyCount();
    }

    public Task task(int id) {
        return state.task(id);
    }

    /** Every task, in scheduling order (an immutable copy). */
    public List<Task> tasks() {
        return state.tasks();
    }

    public Object[] inputsOf(int id) {
        return state.inputsOf(id);
    }

    public void finished(int id, Object result) {
        state.finished(id, result);
    }

    public boolean isDone() {
        return state.isDone();
    }

    public int size() {
        return state.size();
    }

    public int finishedCount() {
        return state.finishedCount();
    }

    public long peakBytes() {
        return state.peakBytes();
    }

    public Map<TaskKey, Object> outputResults() {
        return state.outputResults();
    }

    public List<Object> heldResults() {
        return state.heldResults();
    }

    public Map<TaskKey, List<TaskKey>> waiting() {
        return state.waiting();
    }

    /** Runs one task with the listener's notifications; failures become {@link TaskFailedException}s. */
    public static Object run(Task task, Object[] inputs, ExecutionListener listener) {
        return TaskRunner.run(task, inputs, listener);
    }
}
