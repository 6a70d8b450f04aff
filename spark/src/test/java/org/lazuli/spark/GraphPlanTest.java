package org.lazuli.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

class GraphPlanTest {
    private static final TaskKey A0 = TaskKey.of("read", 0);
    private static final TaskKey A1 = TaskKey.of("read", 1);
    private static final TaskKey B0 = TaskKey.of("scale", 0);
    private static final TaskKey B1 = TaskKey.of("scale", 1);
    private static final TaskKey SUM = TaskKey.of("sum");

    private static TaskGraph readScaleSum() {
        return TaskGraph.of(List.of(
                Task.of(A0, in -> 1.0), Task.of(A1, in -> 2.0),
                Task.of(B0, in -> 10 * (Double) in[0], A0), Task.of(B1, in -> 10 * (Double) in[0], A1),
                Task.of(SUM, in -> (Double) in[0] + (Double) in[1], B0, B1)));
    }

    private static List<List<TaskKey>> unitKeys(GraphPlan plan, int level) {
        return plan.levels().get(level).stream().map(u -> u.members().stream().map(Task::key).toList()).toList();
    }

    @Test
    void linearChainsRunAsOneUnitAndReductionsStaySpread() {
        TaskGraph graph = readScaleSum();
        GraphPlan plan = GraphPlan.of(graph.order(List.of(SUM)), List.of(SUM));
        assertEquals(2, plan.levels().size(), "read and scale fused: one shuffle, not two");
        assertEquals(List.of(List.of(A0, B0), List.of(A1, B1)), unitKeys(plan, 0));
        assertEquals(List.of(List.of(SUM)), unitKeys(plan, 1));
        assertEquals(List.of(B0, B1), plan.levels().get(1).get(0).dependencies());
    }

    @Test
    void anOutputOrASharedResultEndsAChain() {
        TaskGraph graph = readScaleSum();
        GraphPlan plan = GraphPlan.of(graph.order(List.of(SUM, A0)), List.of(SUM, A0));
        assertEquals(3, plan.levels().size());
        assertEquals(List.of(List.of(A0), List.of(A1, B1)), unitKeys(plan, 0));
        assertEquals(List.of(List.of(B0)), unitKeys(plan, 1));

        TaskKey twice = TaskKey.of("twice");
        TaskGraph shared = TaskGraph.of(List.of(Task.of(A0, in -> 1.0), Task.of(B0, in -> 2.0, A0),
                Task.of(twice, in -> 3.0, A0, B0)));
        GraphPlan sharedPlan = GraphPlan.of(shared.order(List.of(twice)), List.of(twice));
        assertEquals(List.of(List.of(A0)), unitKeys(sharedPlan, 0), "A0 has two readers: not fused into either");
        assertEquals(List.of(List.of(B0)), unitKeys(sharedPlan, 1));
        assertEquals(List.of(List.of(twice)), unitKeys(sharedPlan, 2));
    }
}
