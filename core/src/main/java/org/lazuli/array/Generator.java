package org.lazuli.array;

import java.util.Arrays;

/**
 * A source whose element at flat position i (row-major in its full shape) is a pure function of i.
 * Fused tasks ask for runs of values straight into their tiles, so generated blocks are never
 * materialised; and since values depend only on i, they do not depend on chunking or threads.
 */
abstract class Generator implements ArraySource {
    private static final long serialVersionUID = 1L;

    private final long[] shape;
    private final DType dtype;

    Generator(long[] shape, DType dtype) {
        this.shape = shape.clone();
        this.dtype = dtype;
    }

    @Override
    public final long[] shape() {
        return shape.clone();
    }

    final long[] shapeRef() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    /** Values at flat positions {@code first, first + stride, …} into {@code out[off..off+len)}. */
    abstract void fill(long first, long stride, double[] out, int off, int len);

    /** Long-lane values (integer and bool dtypes). */
    void fill(long first, long stride, long[] out, int off, int len) {
        double[] tmp = new double[len];
        fill(first, stride, tmp, 0, len);
        for (int i = 0; i < len; i++) {
            out[off + i] = (long) tmp[i];
        }
    }

    @Override
    public DenseArray read(long[] start, long[] step, long[] count) {
        int n = Shapes.toIntSize(count, "A block");
        Object storage = DenseArray.allocate(dtype, n);
        StridedRuns runs = StridedRuns.ofRegion(shape, start, step, count);
        if (dtype.isFloat()) {
            double[] tile = new double[Math.min(Math.max(n, 1), FusedEvaluator.TILE)];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                runs.forRuns(from, len, (off, first, stride, runLen) -> fill(first, stride, tile, off, runLen));
                DenseArray.writeD(storage, dtype, from, tile, 0, len);
            }
        } else {
            long[] tile = new long[Math.min(Math.max(n, 1), FusedEvaluator.TILE)];
            for (int from = 0; from < n; from += tile.length) {
                int len = Math.min(tile.length, n - from);
                runs.forRuns(from, len, (off, first, stride, runLen) -> fill(first, stride, tile, off, runLen));
                DenseArray.writeL(storage, dtype, from, tile, 0, len);
            }
        }
        return DenseArray.wrap(dtype, count.clone(), storage);
    }

    /** A constant: zeros, ones, full, empty. */
    static final class Constant extends Generator {
        private static final long serialVersionUID = 1L;
        final double value;
        private final String label;

        Constant(long[] shape, DType dtype, double value, String label) {
            super(shape, dtype);
            this.value = value;
            this.label = label;
        }

        @Override
        void fill(long first, long stride, double[] out, int off, int len) {
            Arrays.fill(out, off, off + len, value);
        }

        @Override
        void fill(long first, long stride, long[] out, int off, int len) {
            Arrays.fill(out, off, off + len, (long) value);
        }

        @Override
        public String token() {
            return label + Shapes.format(shapeRef()) + dtype() + Double.doubleToLongBits(value);
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * Uniform doubles in [0, 1): value i is the top 53 bits of SplitMix64's output for counter i, the
     * generator {@code java.util.SplittableRandom} uses, evaluated at any position directly.
     */
    static final class Uniform extends Generator {
        private static final long serialVersionUID = 1L;
        private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
        private static final double DOUBLE_UNIT = 0x1.0p-53;
        private final long seed;
        private final long origin;

        Uniform(long[] shape, long seed) {
            super(shape, DType.FLOAT64);
            this.seed = seed;
            this.origin = mix64(seed);
        }

        static long mix64(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double at(long i) {
            return (mix64(origin + (i + 1) * GOLDEN_GAMMA) >>> 11) * DOUBLE_UNIT;
        }

        @Override
        void fill(long first, long stride, double[] out, int off, int len) {
            long z = origin + (first + 1) * GOLDEN_GAMMA;
            long dz = stride * GOLDEN_GAMMA;
            for (int k = 0; k < len; k++) {
                out[off + k] = (mix64(z) >>> 11) * DOUBLE_UNIT;
                z += dz;
            }
        }

        @Override
        public String token() {
            return "uniform" + Shapes.format(shapeRef()) + seed;
        }

        @Override
        public String label() {
            return "random";
        }
    }

    /** Normal deviates by the Box–Muller transform of two counter-based uniforms per element. */
    static final class Normal extends Generator {
        private static final long serialVersionUID = 1L;
        private final Uniform uniform;
        private final double mean;
        private final double std;
        private final long seed;

        Normal(long[] shape, long seed, double mean, double std) {
            super(shape, DType.FLOAT64);
            this.uniform = new Uniform(new long[] {1}, seed);
            this.mean = mean;
            this.std = std;
            this.seed = seed;
        }

        @Override
        void fill(long first, long stride, double[] out, int off, int len) {
            for (int k = 0; k < len; k++) {
                long i = first + k * stride;
                double u1 = 1.0 - uniform.at(2 * i);   // (0, 1]: log is finite
                double u2 = uniform.at(2 * i + 1);
                out[off + k] = mean + std * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
            }
        }

        @Override
        public String token() {
            return "normal" + Shapes.format(shapeRef()) + seed + ":" + mean + ":" + std;
        }

        @Override
        public String label() {
            return "normal";
        }
    }

    /** {@code start + i * step} (arange, and linspace through {@link Linspace}). */
    static final class Arange extends Generator {
        private static final long serialVersionUID = 1L;
        private final double start;
        private final double step;

        Arange(long length, double start, double step, DType dtype) {
            super(new long[] {length}, dtype);
            this.start = start;
            this.step = step;
        }

        @Override
        void fill(long first, long stride, double[] out, int off, int len) {
            for (int k = 0; k < len; k++) {
                out[off + k] = start + (first + k * stride) * step;
            }
        }

        @Override
        void fill(long first, long stride, long[] out, int off, int len) {
            long s = (long) start;
            long d = (long) step;
            for (int k = 0; k < len; k++) {
                out[off + k] = s + (first + k * stride) * d;
            }
        }

        @Override
        public String token() {
            return "arange" + shapeRef()[0] + ":" + start + ":" + step + dtype();
        }

        @Override
        public String label() {
            return "arange";
        }
    }

    /** NumPy's linspace: {@code start + i * delta}, and exactly {@code stop} last when the endpoint is included. */
    static final class Linspace extends Generator {
        private static final long serialVersionUID = 1L;
        private final double start;
        private final double stop;
        private final double delta;
        private final boolean endpoint;

        Linspace(double start, double stop, long num, boolean endpoint) {
            super(new long[] {num}, DType.FLOAT64);
            this.start = start;
            this.stop = stop;
            this.endpoint = endpoint;
            long divisions = endpoint ? num - 1 : num;
            this.delta = divisions > 0 ? (stop - start) / divisions : Double.NaN;
        }

        @Override
        void fill(long first, long stride, double[] out, int off, int len) {
            long n = shapeRef()[0];
            for (int k = 0; k < len; k++) {
                long i = first + k * stride;
                out[off + k] = endpoint && i == n - 1 && n > 1 ? stop : (n == 1 ? start : start + i * delta);
            }
        }

        @Override
        public String token() {
            return "linspace" + shapeRef()[0] + ":" + start + ":" + stop + ":" + endpoint;
        }

        @Override
        public String label() {
            return "linspace";
        }
    }
}
