package org.lazuli.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of tasks keyed by their results' names, closed under dependencies. Immutable once built;
 * {@link #cull(Collection)} keeps what some outputs need and {@link #order(List)} gives the order
 * schedulers should prefer.
 */
public final class TaskGraph {
    private final Map<TaskKey, Task> tasks;

    private TaskGraph(Map<TaskKey, Task> tasks) {
        this.tasks = tasks;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TaskGraph of(Collection<Task> tasks) {
        Builder builder = builder();
        tasks.forEach(builder::add);
        return builder.build();
    }

    public int size() {
        return tasks.size();
    }

    public Task get(TaskKey key) {
        Task task = tasks.get(key);
        if (task == null) {
            throw new IllegalArgumentException("No task " + key + " in this graph of " + tasks.size() + " tasks");
        }
        return task;
    }

    public boolean contains(TaskKey key) {
        return tasks.containsKey(key);
    }

    public Collection<Task> tasks() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    /** The tasks some outputs need, and nothing else. */
    public TaskGraph cull(Collection<TaskKey> outputs) {
        Map<TaskKey, Task> kept = new LinkedHashMap<>();
        Deque<TaskKey> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            TaskKey key = todo.pop();
            if (!kept.containsKey(key)) {
                Task task = get(key);
                kept.put(key, task);
                todo.addAll(task.dependencies());
            }
        }
        return new TaskGraph(kept);
    }

    /**
     * The tasks needed by {@code outputs}, in a depth-first post-order from the outputs: each task
     * comes right after the last input it needs, so a reduction's combine step runs as soon as its
     * inputs exist and their memory is freed early (the idea of dask's {@code order}). Fails on a cycle.
     */
    public List<Task> order(List<TaskKey> outputs) {
        List<Task> ordered = new ArrayList<>(tasks.size());
        Map<TaskKey, Boolean> state = new HashMap<>(tasks.size() * 2);   // false: in progress, true: done
        Deque<Object[]> stack = new ArrayDeque<>();
        for (TaskKey output : outputs) {
            if (state.containsKey(output)) {
                continue;
            }
            stack.push(new Object[] {get(output), 0});
            state.put(output, false);
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Task task = (Task) frame[0];
                int next = (Integer) frame[1];
                if (next < task.dependencies().size()) {
                    frame[1] = next + 1;
                    TaskKey dependency = task.dependencies().get(next);
                    Boolean seen = state.get(dependency);
                    if (seen == null) {
                        state.put(dependency, false);
                        stack.push(new Object[] {get(dependency), 0});
                    } else if (!seen) {
                        throw new IllegalStateException("The task graph has a cycle through " + dependency);
                    }
                } else {
                    stack.pop();
                    state.put(task.key(), true);
                    ordered.add(task);
                }
            }
        }
        return ordered;
    }

    @Override
    public String toString() {
        return "TaskGraph[" + tasks.size() + " tasks]";
    }

    /** Collects tasks; adding a key twice keeps the first task (equal keys mean equal results). */
    public static final class Builder {
        private final Map<TaskKey, Task> tasks = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(Task task) {
            tasks.putIfAbsent(task.key(), task);
            return this;
        }

        public boolean contains(TaskKey key) {
            return tasks.containsKey(key);
        }

        public int size() {
            return tasks.size();
        }

        /** Checks that every dependency is present and returns the graph. */
        public TaskGraph build() {
            for (Task task : tasks.values()) {
                for (TaskKey dependency : task.dependencies()) {
                    if (!tasks.containsKey(dependency)) {
                        throw new IllegalStateException("Task " + task.key() + " depends on " + dependency
                                + ", which is not in the graph");
                    }
                }
            }
            return new TaskGraph(new LinkedHashMap<>(tasks));
        }
    }
}
