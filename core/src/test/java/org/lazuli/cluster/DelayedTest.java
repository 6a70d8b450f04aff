package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelayedTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    static int counted(int x) {
        CALLS.incrementAndGet();
        return x;
    }

    @Test
    void nothingRunsBeforeComputeAndSharedInputsRunOnce() {
        CALLS.set(0);
        Delayed<Integer> base = Delayed.of(() -> counted(5));
        Delayed<Integer> twice = base.map(v -> counted(v * 2));
        Delayed<Integer> thrice = base.map(v -> counted(v * 3));
        Delayed<Integer> sum = Delayed.combine(twice, thrice, (a, b) -> a + b);
        assertEquals(0, CALLS.get(), "building is lazy");
        assertEquals(List.of(25, 10), Delayed.computeAll(List.of(sum, twice)));
        assertEquals(3, CALLS.get(), "base, twice and thrice each ran once");
        assertEquals(List.of(10, 15), Delayed.all(List.of(twice, thrice)).compute());
    }

    @Test
    void keysAreDeterministicAndIncludeCapturedValues() {
        int k = 3;
        assertEquals(plusOne(41).key(), plusOne(41).key(), "the same function of the same input");
        assertNotEquals(plusOne(41).key(), plusOne(40).key());
        assertNotEquals(Delayed.value(41).key(), Delayed.value(42).key());
        Delayed<Integer> a = Delayed.value(1).map(v -> v + k);
        int other = 4;
        Delayed<Integer> b = Delayed.value(1).map(v -> v + other);
        assertNotEquals(a.key(), b.key());
        assertEquals(4, a.compute());
        assertEquals(5, b.compute());
    }

    private static Delayed<Integer> plusOne(int start) {
        return Delayed.value(start).map(v -> v + 1);
    }

    @Test
    void flatMapChoosesTheNextStepAtRunTime() {
        Delayed<Integer> n = Delayed.value(3);
        Delayed<Integer> chosen = n.flatMap(v -> v > 2 ? Delayed.value(v * 100) : Delayed.value(-1));
        assertEquals(300, chosen.compute());
        try (LocalCluster cluster = ClientTest.small(); Client client = Client.connect(cluster)) {
            assertEquals(300, chosen.compute(), "a nested computation inside a worker runs in that worker");
            assertEquals(300, client.compute(chosen).result());
        }
    }

    @Test
    void visualizeWritesDotAndSvg(@TempDir Path tmp) throws Exception {
        Delayed<Integer> a = Delayed.value(1);
        Delayed<Integer> total = Delayed.combine(a, a.map(v -> v + 1), Integer::sum);
        total.visualize(tmp.resolve("graph.dot"));
        total.visualize(tmp.resolve("graph.svg"));
        String dot = Files.readString(tmp.resolve("graph.dot"));
        assertTrue(dot.startsWith("digraph") && dot.contains("combine-") && dot.contains("->"), dot);
        assertEquals(3, dot.lines().filter(l -> l.contains("[label=")).count());
        String svg = Files.readString(tmp.resolve("graph.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("<rect") && svg.contains("<line"), svg);
    }
}
