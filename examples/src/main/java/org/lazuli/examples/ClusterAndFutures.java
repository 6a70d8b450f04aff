package org.lazuli.examples;

import java.util.List;
import org.lazuli.cluster.Client;
import org.lazuli.cluster.Delayed;
import org.lazuli.cluster.TaskFuture;

/** Delayed values and futures on a client's cluster (the tutorial's third section). */
public final class ClusterAndFutures {
    private ClusterAndFutures() {
    }

    static int inc(int x) {
        return x + 1;
    }

    public static void run(Client client) {
        // delayed: lazy until compute
        Delayed<Integer> a = Delayed.of(() -> inc(1));
        Delayed<Integer> b = a.map(v -> inc(v));
        Delayed<Integer> total = Delayed.combine(a, b, (p, q) -> p + q);
        int value = total.compute();
        System.out.println("delayed total = " + value + " (key " + total.key() + ")");

        // futures: start now
        TaskFuture<Integer> f = client.submit(() -> inc(10));
        List<TaskFuture<Integer>> fs = client.map(v -> inc(v), List.of(1, 2, 3));
        List<Integer> all = client.gather(fs);
        int one = f.result();
        System.out.println("future = " + one + ", mapped = " + all);

        TaskFuture<Integer> doubled = client.submit((Integer x) -> 2 * x, f);   // runs when f is done, on the cluster
        System.out.println("a future fed by a future = " + doubled.result());
        System.out.println(client);
    }
}
