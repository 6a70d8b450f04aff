package org.lazuli.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.exec.Schedulers;
import org.lazuli.graph.Computation;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskFunction;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;
import org.lazuli.graph.Tokenize;

/**
 * A lazy value (dask's {@code delayed}): a function of other delayed values, run only when computed.
 * Keys are deterministic — the same function (including what it captured) of the same inputs has the
 * same key — so shared inputs run once when several values are computed together. Functions are
 * serializable types so the same graphs can run on other JVMs; lambdas are accepted as they are.
 *
 * <pre>{@code
 * Delayed<Integer> a = Delayed.of(() -> inc(1));
 * Delayed<Integer> b = a.map(v -> inc(v));
 * Delayed<Integer> total = Delayed.combine(a, b, (p, q) -> p + q);
 * int value = total.compute();   // runs a once
 * }</pre>
 */
public final class Delayed<T> implements Computation.Source<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskKey key;
    private final TaskFunction function;
    private final List<Delayed<?>> dependencies;

    private Delayed(TaskKey key, TaskFunction function, List<Delayed<?>> dependencies) {
        this.key = key;
        this.function = function;
        this.dependencies = List.copyOf(dependencies);
    }

    @SuppressWarnings("unchecked")
    private static <X> X cast(Object function) {
        return (X) function;   // the function's own parameter types hold: the graph passes the inputs it declares
    }

    private static TaskKey key(String prefix, Object... parts) {
        return TaskKey.of(prefix + "-" + Tokenize.of(parts));
    }

    /** A value computed by {@code function} when needed. */
    public static <T> Delayed<T> of(SerializableCallable<T> function) {
        return new Delayed<>(key("delayed", function), new Call(function), List.of());
    }

    /** A known value, as a delayed one (its key is its content's token). */
    public static <T> Delayed<T> value(T value) {
        return new Delayed<>(key("value", value), new Constant(value), List.of());
    }

    /** {@code function} of this value. */
    public <R> Delayed<R> map(SerializableFunction<? super T, ? extends R> function) {
        return new Delayed<>(key("map", function, key), new Apply1(cast(function)), List.of(this));
    }

    /** A delayed value chosen from this value, computed in the same task. */
    public <R> Delayed<R> flatMap(SerializableFunction<? super T, Delayed<R>> function) {
        return new Delayed<>(key("flatmap", function, key), new FlatApply(cast(function)), List.of(this));
    }

    /** {@code function} of two values. */
    public static <A, B, R> Delayed<R> combine(Delayed<A> a, Delayed<B> b,
                                               SerializableBiFunction<? super A, ? super B, ? extends R> function) {
        return new Delayed<>(key("combine", function, a.key, b.key), new Apply2(cast(function)), List.of(a, b));
    }

    /** The values of a list, as one delayed list. */
    public static <T> Delayed<List<T>> all(List<Delayed<T>> values) {
        Object[] keys = values.stream().map(v -> v.key).toArray();
        return new Delayed<>(key("all", (Object) keys), new Gather(), new ArrayList<>(values));
    }

    public TaskKey key() {
        return key;
    }

    /** Computes the value on the current scheduler (a client's cluster while one is open). */
    @SuppressWarnings("unchecked")
    public T compute() {
        Computation<T> c = lower();
        return c.assemble().apply(Schedulers.current().execute(c.graph(), c.outputs()));
    }

    /**
     * As {@link #compute()}, waiting at most {@code timeout}: past it the computation is cancelled and an
     * {@link IllegalStateException} says so.
     */
    public T compute(Duration timeout) {
        Computation<T> c = lower();
        return c.assemble().apply(Schedulers.await(Schedulers.current().submit(c.graph(), c.outputs()), timeout,
                key.toString()));
    }

    /** Computes several values in one graph: inputs they share run once. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> computeAll(List<Delayed<T>> values) {
        TaskGraph.Builder graph = TaskGraph.builder();
        values.forEach(v -> v.addTo(graph));
        List<TaskKey> keys = values.stream().map(v -> v.key).toList();
        Map<TaskKey, Object> results = Schedulers.current().execute(graph.build(), keys);
        List<T> out = new ArrayList<>();
        keys.forEach(k -> out.add((T) results.get(k)));
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Computation<T> lower() {
        TaskGraph.Builder graph = TaskGraph.builder();
        addTo(graph);
        return new Computation<>(graph.build(), List.of(key), results -> (T) results.get(key));
    }

    private void addTo(TaskGraph.Builder graph) {
        Deque<Delayed<?>> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            Delayed<?> d = todo.pop();
            if (graph.contains(d.key)) {
                continue;
            }
            graph.add(new Task(d.key, d.dependencies.stream().map(x -> x.key).toList(), d.function));
            d.dependencies.forEach(todo::push);
        }
    }

    /** Writes the graph as Graphviz DOT, or as a self-contained SVG when the path ends with ".svg". */
    public void visualize(Path path) {
        TaskGraph graph = lower().graph();
        String text = path.toString().endsWith(".svg") ? GraphPictures.svg(graph) : GraphPictures.dot(graph);
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Delayed(" + key + ")";
    }

    // ---- task functions (serializable values) ------------------------------------------------

    private record Call(SerializableCallable<?> function) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) throws Exception {
            return function.call();
        }
    }

    private record Constant(Object value) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return value;
        }
    }

    private record Apply1(SerializableFunction<Object, ?> function) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return function.apply(inputs[0]);
        }
    }

    private record FlatApply(SerializableFunction<Object, ? extends Delayed<?>> function) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return function.apply(inputs[0]).compute();
        }
    }

    private record Apply2(SerializableBiFunction<Object, Object, ?> function) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return function.apply(inputs[0], inputs[1]);
        }
    }

    private record Gather() implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return Collections.unmodifiableList(Arrays.asList(inputs.clone()));
        }
    }

    static Map<String, Integer> depths(TaskGraph graph) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (Task t : graph.order(graph.tasks().stream().map(Task::key).toList())) {
            int d = 0;
            for (TaskKey dep : t.dependencies()) {
                d = Math.max(d, depth.getOrDefault(dep.toString(), 0) + 1);
            }
            depth.put(t.key().toString(), d);
        }
        return depth;
    }
}
