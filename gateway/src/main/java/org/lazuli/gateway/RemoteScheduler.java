package org.lazuli.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.ResultStore;
import org.lazuli.exec.Scheduler;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * A gateway cluster's scheduler as its clients see it: each graph travels to the cluster process,
 * runs there on its workers, and only the outputs asked for come back. Persisted results stay in the
 * cluster; the client holds {@link RemoteResultStore} handles on them.
 */
final class RemoteScheduler implements Scheduler {
    private final GatewayCluster cluster;
    private final int parallelism;

    RemoteScheduler(GatewayCluster cluster, int parallelism) {
        this.cluster = cluster;
        this.parallelism = parallelism;
    }

    @Override
    public Map<TaskKey, Object> execute(TaskGraph graph, List<TaskKey> outputs, ExecutionListener listener) {
        try {
            return submit(graph, outputs).join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public CompletableFuture<Map<TaskKey, Object>> submit(TaskGraph graph, List<TaskKey> outputs) {
        byte[] request = Wire.serialize(new GraphRequest(new ArrayList<>(graph.cull(outputs).tasks()), List.copyOf(outputs)));
        return cluster.sessionCall("execute", request).thenApply(bytes -> {
            Object reply = read(bytes);
            if (reply instanceof GraphRequest.Failure failure) {
                throw rethrow(failure.error());
            }
            @SuppressWarnings("unchecked")
            Map<TaskKey, Object> results = (Map<TaskKey, Object>) reply;
            return results;
        });
    }

    @Override
    public Optional<ResultStore> persist(TaskGraph graph, List<TaskKey> outputs) {
        byte[] request = Wire.serialize(new GraphRequest(new ArrayList<>(graph.cull(outputs).tasks()), List.copyOf(outputs)));
        try {
            Object reply = read(cluster.sessionCall("persist", request).join());
            if (reply instanceof GraphRequest.Failure failure) {
                throw rethrow(failure.error());
            }
            return Optional.of((ResultStore) reply);
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    private Object read(byte[] bytes) {
        try {
            return Wire.deserialize(new ByteArrayInputStream(bytes), cluster.classLoader());
        } catch (IOException e) {
            throw new GatewayException("Cannot read the reply of " + cluster.name() + ": " + e, e);
        }
    }

    /** The cluster's failure as it was raised there (a TaskFailedException naming the task). */
    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new CompletionException(error);
    }

    @Override
    public String toString() {
        return "RemoteScheduler[" + cluster.name() + ", threads=" + parallelism + "]";
    }
}
