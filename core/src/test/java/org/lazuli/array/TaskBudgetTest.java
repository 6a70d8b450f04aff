package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lazuli.exec.SynchronousScheduler;

/** Graphs from tiny chunks fail at once with the count and a chunk size that works, instead of never finishing. */
class TaskBudgetTest {

    @Test
    void aReductionOverATrillionOneElementChunksFailsQuicklyWithAChunkSuggestion() {
        ChunkedArray tiny = ChunkedArray.ones(new long[] {1_000_000, 1_000_000}, new long[] {1, 1});
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(IllegalArgumentException.class, () -> tiny.sum().compute()));
        assertTrue(e.getMessage().contains("more than 2,000,000 tasks")
                && e.getMessage().contains("1,000,000,000,000 blocks of (1, 1)")
                && e.getMessage().contains("(4096, 4096)") && e.getMessage().contains("-Dlazuli.maxTasks"), e.getMessage());
        assertTrue(tiny.sum().toString().contains("tasks=many"), "printing it does not build the graph");
    }

    @Test
    void tooManyOutputBlocksFailBeforeAnyTaskIsMade() {
        ChunkedArray tiny = ChunkedArray.zeros(new long[] {3_000_000}, new long[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tiny::compute);
        assertTrue(e.getMessage().contains("3,000,000 blocks of (1,)"), e.getMessage());
    }

    @Test
    void aSmallSelectionOfATinyChunkedArrayStillComputes() {
        ChunkedArray tiny = ChunkedArray.ones(new long[] {1_000_000, 1_000_000}, new long[] {1, 1});
        ChunkedArray corner = tiny.slice(new long[] {0, 0}, new long[] {3, 4}, new long[] {1, 1});
        assertEquals(12.0, corner.sum().compute(SynchronousScheduler.instance()).getDouble());
    }
}
