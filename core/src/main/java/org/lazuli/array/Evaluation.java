package org.lazuli.array;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.lazuli.exec.ExecutionListener;
import org.lazuli.exec.HeapRoom;
import org.lazuli.exec.Scheduler;
import org.lazuli.exec.Schedulers;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/** Lowers expressions to one graph, runs it, and assembles each expression's blocks. */
final class Evaluation {
    private Evaluation() {
    }

    /** The lowered graph of several expressions (shared tasks appear once) and each one's block keys. */
    record Lowered(TaskGraph graph, List<List<TaskKey>> keys) {
        List<TaskKey> allKeys() {
            List<TaskKey> all = new ArrayList<>();
            keys.forEach(all::addAll);
            return all;
        }
    }

    /** The expressions simplified ({@link Simplifier}), then lowered to one graph. */
    static Lowered lower(List<Expr> exprs) {
        Simplifier simplifier = new Simplifier();
        Lowering lowering = new Lowering();
        List<List<TaskKey>> keys = new ArrayList<>();
        for (Expr e : exprs) {
            keys.add(lowering.outputKeys(simplifier.simplify(e)));
        }
        return new Lowered(lowering.build(), keys);
    }

    /** Every block of every expression, computed in one run. */
    static List<DenseArray[]> blocks(List<Expr> exprs, Scheduler scheduler, ExecutionListener listener) {
        Lowered lowered = lower(exprs);
        return blocksOf(lowered, scheduler.execute(lowered.graph(), lowered.allKeys(), listener));
    }

    /** Each expression's blocks, in its key order, out of one run's results. */
    private static List<DenseArray[]> blocksOf(Lowered lowered, Map<TaskKey, Object> results) {
        List<DenseArray[]> out = new ArrayList<>();
        for (List<TaskKey> keys : lowered.keys()) {
            DenseArray[] blocks = new DenseArray[keys.size()];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = (DenseArray) results.get(keys.get(i));
            }
            out.add(blocks);
        }
        return out;
    }

    static List<DenseArray> compute(List<Expr> exprs, Scheduler scheduler, ExecutionListener listener) {
        requireRoomToGather(exprs);
        List<DenseArray[]> blocks = blocks(exprs, scheduler, listener);
        return assembleAll(exprs, blocks);
    }

    /**
     * As {@link #compute}, waiting at most {@code timeout}: past it the computation's remaining tasks are
     * cancelled and an {@link IllegalStateException} says so.
     */
    static List<DenseArray> compute(List<Expr> exprs, Scheduler scheduler, Duration timeout) {
        requireRoomToGather(exprs);
        Lowered lowered = lower(exprs);
        CompletableFuture<Map<TaskKey, Object>> run = scheduler.submit(lowered.graph(),
                lowered.allKeys());
        return assembleAll(exprs, blocksOf(lowered, Schedulers.await(run, timeout, describe(exprs))));
    }

    /**
     * Refuses, before anything runs, results that cannot be gathered into this JVM's heap: the blocks
     * and, where there are several, the array they are copied into.
     */
    static void requireRoomToGather(List<Expr> exprs) {
        long resultBytes = 0;
        long bytes = 0;
        for (Expr e : exprs) {
            long n = Shapes.size(e.chunks().shape()) * e.dtype().itemSize();
            resultBytes += n;
            bytes += e.chunks().numBlocks() > 1 ? 2 * n : n;
        }
        if (bytes > 0) {
            HeapRoom.require("Computing " + describe(exprs), resultBytes, bytes);
        }
    }

    private static String describe(List<Expr> exprs) {
        StringBuilder text = new StringBuilder();
        for (Expr e : exprs) {
            if (text.length() > 0) {
                text.append(" and ");
            }
            text.append(e.name()).append(' ').append(Shapes.format(e.chunks().shape())).append(' ').append(e.dtype());
        }
        return text.toString();
    }

    private static List<DenseArray> assembleAll(List<Expr> exprs, List<DenseArray[]> blocks) {
        List<DenseArray> out = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            out.add(assemble(exprs.get(i), blocks.get(i)));
        }
        return out;
    }

    /** Copies blocks (row-major over the grid) into one array; a single block is returned as is. */
    static DenseArray assemble(Expr e, DenseArray[] blocks) {
        Chunks chunks = e.chunks();
        long[] shape = chunks.shape();
        if (blocks.length == 1 && Arrays.equals(blocks[0].shapeRef(), shape)) {
            return blocks[0];
        }
        Object storage = DenseArray.allocate(e.dtype(), Shapes.toIntSize(shape, "The computed array"));
        long[] strides = Shapes.strides(shape);
        List<int[]> indices = Lowering.blockIndices(chunks.blockCounts());
        for (int i = 0; i < indices.size(); i++) {
            int[] b = indices.get(i);
            long[] start = chunks.blockStart(b);
            long base = 0;
            for (int k = 0; k < shape.length; k++) {
                base += start[k] * strides[k];
            }
            DenseArray block = blocks[i];
            BlockOps.copyStrided(block.data(), 0, Shapes.strides(block.shapeRef()), storage, base, strides,
                    block.shapeRef());
        }
        return DenseArray.wrap(e.dtype(), shape, storage);
    }
}
