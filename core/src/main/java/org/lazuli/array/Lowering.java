package org.lazuli.array;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lazuli.array.BlockTasks.FusedBlock;
import org.lazuli.array.BlockTasks.Gather;
import org.lazuli.array.BlockTasks.MapBlocksTask;
import org.lazuli.array.BlockTasks.ReshapeBlock;
import org.lazuli.array.BlockTasks.TakeBlock;
import org.lazuli.array.BlockTasks.TransposeBlock;
import org.lazuli.array.ReductionTasks.ReduceChunk;
import org.lazuli.array.ReductionTasks.ReduceCombine;
import org.lazuli.array.ReductionTasks.ReduceSpec;
import org.lazuli.graph.Task;
import org.lazuli.graph.TaskGraph;
import org.lazuli.graph.TaskKey;

/**
 * Turns expressions into tasks, on demand: only the blocks an output needs get tasks (culling falls
 * out of the construction), elementwise chains and source reads are fused into one task per block
 * ({@link Plan}), and a reduction's chunk step is fused with its input. Keys are the expressions'
 * deterministic names plus block indices.
 */
final class Lowering {
    /**
     * Tasks one graph may have (system property {@code lazuli.maxTasks}): past it, chunks are too small
     * for the array, and building the graph alone would take minutes and gigabytes.
     */
    static final long TASK_BUDGET = Long.getLong("lazuli.maxTasks", 2_000_000L);

    /** The bytes of partial states one combine task may wait for. */
    private static final long COMBINE_BYTES = 32L << 20;

    private final TaskGraph.Builder graph = TaskGraph.builder();

    TaskGraph build() {
        return graph.build();
    }

    /** Adds a task, within the budget: {@code of} is the expression it computes a block of (for the message). */
    private void add(Task task, Expr of) {
        if (graph.size() >= TASK_BUDGET) {
            throw tooManyTasks(of);
        }
        graph.add(task);
    }

    /** Keys of every block of {@code e}, row-major over its block grid. */
    List<TaskKey> outputKeys(Expr e) {
        Expr largest = largestWhollyNeeded(e);
        if (largest.chunks().numBlocks() > TASK_BUDGET) {
            throw tooManyTasks(largest);
        }
        List<TaskKey> keys = new ArrayList<>();
        for (int[] b : blockIndices(e.chunks().blockCounts())) {
            keys.add(key(e, b));
        }
        return keys;
    }

