package org.lazuli.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.lazuli.graph.TaskKey;

/**
 * The result of a task that raised, passed on in place of a value: dependents skip their work and
 * pass it on, and the driver raises it for the output that needed it. A failure is data, not a
 * Spark task failure, so Spark does not retry a task whose code is wrong (only lost executors are
 * retried).
 *
 * @param key   the task that raised
 * @param cause what it raised (or a serializable stand-in with the same text)
 */
record TaskFailure(TaskKey key, Throwable cause) implements Serializable {

    static TaskFailure of(TaskKey key, Throwable error) {
        return new TaskFailure(key, portable(error));
    }

    /** The exception itself when it survives serialization, else a RuntimeException with its class, message and stack. */
    private static Throwable portable(Throwable error) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(error);
            return error;
        } catch (IOException notSerializable) {
            RuntimeException copy = new RuntimeException(error.toString());
            copy.setStackTrace(error.getStackTrace());
            return copy;
        }
    }
}
