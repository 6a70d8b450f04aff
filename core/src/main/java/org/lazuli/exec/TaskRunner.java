package org.lazuli.exec;

import org.lazuli.graph.Sized;
import org.lazuli.graph.Task;

/** Runs one task, reporting to the listener; shared by the schedulers. */
final class TaskRunner {
    private TaskRunner() {
    }

    /** Runs the task; wraps whatever it throws in a {@link TaskFailedException}. */
    static Object run(Task task, Object[] inputs, ExecutionListener listener) {
        notify(() -> listener.taskStarted(task.key()));
        long start = System.nanoTime();
        Object result;
        try {
            result = task.function().apply(inputs);
        } catch (Throwable error) {   // an Error in user code (StackOverflowError …) must fail the task, not the worker
            if (error instanceof VirtualMachineError vm && !(error instanceof StackOverflowError)) {
                if (!(error instanceof OutOfMemoryError)) {
                    throw vm;
                }
            }
            notify(() -> listener.taskFailed(task.key(), error));
            throw new TaskFailedException(task.key(), error);
        }
        long stop = System.nanoTime();
        long bytes = result instanceof Sized sized ? sized.nbytes() : 0;
        notify(() -> listener.taskFinished(task.key(), start, stop, bytes));
        return result;
    }

    static void notify(Runnable event) {
        try {
            event.run();
        } catch (Throwable ignored) {
            // a listener's failure (even an Error of its own) must never fail or stall the computation it watches
        }
    }
}
