package org.lazuli.gateway;

import java.util.Locale;

/**
 * Where a gateway runs its clusters: {@code local} (each cluster a process of its own, its workers
 * thread pools in it) or a Spark cluster manager ({@code spark://host:7077}, {@code yarn}, {@code
 * k8s://https://host:443}), where each cluster is a Spark application whose driver is the cluster's
 * process and whose workers are the executors the manager starts.
 *
 * @param value as given: "local" or the Spark master URL
 */
record Backend(String value) {
    static final Backend LOCAL = new Backend("local");

    /** The backend a gateway option names, or an error listing the ones there are. */
    static Backend parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("local")) {
            return LOCAL;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("spark://") && v.length() > "spark://".length()) || lower.equals("yarn")
                || (lower.startsWith("k8s://") && v.length() > "k8s://".length())) {
            return new Backend(v);
        }
        throw new IllegalArgumentException("backend(\"" + value + "\") is not one this gateway runs: use \"local\""
                + " (a process per cluster) or a Spark master (\"spark://host:7077\", \"yarn\", \"k8s://https://host:443\")");
    }

    boolean isLocal() {
        return equals(LOCAL);
    }

    @Override
    public String toString() {
        return value;
    }
}
