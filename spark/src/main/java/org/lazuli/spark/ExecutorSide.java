package org.lazuli.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.api.java.function.PairFunction;
import org.apache.spark.util.CollectionAccumulator;
import org.lazuli.graph.Sized;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskKey;
import scala.Tuple2;

/**
 * The functions Spark ships to executors. Static, so a closure carries only what it names (the
 * accumulator, a routing table), never the scheduler or the Spark context.
 */
final class ExecutorSide {
    private static final Object[] NO_INPUTS = new Object[0];
    private static final AtomicInteger SLOTS = new AtomicInteger();
    /** A small stable number per executor thread, for one dashboard row per thread. */
    private static final ThreadLocal<Integer> SLOT = ThreadLocal.withInitial(SLOTS::incrementAndGet);

    private ExecutorSide() {
    }

    /**
     * One value on its way to the task that reads it.
     *
     * @param index the input's position, or -1 for the consuming unit itself
     * @param value the producer's result, or the {@link GraphPlan.Unit}
     */
    record Input(int index, Object value) implements Serializable {
    }

    /** Runs units without inputs (a level-0 partition), one at a time as Spark pulls results. */
    static PairFlatMapFunction<Iterator<GraphPlan.Unit>, TaskKey, Object> runLeaves(CollectionAccumulator<TaskRun> runs) {
        return units -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return units.hasNext();
            }

            @Override
            public Tuple2<TaskKey, Object> next() {
                return run(units.next(), NO_INPUTS, runs);
            }
        };
    }

    /** Tags a unit with its own key, so it meets its inputs in the shuffle. */
    static PairFunction<GraphPlan.Unit, TaskKey, Input> keyed() {
        return unit -> new Tuple2<>(unit.key(), new Input(-1, unit));
    }

    /** Sends each result to the tasks of one level that read it (nothing for results that level does not read). */
    static PairFlatMapFunction<Tuple2<TaskKey, Object>, TaskKey, Input> route(Map<TaskKey, List<GraphPlan.Slot>> consumers) {
        return result -> {
            List<GraphPlan.Slot> slots = consumers.get(result._1());
            if (slots == null) {
                return Collections.emptyIterator();
            }
            List<Tuple2<TaskKey, Input>> routed = new ArrayList<>(slots.size());
            for (GraphPlan.Slot slot : slots) {
                routed.add(new Tuple2<>(slot.consumer(), new Input(slot.index(), result._2())));
            }
            return routed.iterator();
        };
    }

    /** Runs each task with the inputs the shuffle grouped under its key. */
    static PairFlatMapFunction<Iterator<Tuple2<TaskKey, Iterable<Input>>>, TaskKey, Object> runGrouped(
            CollectionAccumulator<TaskRun> runs) {
        return groups -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return groups.hasNext();
            }

            @Override
            public Tuple2<TaskKey, Object> next() {
                Tuple2<TaskKey, Iterable<Input>> group = groups.next();
                GraphPlan.Unit unit = null;
                List<Input> inputs = new ArrayList<>();
                for (Input input : group._2()) {
                    if (input.index() < 0) {
                        unit = (GraphPlan.Unit) input.value();
                    } else {
                        inputs.add(input);
                    }
                }
                if (unit == null) {
                    throw new IllegalStateException("Inputs arrived for " + group._1() + " but not the task itself");
                }
                Object[] values = new Object[unit.dependencies().size()];
                for (Input input : inputs) {
                    values[input.index()] = input.value();
                }
                if (inputs.size() != values.length) {
                    throw new IllegalStateException("Task " + unit.key() + " got " + inputs.size() + " of its "
                            + values.length + " inputs");
                }
                return run(unit, values, runs);
            }
        };
    }

    /** Runs a unit's tasks in turn, each on the one before's result; the last one's result is the unit's. */
    static Tuple2<TaskKey, Object> run(GraphPlan.Unit unit, Object[] inputs, CollectionAccumulator<TaskRun> runs) {
        Object result = null;
        Object[] next = inputs;
        for (Task task : unit.members()) {
            result = run(task, next, runs);
            next = new Object[] {result};
        }
        return new Tuple2<>(unit.key(), result);
    }

    /** Where each kept result lives: (key, partition index), or (key, its failure). */
    static Function2<Integer, Iterator<Tuple2<TaskKey, Object>>, Iterator<Tuple2<TaskKey, Object>>> locate() {
        return (partition, results) -> {
            List<Tuple2<TaskKey, Object>> located = new ArrayList<>();
            while (results.hasNext()) {
                Tuple2<TaskKey, Object> result = results.next();
                located.add(new Tuple2<>(result._1(), result._2() instanceof TaskFailure f ? f : partition));
            }
            return located.iterator();
        };
    }

    /** Runs one task; a failure (its own or an input's) becomes the result, recorded once where it happened. */
    private static Object run(Task task, Object[] inputs, CollectionAccumulator<TaskRun> runs) {
        for (Object input : inputs) {
            if (input instanceof TaskFailure) {
                return input;
            }
        }
        long startMicros = TaskRun.nowMicros();
        long start = System.nanoTime();
        String executor = SparkEnv.get().executorId();
        try {
            Object result = task.function().apply(inputs);
            long bytes = result instanceof Sized sized ? sized.nbytes() : 0;
            runs.add(new TaskRun(task.key(), executor, SLOT.get(), startMicros, System.nanoTime() - start, bytes, null));
            return result;
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            runs.add(new TaskRun(task.key(), executor, SLOT.get(), startMicros, System.nanoTime() - start, 0,
                    e.toString()));
            return TaskFailure.of(task.key(), e);
        }
    }
}
