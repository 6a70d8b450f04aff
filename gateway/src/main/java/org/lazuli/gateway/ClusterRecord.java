package org.lazuli.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One cluster as the gateway and the cluster's own process know it, kept as a JSON file in the
 * gateway's state folder (readable by its owner only: it holds the cluster's token). The gateway
 * writes the request ({@code pid} and {@code port} 0); the running cluster rewrites it with both, and
 * deletes it when it stops. A gateway that restarts finds its clusters again from these files.
 *
 * @param heartbeatMillis a client that sends no heartbeat for this long has gone
 * @param idleSeconds     the cluster stops after this long without clients; 0 never
 * @param backend         "local" or the Spark master its application runs on (absent in records of
 *                        gateways from before Spark clusters: local)
 * @param maxWorkers      the most workers the gateway's limits allow it (0: not recorded)
 */
record ClusterRecord(String name, String user, String token, long created, boolean shutdownOnClose, int workers,
                     int workerCores, long workerMemory, long idleSeconds, long heartbeatMillis, long pid, int port,
                     String dashboard, String backend, int maxWorkers) {

    static final String SUFFIX = ".cluster.json";

    ClusterRecord running(long pid, int port, String dashboard) {
        return new ClusterRecord(name, user, token, created, shutdownOnClose, workers, workerCores, workerMemory,
                idleSeconds, heartbeatMillis, pid, port, dashboard, backend, maxWorkers);
    }

    Backend backendOrLocal() {
        return backend == null ? Backend.LOCAL : Backend.parse(backend);
    }

    static Path file(Path stateDirectory, String name) {
        return stateDirectory.resolve(name + SUFFIX);
    }

    /** Writes the record atomically, owner-only. */
    void write(Path stateDirectory) throws IOException {
        Files.createDirectories(stateDirectory);
        Path temporary = Files.createTempFile(stateDirectory, name, ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions; the folder's own protect it
        }
        Files.write(temporary, Wire.JSON.writeValueAsBytes(this));
        Files.move(temporary, file(stateDirectory, name), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static ClusterRecord read(Path file) throws IOException {
        return Wire.JSON.readValue(file.toFile(), ClusterRecord.class);
    }

    boolean isRunning() {
        return pid > 0 && port > 0;
    }
}
