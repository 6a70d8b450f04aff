package org.lazuli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lazuli.io.spi.Backends;
import org.lazuli.labelled.Compat;
import org.lazuli.labelled.ConcatOptions;
import org.lazuli.labelled.Dataset;

/** Opening many files as one dataset. */
final class MultiFile {
    /**
     * Variables with the concatenated dimension are joined, the others taken from the first file without
     * comparing them (a time-invariant grid stays as it is); along a new dimension every data variable is joined.
     */
    private static ConcatOptions joinOnly(List<Dataset> datasets, String dim) {
        boolean existing = datasets.get(0).sizes().containsKey(dim);
        return ConcatOptions.defaults().dataVars(existing ? ConcatOptions.Which.MINIMAL : ConcatOptions.Which.ALL)
                .coords(ConcatOptions.Which.MINIMAL).compat(Compat.OVERRIDE);
    }

    private MultiFile() {
    }

    /** Files matching a glob in its directory (the last path element may contain * ? [ ] { }), sorted. */
    static List<Path> expand(String glob) {
        Path pattern = Path.of(glob);
        Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("No files match '" + glob + "' (looked in " + dir.toAbsolutePath() + ")");
            }
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + " for '" + glob + "': " + e.getMessage(), e);
        }
    }

    static Dataset open(List<Path> paths, MultiFileOptions options) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("openMfDataset needs at least one file");
        }
        List<Dataset> datasets = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<Dataset> opened = new ArrayList<>();
        try {
            List<Object> results = openAll(paths, options);
            results.stream().filter(Dataset.class::isInstance).forEach(ds -> opened.add((Dataset) ds));
            for (int i = 0; i < paths.size(); i++) {
                Object result = results.get(i);
                if (result instanceof Dataset ds) {
                    datasets.add(options.preprocess().apply(ds));
                    files.add(paths.get(i).getFileName().toString());
                } else {
                    RuntimeException error = (RuntimeException) result;
                    switch (options.errors()) {
                        case RAISE -> throw new IllegalArgumentException("Cannot open " + paths.get(i) + " of the "
                                + paths.size() + " files: " + error.getMessage(), error);
                        case WARN -> System.err.println("openMfDataset: skipping " + paths.get(i) + ": " + error.getMessage());
                        default -> {
                        }
                    }
                }
            }
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("None of the " + paths.size() + " files could be opened");
            }
            Dataset joined;
            try {
                joined = options.concatDim() != null ? Dataset.concat(datasets, options.concatDim(), joinOnly(datasets,
                        options.concatDim()))
                        : Dataset.combineByCoords(datasets);
            } catch (IllegalArgumentException e) {   // say which files the datasets it names are
                List<String> named = new ArrayList<>();
                for (int i = 0; i < files.size() && i < 20; i++) {
                    named.add(i + " = " + files.get(i));
                }
                throw new IllegalArgumentException(e.getMessage() + " (datasets: " + String.join(", ", named)
                        + (files.size() > 20 ? ", ..." : "") + ")", e);
            }
            return Dataset.withResources(joined.variables(), joined.coordNames(), joined.attrs(),
                    opened.stream().map(ds -> (AutoCloseable) ds).toList());
        } catch (RuntimeException e) {
            opened.forEach(Dataset::close);
            throw e;
        }
    }

    /** Each file's dataset, or the exception opening it raised. */
    private static List<Object> openAll(List<Path> paths, MultiFileOptions options) {
        List<Object> results = new ArrayList<>();
        if (!options.parallel() || paths.size() == 1) {
            for (Path path : paths) {
                results.add(openOne(path, options));
            }
            return results;
        }
        int threads = Math.min(paths.size(), Math.max(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lazuli-open");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Path path : paths) {
                futures.add(pool.submit(() -> openOne(path, options)));
            }
            for (Future<Object> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    results.add(new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while opening files", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Object openOne(Path path, MultiFileOptions options) {
        try {
            // each file as it is: chunks may name the dimension the files are joined along
            return Backends.reader(path).open(path, options.open());
        } catch (RuntimeException e) {
            return e;
        }
    }
}
