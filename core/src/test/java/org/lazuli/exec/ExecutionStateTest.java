package org.lazuli.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lazuli.graph.Sized;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/** The scheduling decisions, without threads. */
class ExecutionStateTest {

    record Bytes(long nbytes) implements Sized {
    }

    private static TaskKey k(String name, int i) {
        return TaskKey.of(name, i);
    }

    /** A two-level reduction tree: leaves a0..a3, combines c0 (a0, a1), c1 (a2, a3), root r. */
    private static TaskGraph tree() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(Task.of(k("a", i), inputs -> new Bytes(100)));
        }
        tasks.add(Task.of(k("c", 0), inputs -> new Bytes(1), k("a", 0), k("a", 1)));
        tasks.add(Task.of(k("c", 1), inputs -> new Bytes(1), k("a", 2), k("a", 3)));
        tasks.add(Task.of(k("r", 0), inputs -> new Bytes(1), k("c", 0), k("c", 1)));
        return TaskGraph.of(tasks);
    }

    @Test
    void combinesRunAsSoonAsTheirInputsExist() {
        ExecutionState state = new ExecutionState(tree(), List.of(k("r", 0)));
        List<String> order = new ArrayList<>();
        for (int id = state.poll(); id >= 0; id = state.poll()) {
            Task task = state.task(id);
            order.add(task.key().name() + task.key().index(0));
            state.finished(id, new Bytes(task.key().name().equals("a") ? 100 : 1));
        }
        assertEquals(List.of("a0", "a1", "c0", "a2", "a3", "c1", "r0"), order);
        assertTrue(state.isDone());
        assertEquals(1, state.bytesHeld(), "only the output is held at the end");
        assertEquals(202, state.peakBytes(), "at most two leaves (and two partial results) held at once");
    }

    @Test
    void inputsAreFreedAfterTheirLastDependent() {
        ExecutionState state = new ExecutionState(tree(), List.of(k("r", 0)));
        int a0 = state.poll();
        state.finished(a0, new Bytes(100));
        int a1 = state.poll();
        state.finished(a1, new Bytes(100));
        assertEquals(200, state.bytesHeld());
        int c0 = state.poll();
        assertEquals("c", state.task(c0).key().name());
        state.finished(c0, new Bytes(1));
        assertEquals(1, state.bytesHeld(), "a0 and a1 are released once c0 has run");
    }

    @Test
    void requestedIntermediatesAreKept() {
        ExecutionState state = new ExecutionState(tree(), List.of(k("c", 0), k("r", 0)));
        for (int id = state.poll(); id >= 0; id = state.poll()) {
            state.finished(id, new Bytes(state.task(id).key().name().equals("a") ? 100 : 1));
        }
        assertEquals(2, state.outputResults().size());
        assertEquals(2, state.bytesHeld());
    }
}
