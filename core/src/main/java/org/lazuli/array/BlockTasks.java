package org.lazuli.array;

import java.util.Arrays;
import java.util.List;
import org.lazuli.graph.TaskFunction;

/** The task functions of block-wise work. Each is a small serializable value. */
final class BlockTasks {
    private BlockTasks() {
    }

    /** Evaluates a fused elementwise plan into one block. */
    record FusedBlock(Plan plan, long[] shape) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return FusedEvaluator.evaluate(plan, shape, inputs);
        }
    }

    record TransposeBlock(int[] permutation) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return BlockOps.transpose((DenseArray) inputs[0], permutation);
        }
    }

    /** Same elements, new block shape (the reshape plan guarantees the row-major order matches). */
    record ReshapeBlock(long[] shape) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            return ((DenseArray) inputs[0]).reshape(shape);
        }
    }

    /**
     * Assembles a strided region from the input blocks it touches; inputs arrive row-major over the
     * touched blocks ({@code touched[k]} lists the block indices on axis k).
     */
    record Gather(DType dtype, Chunks chunks, int[][] touched, long[] start, long[] step, long[] count)
            implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            int[] counts = Arrays.stream(touched).mapToInt(t -> t.length).toArray();
            return BlockOps.gather(dtype, chunks, block -> {
                int[] position = new int[block.length];
                for (int k = 0; k < block.length; k++) {
                    position[k] = indexOf(touched[k], block[k]);
                }
                return (DenseArray) inputs[Lowering.flatIndex(position, counts)];
            }, start, step, count);
        }

        private static int indexOf(int[] values, int value) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == value) {
                    return i;
                }
            }
            throw new IllegalStateException("Block " + value + " was not gathered");
        }
    }

    /**
     * Assembles a block of a take: output row j along the axis is row {@code local[j]} of input
     * {@code slot[j]}.
     */
    record TakeBlock(int axis, int[] slot, long[] local, long[] shape, DType dtype) implements TaskFunction {
        @Override
        public Object apply(Object[] inputs) {
            Object out = DenseArray.allocate(dtype, Shapes.toIntSize(shape, "A block"));
            long[] outStrides = Shapes.strides(shape);
            long[] count = shape.clone();
            count[axis] = 1;
            for (int j = 0; j < slot.length; j++) {
                DenseArray in = (DenseArray) inputs[slot[j]];
                long[] inStrides = Shapes.strides(in.shapeRef());
                BlockOps.copyStrided(in.data(), local[j] * inStrides[axis], inStrides, out, j * outStrides[axis],
                        outStrides, count);
            }
            return DenseArray.wrap(dtype, shape.clone(), out);
        }
    }

    /**
     * Runs a user's block function and checks that it kept its promise about shape and dtype. With
     * {@code reads}, one entry per block the function takes: a source read the task makes itself (the
     * largest into the thread's reusable storage, for a function that keeps no block), or null for the
     * next task input.
     */
    record MapBlocksTask(MultiBlockFunction function, long[] shape, DType dtype, String name, List<Plan.Read> reads)
            implements TaskFunction {
        MapBlocksTask(MultiBlockFunction function, long[] shape, DType dtype, String name) {
            this(function, shape, dtype, name, null);
        }

        @Override
        public Object apply(Object[] inputs) {
            DenseArray[] blocks = new DenseArray[reads == null ? inputs.length : reads.size()];
            Plan.Read largest = null;
            if (reads != null) {
                for (Plan.Read read : reads) {
                    if (read != null && (largest == null || Shapes.size(read.count()) > Shapes.size(largest.count()))) {
                        largest = read;
                    }
                }
            }
            int next = 0;
            for (int i = 0; i < blocks.length; i++) {
                Plan.Read read = reads == null ? null : reads.get(i);
                blocks[i] = read == null ? (DenseArray) inputs[next++]
                        : read == largest ? FusedEvaluator.checkedReadIntoScratch(read) : FusedEvaluator.checkedRead(read);
            }
            DenseArray result = function.apply(List.of(blocks));
            if (result == null) {
                throw new IllegalStateException("The function of " + name + " returned null; return a DenseArray");
            }
            if (!Arrays.equals(result.shapeRef(), shape)) {
                throw new IllegalStateException("The function of " + name + " returned a block of shape "
                        + Shapes.format(result.shapeRef()) + " where " + Shapes.format(shape)
                        + " was expected; mapBlocks functions must keep the block shape");
            }
            if (result.dtype() != dtype) {
                throw new IllegalStateException("The function of " + name + " returned dtype " + result.dtype()
                        + " where " + dtype + " was declared; pass the dtype to mapBlocks or convert with astype");
            }
            return result;
        }
    }
}
