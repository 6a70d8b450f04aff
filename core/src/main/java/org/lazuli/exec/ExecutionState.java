package org.lazuli.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lazuli.graph.Sized;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * The bookkeeping of one computation, without threads: which tasks are ready, which results are
 * held and when each can be freed. Tasks are numbered in the graph's preferred order and the ready
 * task with the lowest number runs first, so work proceeds depth-first and memory stays bounded.
 *
 * <p>Not thread-safe: schedulers call it under their own lock. Kept apart from threading so that the
 * scheduling decisions can be tested directly.
 */
final class ExecutionState {
    private final Task[] tasks;
    private final int[][] dependencies;
    private final int[][] dependents;
    private final int[] waitingOn;
    private final int[] dependentsLeft;
    private final boolean[] isOutput;
    private final Object[] results;
    private final long[] resultBytes;
    private final IntHeap ready = new IntHeap();
    private final List<TaskKey> outputs;
    private final Map<TaskKey, Integer> ids;
    private int finished;
    private long bytesHeld;
    private long peakBytes;

    private final Consumer<Object> onRelease;

    ExecutionState(TaskGraph graph, List<TaskKey> outputs) {
        this(graph, outputs, result -> { });
    }

    /** With a hook told of every result the computation stops holding (for memory managers). */
    ExecutionState(TaskGraph graph, List<TaskKey> outputs, Consumer<Object> onRelease) {
        this.onRelease = onRelease;
        this.outputs = List.copyOf(outputs);
        List<Task> ordered = graph.order(this.outputs);
        int n = ordered.size();
        tasks = ordered.toArray(new Task[0]);
        ids = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            ids.put(tasks[i].key(), i);
        }
        dependencies = new int[n][];
        waitingOn = new int[n];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<TaskKey> deps = tasks[i].dependencies();
            dependencies[i] = new int[deps.size()];
            for (int d = 0; d < deps.size(); d++) {
                int dep = ids.get(deps.get(d));
                dependencies[i][d] = dep;
                dependentCount[dep]++;
            }
            waitingOn[i] = deps.size();
        }
        dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) {
            for (int dep : dependencies[i]) {
                dependents[dep][filled[dep]++] = i;
            }
        }
        dependentsLeft = dependentCount.clone();
        isOutput = new boolean[n];
        for (TaskKey output : this.outputs) {
            isOutput[ids.get(output)] = true;
        }
        results = new Object[n];
        resultBytes = new long[n];
        for (int i = 0; i < n; i++) {
            if (waitingOn[i] == 0) {
                ready.push(i);
            }
        }
    }

    int size() {
        return tasks.length;
    }

    /** The next task to run (lowest number among the ready), or -1 if none is ready now. */
    int poll() {
        return ready.isEmpty() ? -1 : ready.pop();
    }

    /** A task that failed for want of heap, ready again to be tried once memory is freed. */
    void retry(int id) {
        ready.push(id);
    }

    int readyCount() {
        return ready.size();
    }

    Task task(int id) {
        return tasks[id];
    }

    /** Every task, in scheduling order (an immutable copy). */
    List<Task> tasks() {
        return List.of(tasks);
    }

    /** The results a task reads, in its dependency order. */
    Object[] inputsOf(int id) {
        int[] deps = dependencies[id];
        Object[] inputs = new Object[deps.length];
        for (int d = 0; d < deps.length; d++) {
            inputs[d] = results[deps[d]];
        }
        return inputs;
    }

    /** Records a result: frees inputs no longer needed and makes dependents ready. */
    void finished(int id, Object result) {
        results[id] = result;
        long bytes = result instanceof Sized sized ? sized.nbytes() : 0;
        resultBytes[id] = bytes;
        bytesHeld += bytes;
        peakBytes = Math.max(peakBytes, bytesHeld);
        finished++;
        for (int dep : dependencies[id]) {
            if (--dependentsLeft[dep] == 0 && !isOutput[dep]) {
                release(dep);
            }
        }
        for (int dependent : dependents[id]) {
            if (--waitingOn[dependent] == 0) {
                ready.push(dependent);
            }
        }
        if (dependents[id].length == 0 && !isOutput[id]) {
            release(id);
        }
    }

    private void release(int id) {
        Object result = results[id];
        if (result != null) {
            onRelease.accept(result);
        }
        results[id] = null;
        bytesHeld -= resultBytes[id];
        resultBytes[id] = 0;
    }

    boolean isDone() {
        return finished == tasks.length;
    }

    int finishedCount() {
        return finished;
    }

    long bytesHeld() {
        return bytesHeld;
    }

    long peakBytes() {
        return peakBytes;
    }

    /** Every held result (for releasing them when a computation is abandoned). */
    List<Object> heldResults() {
        List<Object> held = new ArrayList<>();
        for (Object r : results) {
            if (r != null) {
                held.add(r);
            }
        }
        return held;
    }

    /** Tasks not yet run, with the inputs each still waits for (for diagnosing a stalled computation). */
    Map<TaskKey, List<TaskKey>> waiting() {
        Map<TaskKey, List<TaskKey>> out = new LinkedHashMap<>();
        for (int i = 0; i < tasks.length; i++) {
            if (waitingOn[i] > 0) {
                List<TaskKey> missing = new ArrayList<>();
                for (int dep : dependencies[i]) {
                    if (results[dep] == null && waitingOn[dep] >= 0 && !finishedFlag(dep)) {
                        missing.add(tasks[dep].key());
                    }
                }
                out.put(tasks[i].key(), missing);
            }
        }
        return out;
    }

    private boolean finishedFlag(int id) {
        return results[id] != null || (dependentsLeft[id] == 0 && dependents[id].length > 0);
    }

    /** The outputs' results, once {@link #isDone()}. */
    Map<TaskKey, Object> outputResults() {
        Map<TaskKey, Object> out = new LinkedHashMap<>();
        for (TaskKey key : outputs) {
            out.put(key, results[ids.get(key)]);
        }
        return out;
    }

    /** A min-heap of ints (task numbers), without boxing. */
    private static final class IntHeap {
        private int[] heap = new int[16];
        private int size;

        void push(int value) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= value) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = value;
        }

        int pop() {
            int top = heap[0];
            int last = heap[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= last) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }
    }
}
