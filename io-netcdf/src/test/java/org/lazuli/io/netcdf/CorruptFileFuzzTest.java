package org.lazuli.io.netcdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lazuli.Lazuli;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;
import org.lazuli.labelled.Variable;

/**
 * A fuzzer over damaged copies of every file in {@code testdata}, deterministic by seed: truncations,
 * bit flips, zeroed ranges and header fields set huge. Each mutant is opened and every variable read.
 * The only acceptable outcomes: an exception naming the file, or values (for a truncation, the
 * original's values: a truncated data region must fail, never read as zeros). Hangs, Errors
 * ({@link OutOfMemoryError} above all), unclear errors and leaked handles or descriptors are defects.
 */
class CorruptFileFuzzTest {
    private static final int MUTANTS_PER_FILE = Integer.getInteger("lazuli.fuzz.mutants", 160);
    /** Another seed explores other mutants ({@code -Dlazuli.fuzz.seed=N}); CI runs seed 0. */
    private static final long SEED = Long.getLong("lazuli.fuzz.seed", 0L);
    private static final long HARD_LIMIT_SECONDS = 30;
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-reader");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path tmp;

    @AfterAll
    static void stopReaders() {
        READERS.shutdownNow();
    }

    enum Kind { TRUNCATE, FLIP, ZERO, HUGE }

    private record Outcome(String classification, String detail) {
    }

