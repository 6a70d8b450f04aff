package org.lazuli;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.lazuli.io.spi.OpenOptions;
import org.lazuli.labelled.Dataset;

/**
 * Options of {@link Lazuli#openMfDataset}: how to open each file, how to join them, a function applied
 * to each dataset before joining, whether to read metadata in parallel, and what to do with a file
 * that cannot be opened.
 *
 * @param open       options for each file (chunks, decoding)
 * @param concatDim  the dimension to join along, or null to combine by coordinates
 * @param preprocess applied to each opened dataset before joining (identity by default)
 * @param parallel   open the files' metadata concurrently
 * @param errors     what a file that fails to open does
 */
public record MultiFileOptions(OpenOptions open, String concatDim, UnaryOperator<Dataset> preprocess, boolean parallel,
                               Errors errors) {
    /** What to do with a file that cannot be opened. */
    public enum Errors {
        /** Fail, naming the file. */
        RAISE,
        /** Skip it with a warning on standard error. */
        WARN,
        /** Skip it silently. */
        IGNORE
    }

    public MultiFileOptions {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(preprocess, "preprocess");
        Objects.requireNonNull(errors, "errors");
    }

    /** Chunked per file with the given sizes, combined by coordinates, in parallel, raising errors. */
    public static MultiFileOptions defaults() {
        return new MultiFileOptions(OpenOptions.defaults().withChunks(Map.of()), null, UnaryOperator.identity(),
                true, Errors.RAISE);
    }

    public MultiFileOptions withOpen(OpenOptions newOpen) {
        return new MultiFileOptions(newOpen, concatDim, preprocess, parallel, errors);
    }

    public MultiFileOptions withConcatDim(String dim) {
        return new MultiFileOptions(open, dim, preprocess, parallel, errors);
    }

    public MultiFileOptions withPreprocess(UnaryOperator<Dataset> function) {
        return new MultiFileOptions(open, concatDim, function, parallel, errors);
    }

    public MultiFileOptions withParallel(boolean on) {
        return new MultiFileOptions(open, concatDim, preprocess, on, errors);
    }

    public MultiFileOptions withErrors(Errors mode) {
        return new MultiFileOptions(open, concatDim, preprocess, parallel, mode);
    }
}
