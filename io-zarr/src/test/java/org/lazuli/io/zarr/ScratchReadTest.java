package org.lazuli.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lazuli.Lazuli;
import org.lazuli.array.DType;
import org.lazuli.array.DenseArray;
import org.lazuli.exec.ThreadedScheduler;
import org.lazuli.labelled.DataArray;
import org.lazuli.labelled.Dataset;

/** A reduction reads Zarr chunks into storage its thread reuses; the values are those of a plain read. */
class ScratchReadTest {

    @Test
    void aReadIntoGivenStorageFillsEveryElementOfIt() throws Exception {
        Path path = ZarrReference.store("blosc_lz4.zarr");
        ArrayMetadata array = ArrayMetadata.v2("tas", Json.object(Files.readAllBytes(path.resolve("tas/.zarray")), "tas"),
                "tas");
        ZarrSource source = new ZarrSource(new DirectoryStore(path), array, "token");
        long[] start = {1, 2, 3};
        long[] step = {2, 1, 1};
        long[] count = {5, 6, 4};
        DenseArray plain = source.read(start, step, count);
        Object storage = DenseArray.allocate(plain.dtype(), 5 * 6 * 4);
        Object garbage = storage;
        if (garbage instanceof double[] d) {   // what a previous block left in it must not show through
            Arrays.fill(d, 1e300);
        } else if (garbage instanceof float[] f) {
            Arrays.fill(f, 1e30f);
        }
        DenseArray into = source.readInto(start, step, count, () -> storage);
        assertArrayEquals(plain.toDoubleArray(), into.toDoubleArray(), 0.0);
        assertEquals(plain, into);
        assertEquals(DType.FLOAT32, into.dtype());
        assertSame(storage, into.readFloats(f -> f), "the block is the storage given, not a copy");
    }

    @Test
    void reductionsInARowOnOneThreadGiveTheEagerValues() {
        try (Dataset ds = Lazuli.openZarr(ZarrReference.store("blosc_lz4.zarr"));
             ThreadedScheduler one = ThreadedScheduler.create(1)) {
            DataArray tas = ds.get("tas");
            DataArray eager = tas.load();
            // one thread: every block of both reductions goes through the same scratch storage
            double[] mean = tas.mean("time").data().compute(one).toDoubleArray();
            double[] sum = tas.sum("lat").data().compute(one).toDoubleArray();
            double[] meanAgain = tas.mean("time").data().compute(one).toDoubleArray();
            assertArrayEquals(eager.mean("time").values().toDoubleArray(), mean, 1e-12);
            assertArrayEquals(eager.sum("lat").values().toDoubleArray(), sum, 1e-9);
            assertArrayEquals(mean, meanAgain, 0.0);
        }
    }
}
