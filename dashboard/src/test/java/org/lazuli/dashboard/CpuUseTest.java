package org.lazuli.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lazuli.cluster.Cluster.WorkerInfo;

class CpuUseTest {

    private static WorkerInfo worker(String name, long cpuNanos) {
        return new WorkerInfo(name, 2, 1000, 0, 0, 0, 0, cpuNanos);
    }

    @Test
    void useIsCpuTimeOverWallTimeBetweenSamplesAtLeastTheIntervalApart() {
        CpuUse use = new CpuUse(500_000_000L);
        assertEquals(Map.of(), use.update(List.of(worker("a", 1_000_000_000L)), 0), "no earlier sample yet");
        // a second later: 1.5 s of CPU on two threads is 150 % of one core
        Map<String, Double> first = use.update(List.of(worker("a", 2_500_000_000L), worker("b", 7L)), 1_000_000_000L);
        assertEquals(Map.of("a", 150.0), first, "b is new: no figure until its second sample");
        // too soon for a new sample: the same figures
        assertEquals(first, use.update(List.of(worker("a", 9_000_000_000L), worker("b", 9L)), 1_100_000_000L));
        Map<String, Double> idle = use.update(List.of(worker("a", 2_500_000_000L), worker("b", 250_000_007L)), 2_000_000_000L);
        assertEquals(Map.of("a", 0.0, "b", 25.0), idle);
    }

    @Test
    void workersThatDoNotMeasureCpuHaveNoFigure() {
        CpuUse use = new CpuUse(1);
        use.update(List.of(worker("spark", -1)), 0);
        assertEquals(Map.of(), use.update(List.of(worker("spark", -1)), 1_000_000_000L));
    }
}