    /**
     * Of the expressions every block of which {@code output} needs (it and its inputs down to the first
     * selection), the one with the most blocks: each of its blocks takes a task of its own, so its block
     * count is a lower bound of the graph's size, known before building any of it.
     */
    static Expr largestWhollyNeeded(Expr output) {
        Expr largest = output;
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Expr> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (!seen.add(e)) {
                continue;
            }
            if (e.chunks().numBlocks() > largest.chunks().numBlocks()) {
                largest = e;
            }
            todo.addAll(whollyNeededInputs(e));
        }
        return largest;
    }

    /** The inputs of which {@code e} needs every block (selections, broadcasts and blockwise need only some). */
    private static List<Expr> whollyNeededInputs(Expr e) {
        if (e instanceof Expr.Elementwise || e instanceof Expr.Reduce || e instanceof Expr.Transpose
                || e instanceof Expr.Rechunk || e instanceof Expr.Reshape || e instanceof Expr.Concat
                || e instanceof Expr.MapBlocks) {
            return e.inputs();
        }
        return List.of();
    }

    /** The budget is exceeded while lowering {@code e}: say how many blocks it has and what chunks would do. */
    private static IllegalArgumentException tooManyTasks(Expr e) {
        Chunks chunks = e.chunks();
        long[] suggested = ChunkSpec.autoBlockShape(chunks.shape(), e.dtype().itemSize(), ChunkSpec.DEFAULT_AUTO_BYTES);
        long[] largest = new long[chunks.ndim()];
        for (int k = 0; k < largest.length; k++) {
            largest[k] = chunks.numBlocks(k) == 0 ? 0 : chunks.blockSize(k, 0);
        }
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "The graph would have more than %,d tasks: %s of shape %s has %,d blocks of %s. Use larger chunks,"
                        + " e.g. %s (about 128 MiB, what \"auto\" chooses) with rechunk or when opening,"
                        + " or raise the budget with -Dlazuli.maxTasks=N",
                TASK_BUDGET, e.name(), Shapes.format(chunks.shape()), chunks.numBlocks(), Shapes.format(largest),
                Shapes.format(suggested)));
    }

    static List<int[]> blockIndices(int[] counts) {
        List<int[]> all = new ArrayList<>();
        int nd = counts.length;
        int[] idx = new int[nd];
        for (int c : counts) {
            if (c == 0) {
                return all;
            }
        }
        while (true) {
            all.add(idx.clone());
            int k = nd - 1;
            while (k >= 0 && ++idx[k] == counts[k]) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                return all;
            }
        }
    }

    /** The key of one block of {@code e}, adding its task (and what it needs) to the graph. */
    TaskKey key(Expr e, int[] b) {
        if (e instanceof Expr.Concat c) {
            return concatKey(c, b);   // a concatenation's blocks are its inputs' blocks
        }
        TaskKey key = TaskKey.of(e.name(), b);
        if (graph.contains(key)) {
            return key;
        }
        if (e.isFusable()) {
            List<TaskKey> deps = new ArrayList<>();
            Plan plan = plan(e, b, deps);
            add(new Task(key, deps, new FusedBlock(plan, e.chunks().blockShape(b))), e);
        } else if (e instanceof Expr.Reduce r) {
            addReduction(r, b);
        } else if (e instanceof Expr.Transpose t) {
            int[] perm = t.permutation();
            int[] in = new int[perm.length];
            for (int k = 0; k < perm.length; k++) {
                in[perm[k]] = b[k];
            }
            add(Task.of(key, new TransposeBlock(perm), key(t.input(), in)), e);
        } else if (e instanceof Expr.Rechunk r) {
            long[] start = e.chunks().blockStart(b);
            long[] step = new long[start.length];
            Arrays.fill(step, 1);
            addGather(key, r.input(), start, step, e.chunks().blockShape(b));
        } else if (e instanceof Expr.Slice s) {
            long[] offset = e.chunks().blockStart(b);
            long[] start = new long[offset.length];
            for (int k = 0; k < offset.length; k++) {
                start[k] = s.start()[k] + offset[k] * s.step()[k];
            }
            addGather(key, s.input(), start, s.step(), e.chunks().blockShape(b));
        } else if (e instanceof Expr.Reshape r) {
            int flat = flatIndex(b, e.chunks().blockCounts());
            int[] in = unravel(flat, r.input().chunks().blockCounts());
            add(Task.of(key, new ReshapeBlock(e.chunks().blockShape(b)), key(r.input(), in)), e);
        } else if (e instanceof Expr.Take t) {
            addTake(key, t, b);
        } else if (e instanceof Expr.Blockwise w) {
            List<TaskKey> deps = new ArrayList<>();
            // a function that keeps no block reads its source blocks itself; the others arrive from tasks
            boolean readsInside = !w.function().keepsBlocks();
            List<Plan.Read> reads = new ArrayList<>();
            for (BlockSelector.Input in : w.selector().inputsOf(b)) {
                Expr input = w.inputs().get(in.input());
                if (readsInside && input instanceof Expr.Source) {
                    reads.add((Plan.Read) plan(input, in.block(), deps));
                } else {
                    reads.add(null);
                    deps.add(key(input, in.block()));
                }
            }
            add(new Task(key, deps, new MapBlocksTask(w.function(), e.chunks().blockShape(b), w.dtype(), e.name(),
                    readsInside ? reads : null)), e);
        } else if (e instanceof Expr.MapBlocks m) {
            List<TaskKey> deps = new ArrayList<>();
            for (Expr input : m.inputs()) {
                deps.add(key(input, b));
            }
            add(new Task(key, deps, new MapBlocksTask(m.function(), e.chunks().blockShape(b), m.dtype(), e.name())), e);
        } else {
            throw new IllegalStateException("Cannot lower " + e.getClass().getSimpleName());
        }
        return key;
    }

    private TaskKey concatKey(Expr.Concat c, int[] b) {
        int axis = c.axis();
        int index = b[axis];
        for (Expr input : c.inputs()) {
            int blocks = input.chunks().numBlocks(axis);
            if (index < blocks) {
                int[] in = b.clone();
                in[axis] = index;
                return key(input, in);
            }
            index -= blocks;
        }
        throw new IndexOutOfBoundsException("Block " + Arrays.toString(b) + " is outside the concatenation");
    }

    /** A block of a take: the input blocks along the axis that hold its indices, in order of first use. */
    private void addTake(TaskKey key, Expr.Take t, int[] b) {
        int axis = t.axis();
        Chunks in = t.input().chunks();
        long offset = t.chunks().blockOffset(axis, b[axis]);
        int count = (int) t.chunks().blockSize(axis, b[axis]);
        List<Integer> blocks = new ArrayList<>();
        int[] slot = new int[count];
        long[] local = new long[count];
        for (int j = 0; j < count; j++) {
            long position = t.indices()[(int) (offset + j)];
            int block = in.blockOf(axis, position);
            int s = blocks.indexOf(block);
            if (s < 0) {
                s = blocks.size();
                blocks.add(block);
            }
            slot[j] = s;
            local[j] = position - in.blockOffset(axis, block);
        }
        List<TaskKey> deps = new ArrayList<>();
        for (int block : blocks) {
            int[] inIndex = b.clone();
            inIndex[axis] = block;
            deps.add(key(t.input(), inIndex));
        }
        add(new Task(key, deps, new TakeBlock(axis, slot, local, t.chunks().blockShape(b), t.dtype())), t);
    }

    private void addGather(TaskKey key, Expr input, long[] start, long[] step, long[] count) {
        Chunks chunks = input.chunks();
        int[][] touched = BlockOps.blocksTouched(chunks, start, step, count);
        List<TaskKey> deps = new ArrayList<>();
        for (int[] combo : blockIndices(Arrays.stream(touched).mapToInt(t -> t.length).toArray())) {
            int[] block = new int[combo.length];
            for (int k = 0; k < combo.length; k++) {
                block[k] = touched[k][combo[k]];
            }
            deps.add(key(input, block));
        }
        add(new Task(key, deps, new Gather(input.dtype(), chunks, touched, start, step, count)), input);
    }

    /** The fused plan of block {@code b} of a fusable expression; non-fusable leaves become task inputs. */
    Plan plan(Expr e, int[] b, List<TaskKey> deps) {
        if (e instanceof Expr.Source s) {
            long[] offset = s.chunks().blockStart(b);
            long[] start = new long[offset.length];
            for (int k = 0; k < offset.length; k++) {
                start[k] = s.start()[k] + offset[k] * s.step()[k];
            }
            return new Plan.Read(s.source(), start, s.step().clone(), s.chunks().blockShape(b));
        } else if (e instanceof Expr.Scalar s) {
            return new Plan.Constant(s.doubleValue(), s.longValue(), s.dtype());
        } else if (e instanceof Expr.Broadcast br) {
            long[] inShape = br.input().shape();
            int offset = b.length - inShape.length;
            int[] in = new int[inShape.length];
            long[] outShape = br.chunks().shape();
            for (int k = 0; k < inShape.length; k++) {
                in[k] = inShape[k] == 1 && outShape[k + offset] != 1 ? 0 : b[k + offset];
            }
            return new Plan.Broadcast(plan(br.input(), in, deps), br.input().chunks().blockShape(in));
        } else if (e instanceof Expr.Elementwise op) {
            List<Plan> inputs = new ArrayList<>(op.inputs().size());
            for (Expr input : op.inputs()) {
                inputs.add(plan(input, b, deps));
            }
            return new Plan.Elementwise(op.op(), inputs, op.dtype());
        }
        TaskKey dep = key(e, b);
        int slot = deps.indexOf(dep);
        if (slot < 0) {
            slot = deps.size();
            deps.add(dep);
        }
        return new Plan.Input(slot, e.dtype());
    }

    // ---- reductions -------------------------------------------------------------------------

    /**
     * Adds the tree of one output block of a reduction: a chunk task per input block (fused with the
     * input's plan), then combine tasks of up to {@code splitEvery} states, the last one finishing.
     */
    private void addReduction(Expr.Reduce r, int[] outBlock) {
        Expr input = r.input();
        int nd = input.shape().length;
        boolean[] reduced = new boolean[nd];
        for (int axis : r.axes()) {
            reduced[axis] = true;
        }
        // the output block's index on the input's kept axes
        int[] kept = new int[nd];
        int o = 0;
        int groupAxis = r.grouping() == null ? -1 : r.grouping().axis();
        for (int k = 0; k < nd; k++) {
            if (!reduced[k]) {
                kept[k] = outBlock[o++];
            } else if (r.keepdims() || k == groupAxis) {
                o++;
            }
        }
        int[] grid = input.chunks().blockCounts();
        long[] outShape = r.chunks().blockShape(outBlock);
        int positions = Math.toIntExact(Shapes.size(outShape));
        int[] fanIn = fanIn(Math.min(r.splitEvery(), statesPerCombine(positions)), r.axes(), grid);
        ReduceSpec spec = ReduceSpec.of(r, input);
        int topLevel = 0;
        for (int k = 0; k < nd; k++) {
            if (reduced[k]) {
                int levels = 0;
                for (int n = grid[k]; n > 1; n = (n + fanIn[k] - 1) / fanIn[k]) {
                    levels++;
                }
                topLevel = Math.max(topLevel, levels);
            }
        }
        addLevel(r, spec, reduced, kept, grid, fanIn, topLevel, topLevel, new int[nd], outBlock, outShape, positions);
    }

    /** Returns the key of the state (or, at the top, the result) covering one group of input blocks. */
    private TaskKey addLevel(Expr.Reduce r, ReduceSpec spec, boolean[] reduced, int[] kept, int[] grid, int[] fanIn,
                             int topLevel, int level, int[] groupIndex, int[] outBlock, long[] outShape, int positions) {
        int nd = grid.length;
        // the span of input blocks a node at this level covers, per reduced axis
        int[] span = new int[nd];
        for (int k = 0; k < nd; k++) {
            span[k] = reduced[k] ? (int) Math.min(Math.pow(fanIn[k], level), Integer.MAX_VALUE) : 1;
        }
        boolean top = level == topLevel;
        String name = top ? r.name() : intermediateName(r.name(), level);
        int[] keyIndex = top ? outBlock : keyIndex(reduced, kept, groupIndex);
        TaskKey key = TaskKey.of(name, keyIndex);
        if (graph.contains(key)) {
            return key;
        }
        if (level == 0) {
            int[] block = new int[nd];
            for (int k = 0; k < nd; k++) {
                block[k] = reduced[k] ? groupIndex[k] : kept[k];
            }
            List<TaskKey> deps = new ArrayList<>();
            Plan plan = plan(r.input(), block, deps);
            long[] blockShape = r.input().chunks().blockShape(block);
            long[] blockStart = r.input().chunks().blockStart(block);
            List<ReducePieces.Piece> pieces = ReducePieces.split(plan, blockShape, blockStart, reduced);
            if (pieces.size() == 1) {
                add(new Task(key, deps, new ReduceChunk(spec, plan, blockShape, blockStart, reduced, top, outShape, false)),
                        r.input());
                return key;
            }
            addPieces(r, spec, key, pieces, reduced, top, outShape, positions,
                    Shapes.size(blockShape) * plan.dtype().itemSize());
            return key;
        }
        // children: groups of level-1 covering this group's range
        List<TaskKey> deps = new ArrayList<>();
        int[] childCounts = new int[nd];
        int[] childBase = new int[nd];
        for (int k = 0; k < nd; k++) {
            if (reduced[k]) {
                int childSpan = (int) Math.min(Math.pow(fanIn[k], level - 1), Integer.MAX_VALUE);
                int firstBlock = groupIndex[k] * span[k];
                int lastBlock = Math.min(grid[k], firstBlock + span[k]) - 1;
                childBase[k] = firstBlock / childSpan;
                childCounts[k] = lastBlock / childSpan - childBase[k] + 1;
            } else {
                childCounts[k] = 1;
            }
        }
        for (int[] c : blockIndices(childCounts)) {
            int[] child = new int[nd];
            for (int k = 0; k < nd; k++) {
                child[k] = reduced[k] ? childBase[k] + c[k] : 0;
            }
            deps.add(addLevel(r, spec, reduced, kept, grid, fanIn, topLevel, level - 1, child, outBlock, outShape, positions));
        }
        add(new Task(key, deps, new ReduceCombine(spec, positions, top, outShape)), r);
        return key;
    }

    private static String intermediateName(String name, int level) {
        int dash = name.lastIndexOf('-');
        return name.substring(0, dash) + (level == 0 ? "-chunk" : "-combine" + level) + name.substring(dash);
    }

    /**
     * A large block read in pieces, each its own task. Where the pieces' states together stay small
     * against the block (an axis mean), the pieces run in parallel and are merged in order; where each
     * state is large (a climatology holds 12 per cell), they run in a chain, each adding its values to a
     * copy of the previous state, so that one state per block is alive and the sums are those of one
     * pass over the block.
     */
    private void addPieces(Expr.Reduce r, ReduceSpec spec, TaskKey key, List<ReducePieces.Piece> pieces,
                           boolean[] reduced, boolean top, long[] outShape, int positions, long blockBytes) {
        boolean chained = (long) pieces.size() * positions * ReduceSpec.STATE_BYTES_PER_POSITION > blockBytes / 2;
        int[] index = key.index();
        List<TaskKey> pieceKeys = new ArrayList<>();
        for (int p = 0; p < pieces.size(); p++) {
            ReducePieces.Piece piece = pieces.get(p);
            boolean last = p == pieces.size() - 1;
            int[] pieceIndex = Arrays.copyOf(index, index.length + 1);
            pieceIndex[index.length] = p;
            TaskKey pieceKey = chained && last ? key : TaskKey.of(pieceName(r.name()), pieceIndex);
            List<TaskKey> deps = chained && p > 0 ? List.of(pieceKeys.get(p - 1)) : List.of();
            add(new Task(pieceKey, deps, new ReduceChunk(spec, piece.plan(), piece.shape(), piece.start(), reduced,
                    chained && last && top, outShape, chained && p > 0)), r.input());
            pieceKeys.add(pieceKey);
        }
        if (!chained) {
            add(new Task(key, pieceKeys, new ReduceCombine(spec, positions, top, outShape)), r);
        }
    }

    private static String pieceName(String name) {
        int dash = name.lastIndexOf('-');
        return name.substring(0, dash) + "-piece" + name.substring(dash);
    }

    private static int[] keyIndex(boolean[] reduced, int[] kept, int[] groupIndex) {
        int[] index = new int[reduced.length];
        for (int k = 0; k < reduced.length; k++) {
            index[k] = reduced[k] ? groupIndex[k] : kept[k];
        }
        return index;
    }

    /**
     * How many partial states of {@code positions} a combine task merges at most: those waiting for it
     * are held in memory, so large states (a climatology's, 12 per cell) merge in pairs.
     */
    static int statesPerCombine(int positions) {
        long stateBytes = (long) positions * ReduceSpec.STATE_BYTES_PER_POSITION;
        return (int) Math.max(2, Math.min(Integer.MAX_VALUE, COMBINE_BYTES / Math.max(1, stateBytes)));
    }

    /** Per reduced axis fan-in so that a node combines about {@code splitEvery} states in total. */
    private static int[] fanIn(int splitEvery, int[] axes, int[] grid) {
        int[] fan = new int[grid.length];
        Arrays.fill(fan, 1);
        int active = 0;
        for (int axis : axes) {
            if (grid[axis] > 1) {
                active++;
            }
        }
        int perAxis = active == 0 ? 2 : Math.max(2, (int) Math.round(Math.pow(splitEvery, 1.0 / active)));
        for (int axis : axes) {
            fan[axis] = perAxis;
        }
        return fan;
    }

    static int flatIndex(int[] index, int[] counts) {
        int flat = 0;
        for (int k = 0; k < counts.length; k++) {
            flat = flat * counts[k] + index[k];
        }
        return flat;
    }

    static int[] unravel(int flat, int[] counts) {
        int[] index = new int[counts.length];
        for (int k = counts.length - 1; k >= 0; k--) {
            index[k] = flat % counts[k];
            flat /= counts[k];
        }
        return index;
    }
}