    @Test
    void everyDamagedFileFailsNamingTheFileOrReadsRight() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Testdata.folder())) {
            files = list.filter(p -> p.toString().endsWith(".nc") || p.toString().endsWith(".cdf")).sorted().toList();
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<String> defects = new ArrayList<>();
        int attempts = 0;
        String only = System.getProperty("lazuli.fuzz.only");
        for (Path original : files) {
            if (only != null && !original.getFileName().toString().equals(only)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(original);
            OpenOptions options = OpenOptions.defaults();
            Map<String, Object> reference;
            try {
                reference = readAll(original, options);
            } catch (IllegalArgumentException undecodable) {   // times xarray cannot decode either
                options = options.withDecodeTimes(false);
                reference = readAll(original, options);
            }
            Random random = new Random(original.getFileName().toString().hashCode() + SEED);
            for (int m = 0; m < MUTANTS_PER_FILE; m++) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                byte[] mutant = mutate(bytes, kind, random);
                Path damaged = tmp.resolve(original.getFileName());
                Files.write(damaged, mutant);
                Outcome outcome = attempt(damaged, kind, reference, options);
                attempts++;
                counts.merge(outcome.classification(), 1, Integer::sum);
                if (outcome.classification().startsWith("DEFECT")) {
                    defects.add(original.getFileName() + " " + kind + " #" + m + " (" + lastMutation + "): "
                            + outcome.classification() + " " + outcome.detail());
                }
                Files.delete(damaged);
            }
        }
        System.out.println("Fuzzed " + attempts + " damaged copies of " + files.size() + " files: " + counts);
        defects.stream().limit(60).forEach(System.out::println);
        assertEquals(0, defects.size(), "defects: " + defects.stream().limit(20).toList());
    }

    private static Map<String, Object> readAll(Path path, OpenOptions options) {
        Map<String, Object> values = new LinkedHashMap<>();
        try (Dataset ds = Lazuli.openDataset(path, options)) {
            for (Map.Entry<String, Variable> e : ds.variables().entrySet()) {
                Variable v = e.getValue();
                values.put(e.getKey(), v.isLabels() ? v.labelValues() : List.of(v.values().toDoubleArray()));
            }
        }
        return values;
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String name : a.keySet()) {
            Object x = a.get(name);
            Object y = b.get(name);
            if (x instanceof List<?> lx && lx.size() == 1 && lx.get(0) instanceof double[] dx
                    && y instanceof List<?> ly && ly.size() == 1 && ly.get(0) instanceof double[] dy) {
                if (!java.util.Arrays.equals(dx, dy)) {
                    return false;
                }
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    /** What the latest mutation did, for the report. */
    private static String lastMutation = "";

    private static byte[] mutate(byte[] bytes, Kind kind, Random random) {
        byte[] out;
        int header = Math.min(bytes.length, 4096);
        switch (kind) {
            case TRUNCATE -> {
                // half the cuts inside the first 4 kB, where headers live
                int at = random.nextBoolean() ? random.nextInt(header) : random.nextInt(bytes.length);
                out = java.util.Arrays.copyOf(bytes, at);
                lastMutation = "cut at " + at;
            }
            case FLIP -> {
                out = bytes.clone();
                int flips = 1 + random.nextInt(8);
                StringBuilder where = new StringBuilder("bits flipped at");
                for (int i = 0; i < flips; i++) {
                    int at = random.nextBoolean() ? random.nextInt(header) : random.nextInt(bytes.length);
                    int bit = random.nextInt(8);
                    out[at] ^= (byte) (1 << bit);
                    where.append(' ').append(at).append(':').append(bit);
                }
                lastMutation = where.toString();
            }
            case ZERO -> {
                out = bytes.clone();
                int at = random.nextInt(bytes.length);
                int length = Math.min(bytes.length - at, 1 + random.nextInt(4096));
                java.util.Arrays.fill(out, at, at + length, (byte) 0);
                lastMutation = length + " bytes zeroed at " + at;
            }
            default -> {
                // a big-endian 32-bit field in the header set huge (NetCDF-3 counts and lengths are such fields)
                out = bytes.clone();
                int at = 4 + 4 * random.nextInt(Math.max(1, (header - 8) / 4));
                int[] huge = {0x7fffffff, 0x01000000, 0x00ffffff, 0xffffffff, 0x40000000};
                int value = huge[random.nextInt(huge.length)];
                ByteBuffer.wrap(out).putInt(Math.min(at, out.length - 4), value);
                lastMutation = "int 0x" + Integer.toHexString(value) + " at " + Math.min(at, out.length - 4);
            }
        }
        return out;
    }

    /** Descriptors this process has open on {@code file} (Linux; none elsewhere). */
    private static int openDescriptors(Path file) {
        String[] fds = new java.io.File("/proc/self/fd").list();
        if (fds == null) {
            return 0;
        }
        int n = 0;
        for (String fd : fds) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).equals(file.toAbsolutePath())) {
                    n++;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // closed meanwhile
            }
        }
        return n;
    }

    private Outcome attempt(Path damaged, Kind kind, Map<String, Object> reference, OpenOptions options)
            throws InterruptedException {
        int handlesBefore = NetcdfBackend.openHandles();

        java.util.concurrent.atomic.AtomicReference<Thread> reader = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Map<String, Object>> read = READERS.submit(() -> {
            reader.set(Thread.currentThread());
            return readAll(damaged, options);
        });
        Outcome outcome;
        try {
            Map<String, Object> values = read.get(HARD_LIMIT_SECONDS, TimeUnit.SECONDS);
            if (sameValues(values, reference)) {
                outcome = new Outcome("values (as the original)", "");
            } else if (kind == Kind.TRUNCATE) {
                outcome = new Outcome("DEFECT silent wrong values", "a truncated file read without an error");
            } else {
                outcome = new Outcome("values (changed by the damage)", "");
            }
        } catch (TimeoutException e) {
            Thread stuck = reader.get();
            String where = stuck == null ? "" : java.util.Arrays.stream(stuck.getStackTrace()).limit(25)
                    .map(String::valueOf).toList().toString();
            read.cancel(true);
            return new Outcome("DEFECT hang", "no end within " + HARD_LIMIT_SECONDS + " s, at " + where);
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = classify(e.getCause(), damaged);
        }
        if (NetcdfBackend.openHandles() != handlesBefore) {
            return new Outcome("DEFECT leaked handle", NetcdfBackend.openHandles() + " open after, " + handlesBefore
                    + " before (" + outcome + ")");
        }
        int descriptors = openDescriptors(damaged);
        if (descriptors > 0) {
            return new Outcome("DEFECT leaked descriptor", descriptors + " still open on the file (" + outcome + ")");
        }
        return outcome;
    }

    private static Outcome classify(Throwable failure, Path damaged) {
        if (failure instanceof Error) {
            return new Outcome("DEFECT " + failure.getClass().getSimpleName(), failure.getMessage() + " at "
                    + java.util.Arrays.stream(failure.getStackTrace()).limit(8).map(String::valueOf).toList());
        }
        String message = String.valueOf(failure.getMessage());
        String name = damaged.getFileName().toString();
        if (!message.contains(name)) {
            return new Outcome("DEFECT unclear error", failure.getClass().getName() + ": " + message
                    + rootCause(failure));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("ucar.")) {
                // NetCDF-Java sized an allocation from a damaged header field and it failed: nothing was
                // allocated, the JVM is intact, and the message names the file; counted apart to stay visible
                return new Outcome("clear error (an allocation NetCDF-Java sized from a damaged field failed)", "");
            }
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
                return new Outcome("DEFECT " + t.getClass().getSimpleName() + " (wrapped)", message + " at "
                        + java.util.Arrays.stream(t.getStackTrace()).limit(8).map(String::valueOf).toList());
            }
        }
        return new Outcome("clear error", "");
    }

    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        StackTraceElement[] at = root.getStackTrace();
        return root == t ? " at " + (at.length > 0 ? at[0] : "?")
                : " (root: " + root.getClass().getName() + ": " + root.getMessage() + (at.length > 0 ? " at " + at[0] : "") + ")";
    }
}
