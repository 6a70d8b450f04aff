package org.lazuli.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskKey;

/**
 * A task graph cut into levels: a task's level is one more than its deepest dependency's, so every
 * task of a level can run once the levels before it are done. Each level becomes one cached RDD.
 *
 * @param levels the tasks of each level, in the graph's preferred order
 * @param levelOf each task's level
 */
record GraphPlan(List<List<Task>> levels, Map<TaskKey, Integer> levelOf) {

    /** Where a result goes: the consuming task and the position of the input it fills. */
    record Slot(TaskKey consumer, int index) implements Serializable {
    }

    /** {@code ordered} must list every dependency before its dependents (as {@code TaskGraph.order} does). */
    static GraphPlan of(List<Task> ordered) {
        Map<TaskKey, Integer> levelOf = new HashMap<>(ordered.size() * 2);
        List<List<Task>> levels = new ArrayList<>();
        for (Task task : ordered) {
            int level = 0;
            for (TaskKey dependency : task.dependencies()) {
                level = Math.max(level, levelOf.get(dependency) + 1);
            }
            levelOf.put(task.key(), level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(task);
        }
        return new GraphPlan(levels, levelOf);
    }

    /** For level {@code level}: which of its tasks each earlier result feeds, by producer key. */
    Map<TaskKey, List<Slot>> consumersOf(int level) {
        Map<TaskKey, List<Slot>> consumers = new HashMap<>();
        for (Task task : levels.get(level)) {
            List<TaskKey> dependencies = task.dependencies();
            for (int i = 0; i < dependencies.size(); i++) {
                consumers.computeIfAbsent(dependencies.get(i), k -> new ArrayList<>(1)).add(new Slot(task.key(), i));
            }
        }
        return consumers;
    }

    /** The earlier levels whose results {@code level} reads. */
    Set<Integer> producerLevels(int level) {
        Set<Integer> producers = new HashSet<>();
        for (Task task : levels.get(level)) {
            for (TaskKey dependency : task.dependencies()) {
                producers.add(levelOf.get(dependency));
            }
        }
        return producers;
    }

    /** The outputs grouped by the level that computes them. */
    Map<Integer, Set<TaskKey>> outputsByLevel(List<TaskKey> outputs) {
        Map<Integer, Set<TaskKey>> byLevel = new LinkedHashMap<>();
        for (TaskKey output : outputs) {
            byLevel.computeIfAbsent(levelOf.get(output), l -> new HashSet<>()).add(output);
        }
        return byLevel;
    }
}
