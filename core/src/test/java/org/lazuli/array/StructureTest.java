package org.lazuli.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StructureTest {
    private static final long[] SHAPE = {6, 8};
    private static final double[] DATA = Eager.random(48, 4);

    private static ChunkedArray x() {
        return ChunkedArray.fromDense(DenseArray.of(DATA, SHAPE), new long[][] {{4, 2}, {3, 3, 2}});
    }

    private static double at(int i, int j) {
        return DATA[i * 8 + j];
    }

    @Test
    void slicingFollowsPythonRules() {
        DenseArray s = x().slice(new long[] {1, -1}, new long[] {6, Long.MIN_VALUE}, new long[] {2, -3}).compute();
        // rows 1,3,5 ; columns 7,4,1
        assertArrayEquals(new long[] {3, 3}, s.shape());
        int[] rows = {1, 3, 5};
        int[] cols = {7, 4, 1};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(at(rows[i], cols[j]), s.getDouble(i, j));
            }
        }
        assertArrayEquals(new long[] {0, 8}, x().slice(0, 4, 2).shape());
        assertArrayEquals(new long[] {6, 2}, x().slice(1, -2, 100).shape());
        assertThrows(IllegalArgumentException.class, () -> x().slice(0, 0, 3, 0));
    }

    @Test
    void slicingAComputedArrayGathersAcrossBlocks() {
        ChunkedArray sum = x().add(x().transpose().transpose());   // a transpose is not pushed through
        DenseArray s = sum.slice(1, 2, 7, 2).compute();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(2 * at(i, 2 + 2 * j), s.getDouble(i, j));
            }
        }
    }

    @Test
    void integerIndexDropsTheAxis() {
        DenseArray row = x().index(0, -1).compute();
        assertArrayEquals(new long[] {8}, row.shape());
        assertEquals(at(5, 3), row.getDouble(3));
        assertEquals(at(2, 6), x().get(2, 6).compute().getDouble());
        assertThrows(IndexOutOfBoundsException.class, () -> x().index(1, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> x().get(1, 2, 3));
    }

    @Test
    void transposeAndPermute() {
        DenseArray t = x().transpose().compute();
        assertArrayEquals(new long[] {8, 6}, t.shape());
        assertEquals(at(4, 7), t.getDouble(7, 4));
        ChunkedArray cube = ChunkedArray.arange(24, 5).reshape(2, 3, 4);
        DenseArray p = cube.transpose(1, 2, 0).compute();
        assertArrayEquals(new long[] {3, 4, 2}, p.shape());
        assertEquals(1 * 12 + 2 * 4 + 3, p.getLong(2, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> cube.transpose(0, 0, 1));
    }

    @Test
    void reshapeKeepsRowMajorOrderWhateverTheChunks() {
        double[] flat = x().reshape(48).compute().toDoubleArray();
        assertArrayEquals(DATA, flat);
        DenseArray r = x().reshape(4, -1, 3).compute();
        assertArrayEquals(new long[] {4, 4, 3}, r.shape());
        assertArrayEquals(DATA, r.toDoubleArray());
        ChunkedArray back = x().reshape(48).rechunk(7).reshape(2, 3, 8);
        assertArrayEquals(DATA, back.compute().toDoubleArray());
        assertArrayEquals(DATA, x().reshape(1, 6, 8, 1).squeeze().compute().toDoubleArray());
    }

    @Test
    void reshapeKeepsChunksWhereItCan() {
        ChunkedArray a = ChunkedArray.ones(new long[] {1, 40}, new long[] {1, 10});
        assertArrayEquals(new long[] {10, 10, 10, 10}, a.reshape(40).chunks().sizes(0), "a leading 1 needs no rechunk");
        ChunkedArray b = ChunkedArray.ones(new long[] {100, 100}, new long[] {10, 100});
        assertArrayEquals(new long[] {1000}, b.reshape(10000).chunkSize());
    }

    @Test
    void impossibleReshapeNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x().reshape(5, 10));
        assertTrue(e.getMessage().contains("size 48") && e.getMessage().contains("(5, 10)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x().reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> x().reshape(5, -1));
    }

    @Test
    void rechunkKeepsValues() {
        ChunkedArray r = x().rechunk(new long[][] {{1, 5}, {8}});
        assertArrayEquals(new long[] {1, 5}, r.chunks().sizes(0));
        assertArrayEquals(DATA, r.compute().toDoubleArray());
        assertArrayEquals(DATA, x().transpose().rechunk(5, 5).transpose().compute().toDoubleArray());
        assertArrayEquals(DATA, x().rechunk("auto").compute().toDoubleArray());
    }

    @Test
    void concatenateAndStackPromoteAndCheckShapes() {
        ChunkedArray ints = ChunkedArray.fromArray(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {1, 8}, new long[] {1, 4});
        ChunkedArray c = ChunkedArray.concatenate(List.of(x(), ints), 0);
        assertEquals(DType.FLOAT64, c.dtype());
        DenseArray out = c.compute();
        assertArrayEquals(new long[] {7, 8}, out.shape());
        assertEquals(at(5, 2), out.getDouble(5, 2));
        assertEquals(3.0, out.getDouble(6, 2));
        DenseArray s = ChunkedArray.stack(List.of(x(), x().multiply(2.0)), 1).compute();
        assertArrayEquals(new long[] {6, 2, 8}, s.shape());
        assertEquals(2 * at(3, 4), s.getDouble(3, 1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkedArray.concatenate(List.of(x(), ints), 1));
        assertTrue(e.getMessage().contains("dimension 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChunkedArray.stack(List.of(x(), ints), 0));
    }

    @Test
    void slicingAConcatenationReadsOnlyTheInputsItTouches() {
        ChunkedArray a = ChunkedArray.random(new long[] {10, 4}, new long[] {5, 4}, 1);
        ChunkedArray b = ChunkedArray.random(new long[] {10, 4}, new long[] {5, 4}, 2);
        ChunkedArray joined = ChunkedArray.concatenate(List.of(a, b), 0);
        ChunkedArray inB = joined.slice(0, 12, 14);
        assertEquals(1, inB.taskCount(), "one read of b, nothing of a");
        assertArrayEquals(b.slice(0, 2, 4).compute().toDoubleArray(), inB.compute().toDoubleArray());
        ChunkedArray across = joined.slice(0, 8, 12).slice(1, 1, 3);
        assertArrayEquals(ChunkedArray.concatenate(List.of(a.slice(0, 8, 10), b.slice(0, 0, 2)), 0).slice(1, 1, 3)
                .compute().toDoubleArray(), across.compute().toDoubleArray());
    }

    @Test
    void squeezeAndExpandDims() {
        ChunkedArray e = x().expandDims(1);
        assertArrayEquals(new long[] {6, 1, 8}, e.shape());
        assertArrayEquals(new long[] {6, 8, 1}, x().expandDims(-1).shape());
        assertArrayEquals(DATA, e.squeeze(1).compute().toDoubleArray());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> x().squeeze(0));
        assertTrue(error.getMessage().contains("axis 0 has length 6"), error.getMessage());
    }

    @Test
    void mapBlocksSeesEveryBlockAndIsChecked() {
        ChunkedArray doubled = x().mapBlocks(block -> {
            double[] v = block.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= 2;
            }
            return DenseArray.of(v, block.shape());
        });
        double[] got = doubled.compute().toDoubleArray();
        for (int i = 0; i < DATA.length; i++) {
            assertEquals(2 * DATA[i], got[i]);
        }
        ChunkedArray counts = x().mapBlocks(block -> DenseArray.zeros(DType.INT32, block.shape()), DType.INT32);
        assertEquals(DType.INT32, counts.compute().dtype());
        ChunkedArray wrong = x().mapBlocks(block -> DenseArray.scalar(1));
        RuntimeException e = assertThrows(RuntimeException.class, wrong::compute);
        assertTrue(e.getMessage().contains("map_blocks") && e.getCause().getMessage().contains("keep the block shape"),
                e.getMessage());
        double factor = 3;
        ChunkedArray byThree = x().mapBlocks(block -> DenseArray.of(java.util.Arrays.stream(block.toDoubleArray())
                .map(v -> v * factor).toArray(), block.shape()));
        assertNotEquals(doubled.name(), byThree.name(), "captured values are part of the name");
    }

    @Test
    void blocksSelectsOneBlock() {
        DenseArray block = x().blocks(1, -1).compute();
        assertArrayEquals(new long[] {2, 2}, block.shape());
        assertEquals(at(4, 6), block.getDouble(0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> x().blocks(2, 0));
    }

    @Test
    void persistComputesOnceAndKeepsBlocks() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ChunkedArray counted = x().mapBlocks(block -> {
            calls.incrementAndGet();
            return block;
        });
        ChunkedArray kept = counted.persist();
        int after = calls.get();
        assertEquals(6, after);
        assertArrayEquals(DATA, kept.add(0.0).compute().toDoubleArray());
        assertEquals(kept.sum().compute().getDouble(), x().sum().compute().getDouble(), 1e-12);
        assertEquals(after, calls.get(), "computing a persisted array does not recompute its blocks");
        assertEquals(x().chunks(), kept.chunks());
    }

    @Test
    void computingSeveralArraysSharesTasks() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ChunkedArray shared = x().mapBlocks(block -> {
            calls.incrementAndGet();
            return block;
        });
        List<DenseArray> both = ChunkedArray.compute(shared.sum(), shared.max());
        assertEquals(6, calls.get(), "each block of the shared input computed once");
        assertEquals(java.util.Arrays.stream(DATA).sum(), both.get(0).getDouble(), 1e-12);
        assertEquals(java.util.Arrays.stream(DATA).max().getAsDouble(), both.get(1).getDouble());
    }

    @Test
    void namesAreDeterministic() {
        assertEquals(x().add(1.0).sum(0).name(), x().add(1.0).sum(0).name());
        assertNotEquals(x().add(1.0).name(), x().add(2.0).name());
        assertEquals(ChunkedArray.random(new long[] {5}, new long[] {2}, 1).name(),
                ChunkedArray.random(new long[] {5}, new long[] {2}, 1).name());
    }

    @Test
    void reprLooksLikeDask() {
        ChunkedArray z = ChunkedArray.random(new long[] {10000, 10000}, new long[] {1000, 1000}, 42L);
        assertEquals("ChunkedArray<random, shape=(10000, 10000), dtype=float64, chunksize=(1000, 1000), chunks=100,"
                + " tasks=100, nbytes=762.94 MiB>", z.toString());
        assertEquals("array([[1., 2., 3.],\n       [4., 5., 6.]])",
                DenseArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).toString());
        assertEquals("array([1, 2, 3], dtype=int32)", DenseArray.of(new int[] {1, 2, 3}, 3).toString());
        assertEquals("array([ True, False])", DenseArray.of(new boolean[] {true, false}, 2).toString());
        assertEquals("array([0. , 0.5, nan])", DenseArray.of(new double[] {0, 0.5, Double.NaN}, 3).toString());
        assertEquals("array([], shape=(0, 3), dtype=float64)", DenseArray.zeros(DType.FLOAT64, 0, 3).toString());
        String big = ChunkedArray.arange(2000, 500).compute().toString();
        assertEquals("array([   0,    1,    2, ..., 1997, 1998, 1999])", big);
    }

    @Test
    void htmlReprComparesTheArrayWithOneChunk() {
        ChunkedArray x = ChunkedArray.ones(new long[] {1000, 300}, new long[] {250, 100}).astype(DType.FLOAT32);
        String html = x.toHtml();
        assertTrue(html.contains("<tr><th>Bytes</th><td>1.14 MiB</td><td>97.66 kiB</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Shape</th><td>(1000, 300)</td><td>(250, 100)</td></tr>"), html);
        assertTrue(html.contains("float32") && html.contains("12 / " + x.taskCount()), html);
    }
}
