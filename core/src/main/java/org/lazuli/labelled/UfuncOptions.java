package org.lazuli.labelled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lazuli.array.DType;

/**
 * How {@code Lazuli.applyUfunc} applies a function, as xarray's {@code apply_ufunc} arguments.
 *
 * @param inputCoreDims  per argument, the dimensions the function works along (moved last, one chunk each)
 * @param outputCoreDims the dimensions the result adds after the broadcast ones
 * @param outputSizes    the sizes of output core dimensions that no argument has
 * @param outputDtype    the result's type (xarray's {@code output_dtypes}); null: the first argument's
 * @param vectorize      call the function once per point of the broadcast dimensions, on the core dims alone
 *                       (xarray's {@code vectorize=True}, NumPy's {@code vectorize})
 */
public record UfuncOptions(List<List<String>> inputCoreDims, List<String> outputCoreDims, Map<String, Long> outputSizes,
                           DType outputDtype, boolean vectorize) {
    public UfuncOptions {
        List<List<String>> copies = new ArrayList<>();
        for (List<String> dims : inputCoreDims) {
            copies.add(List.copyOf(dims));
        }
        inputCoreDims = List.copyOf(copies);
        outputCoreDims = List.copyOf(outputCoreDims);
        outputSizes = Collections.unmodifiableMap(new LinkedHashMap<>(outputSizes));
    }

    /** No core dimensions (an elementwise function), the first argument's type, not vectorised. */
    public static UfuncOptions defaults() {
        return new UfuncOptions(List.of(), List.of(), Map.of(), null, false);
    }

    /** The core dimensions of each argument, in order (an argument without an entry has none). */
    @SafeVarargs
    public final UfuncOptions withInputCoreDims(List<String>... perArgument) {
        List<List<String>> each = new ArrayList<>();
        for (List<String> dims : perArgument) {   // read one by one: the array itself never leaves this method
            each.add(dims);
        }
        return new UfuncOptions(List.copyOf(each), outputCoreDims, outputSizes, outputDtype, vectorize);
    }

    public UfuncOptions withOutputCoreDims(String... dims) {
        return new UfuncOptions(inputCoreDims, List.of(dims), outputSizes, outputDtype, vectorize);
    }

    public UfuncOptions withOutputSizes(Map<String, Long> sizes) {
        return new UfuncOptions(inputCoreDims, outputCoreDims, sizes, outputDtype, vectorize);
    }

    public UfuncOptions withOutputDtype(DType dtype) {
        return new UfuncOptions(inputCoreDims, outputCoreDims, outputSizes, dtype, vectorize);
    }

    public UfuncOptions withVectorize(boolean on) {
        return new UfuncOptions(inputCoreDims, outputCoreDims, outputSizes, outputDtype, on);
    }

    /** The core dimensions of argument {@code i}. */
    List<String> coreDimsOf(int i) {
        return i < inputCoreDims.size() ? inputCoreDims.get(i) : List.of();
    }
}
