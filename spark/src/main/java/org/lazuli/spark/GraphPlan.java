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
 * A task graph as Spark will run it. Linear chains (a task whose only input has no other reader,
 * such as read → map_blocks → mean-chunk) become one {@link Unit}, so the chain runs in one Spark
 * task instead of costing a shuffle per link. Units are then cut into levels: a unit's level is one
 * more than its deepest input's, so every unit of a level can run once the levels before it are
 * done. Each level becomes one cached RDD.
 *
 * @param levels  the units of each level, in the graph's preferred order
 * @param levelOf each unit's level, by the unit's key
 */
record GraphPlan(List<List<Unit>> levels, Map<TaskKey, Integer> levelOf) {

    /** Where a result goes: the consuming unit and the position of the input it fills. */
    record Slot(TaskKey consumer, int index) implements Serializable {
    }

    /**
     * Tasks run together in one Spark task: each member reads the one before it; the first reads
     * the unit's inputs; the last gives the unit's key and result.
     */
    record Unit(List<Task> members) implements Serializable {
        TaskKey key() {
            return members.get(members.size() - 1).key();
        }

        List<TaskKey> dependencies() {
            return members.get(0).dependencies();
        }
    }

    /** {@code ordered} must list every dependency before its dependents (as {@code TaskGraph.order} does). */
    static GraphPlan of(List<Task> ordered, List<TaskKey> outputs) {
        Map<TaskKey, Integer> readers = new HashMap<>(ordered.size() * 2);
        for (Task task : ordered) {
            for (TaskKey dependency : task.dependencies()) {
                readers.merge(dependency, 1, Integer::sum);
            }
        }
        Set<TaskKey> wanted = new HashSet<>(outputs);
        // a chain grows while its last task's only reader reads nothing else
        Map<TaskKey, List<Task>> chainEndingAt = new HashMap<>();
        List<List<Task>> chains = new ArrayList<>();
        for (Task task : ordered) {
            List<Task> chain = null;
            if (task.dependencies().size() == 1) {
                TaskKey input = task.dependencies().get(0);
                if (readers.getOrDefault(input, 0) == 1 && !wanted.contains(input)) {
                    chain = chainEndingAt.remove(input);
                }
            }
            if (chain == null) {
                chain = new ArrayList<>(1);
                chains.add(chain);
            }
            chain.add(task);
            chainEndingAt.put(task.key(), chain);
        }
        Map<TaskKey, Integer> levelOf = new HashMap<>(chains.size() * 2);
        List<List<Unit>> levels = new ArrayList<>();
        for (List<Task> chain : chains) {       // in the order of each chain's first task: inputs come first
            Unit unit = new Unit(List.copyOf(chain));
            int level = 0;
            for (TaskKey dependency : unit.dependencies()) {
                level = Math.max(level, levelOf.get(dependency) + 1);
            }
            levelOf.put(unit.key(), level);
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(unit);
        }
        return new GraphPlan(levels, levelOf);
    }

    /** For level {@code level}: which of its units each earlier result feeds, by producer key. */
    Map<TaskKey, List<Slot>> consumersOf(int level) {
        Map<TaskKey, List<Slot>> consumers = new HashMap<>();
        for (Unit unit : levels.get(level)) {
            List<TaskKey> dependencies = unit.dependencies();
            for (int i = 0; i < dependencies.size(); i++) {
                consumers.computeIfAbsent(dependencies.get(i), k -> new ArrayList<>(1)).add(new Slot(unit.key(), i));
            }
        }
        return consumers;
    }

    /** The earlier levels whose results {@code level} reads. */
    Set<Integer> producerLevels(int level) {
        Set<Integer> producers = new HashSet<>();
        for (Unit unit : levels.get(level)) {
            for (TaskKey dependency : unit.dependencies()) {
                producers.add(levelOf.get(dependency));
            }
        }
        return producers;
    }

    /** How many times each level's results are read: once per later level reading them, once more if it holds outputs. */
    Map<Integer, Integer> readersOfLevels(List<TaskKey> outputs) {
        Map<Integer, Integer> readers = new HashMap<>();
        for (int level = 1; level < levels.size(); level++) {
            producerLevels(level).forEach(producer -> readers.merge(producer, 1, Integer::sum));
        }
        outputsByLevel(outputs).keySet().forEach(level -> readers.merge(level, 1, Integer::sum));
        return readers;
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
