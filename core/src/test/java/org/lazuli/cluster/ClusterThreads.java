package org.lazuli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks that no thread started by a cluster outlives it. */
final class ClusterThreads {
    private ClusterThreads() {
    }

    static void assertNoneAlive() throws InterruptedException {
        List<String> alive = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("lazuli-cluster")).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(List.of(), alive, "cluster threads outlived close()");
    }
}
