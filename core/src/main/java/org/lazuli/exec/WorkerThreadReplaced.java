package org.lazuli.exec;

/**
 * Ends a worker thread after a {@link VirtualMachineError} in one of its tasks, so that its pool
 * starts a fresh thread. The error itself has already failed the computation it hit; this carries it
 * only for a debugger.
 */
public final class WorkerThreadReplaced extends Error {
    private static final long serialVersionUID = 1L;

    public WorkerThreadReplaced(Throwable cause) {
        super("Worker thread replaced after " + cause, cause, false, false);
    }

    /**
     * The uncaught-exception handler of worker threads: a replaced thread was already reported through
     * its computation, so it is not printed again; anything else is printed as the JVM would.
     */
    public static void ignore(Thread thread, Throwable error) {
        if (!(error instanceof WorkerThreadReplaced)) {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
        }
    }
}
