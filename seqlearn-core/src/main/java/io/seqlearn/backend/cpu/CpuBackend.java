package io.seqlearn.backend.cpu;

import io.seqlearn.backend.RangeBody;
import io.seqlearn.backend.Backend;
import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.KernelChecks;
import io.seqlearn.backend.UnaryOp;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The fast CPU backend: GEMM through native OpenBLAS (called on the Java arrays themselves, see
 * {@link OpenBlas}), element-wise kernels on the Vector API, large arrays split over a thread pool owned
 * by this instance.
 *
 * <p>Results agree with {@link io.seqlearn.backend.ref.JavaBackend} (tested in {@code CpuBackend*Test}):
 * GEMM to float/double accumulation rounding; ADD, SUB, MUL, DIV, MAX, MIN, NEG, ABS, RELU, SQUARE, SQRT,
 * RECIPROCAL and axpy exactly; EXP, LOG, TANH, SIGMOID, GELU, POW and the two gradient helpers within a
 * few ulp (the exact bounds are in the kernel classes and asserted by the tests); sums to double rounding.
 *
 * <p>Threads: {@link #threads()} workers for element-wise kernels, {@link #parallelRange} and GEMM. OpenBLAS
 * itself always runs single-threaded: a large product is split into column (or row) blocks over this
 * backend's own pool, and a batch of products ({@link #sgemmBatch}) is spread over it one product per task.
 * One pool for everything means no oversubscription: OpenBLAS's own worker threads keep spinning for a
 * while after each call, and on a two-core machine they fought the element-wise kernels that follow (an
 * encoder-layer step measured 3× slower with two threads than with one before this design). GEMM may be
 * called from inside a {@link #parallelRange} body.
 *
 * <pre>{@code
 * var cpu = new CpuBackend(2);
 * cpu.sgemm(false, true, m, n, k, 1f, x, 0, k, w, 0, k, 0f, y, 0, n);   // y = x · wᵀ
 * }</pre>
 */
public final class CpuBackend implements Backend, AutoCloseable {
    /**
     * Products with at most this many rows (m) run in Java ({@link SmallGemm}). OpenBLAS packs all of B
     * before computing, so for a few rows the packing is the whole cost: measured on the development
     * machine (AMD EPYC, 2 threads) m = 1 × (n, k) = (2048, 512) took 3.6 ms in OpenBLAS and 0.1 ms in
     * Java; m = 4 was still 1.6–2× faster in Java, m = 8 mixed. Batch-1 inference and decoding live here.
     */
    public static final int JAVA_GEMM_MAX_M = 4;

    /** Products smaller than this (m·n·k) run in Java too: OpenBLAS wins from about 8³ up, but only just. */
    public static final long NATIVE_GEMM_MIN_MNK = 1024;

    /** A Java GEMM with at least this m·n·k splits its columns over the pool. */
    static final long PARALLEL_JAVA_GEMM_MNK = 1L << 17;

    /** Element-wise loops shorter than this stay on the calling thread (memory-bound ops). */
    static final int CHEAP_GRAIN = 1 << 15;
    /** The same for transcendental ops, which cost 10–50× more per element. */
    static final int COSTLY_GRAIN = 1 << 12;
    /**
     * Elements per chunk of a full sum: it reads ~10 floats per ns, so a split pays only beyond ~10⁶
     * elements. Measured: 204,800 floats (LSTM-S's output) summed in 20 µs on one thread, 60 µs split in
     * two, the worker's wake-up (~50 µs here) included.
     */
    static final int SUM_GRAIN = 1 << 19;
    /** Chunk boundaries are multiples of this, so every vector lane sees the same code path. */
    private static final int ALIGN = 64;

    /**
     * Native products with at least this m·n·k are split over the pool; below it the hand-off costs more
     * than the second core saves.
     */
    static final long SPLIT_NATIVE_GEMM_MNK = 1L << 18;
    /**
     * A single F32 product with at least this m·n·k (about 0.3 GFLOP) called from the top level runs on
     * OpenBLAS's own threads: measured with JMH at 2048³, OpenBLAS's threading was 1.3× faster than two
     * independent half-products (its threads share the packed panels).
     */
    static final long OPENBLAS_THREADED_MNK = 1L << 27;
    /** Split blocks are a multiple of this many rows or columns (a multiple of OpenBLAS's micro-tiles). */
    private static final int GEMM_BLOCK_ALIGN = 32;

    private final int threads;
    private final WorkerPool pool;
    private final boolean nativeGemm;

    /** A backend using every available processor. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A backend with {@code threads} workers (≥ 1) for its own kernels and for OpenBLAS.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public CpuBackend(int threads) {
        if (threads < 1) throw new IllegalArgumentException("CpuBackend: threads expected >= 1, got " + threads);
        this.threads = threads;
        this.pool = new WorkerPool(threads);
        this.nativeGemm = OpenBlas.available();
    }

    @Override public String name() { return nativeGemm ? "cpu" : "cpu(no-blas)"; }

    @Override public int threads() { return threads; }

    /** Whether GEMM goes to native OpenBLAS; false when the library could not load (see {@link #nativeGemmError()}). */
    public boolean nativeGemm() { return nativeGemm; }

    /** Why OpenBLAS did not load, or null when it did. */
    public static Throwable nativeGemmError() { return OpenBlas.loadError(); }

    /** OpenBLAS's name for the kernels it picked on this CPU (e.g. "Zen"), or null without OpenBLAS. */
    public static String blasCoreName() { return OpenBlas.coreName(); }

    /**
     * Whether the calling thread runs a chunk of a {@link #parallelRange} that keeps every thread busy: a
     * nested split then runs inline, so callers that would split work themselves need not.
     */
    public static boolean insideParallelRegion() { return WorkerPool.saturated(); }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        KernelChecks.gemm("sgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb,
                c.length, cOff, ldc);
        sgemmChecked(true, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        KernelChecks.gemm("dgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb,
                c.length, cOff, ldc);
        dgemmChecked(true, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * Many small products (attention's per-head QKᵀ and AV) gain most from running whole products in
     * parallel, each on one core; a few large ones are better split one at a time.
     */
    @Override
    public void sgemmBatch(int count, boolean transA, boolean transB, int m, int n, int k, float alpha,
                           float[] a, int[] aOffs, int lda, float[] b, int[] bOffs, int ldb,
                           float beta, float[] c, int[] cOffs, int ldc) {
        checkBatch("sgemmBatch", count, aOffs, bOffs, cOffs);
        for (int i = 0; i < count; i++) {
            KernelChecks.gemm("sgemm", transA, transB, m, n, k, a.length, aOffs[i], lda, b.length, bOffs[i], ldb,
                    c.length, cOffs[i], ldc);
        }
        if (!batchWhole(count, m, n, k)) {   // few large products: one at a time, each split over the pool
            for (int i = 0; i < count; i++) {
                sgemmChecked(true, transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
            }
            return;
        }
        pool.parallelRange(count, 1, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                sgemmChecked(false, transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
            }
        });
    }

    @Override
    public void dgemmBatch(int count, boolean transA, boolean transB, int m, int n, int k, double alpha,
                           double[] a, int[] aOffs, int lda, double[] b, int[] bOffs, int ldb,
                           double beta, double[] c, int[] cOffs, int ldc) {
        checkBatch("dgemmBatch", count, aOffs, bOffs, cOffs);
        for (int i = 0; i < count; i++) {
            KernelChecks.gemm("dgemm", transA, transB, m, n, k, a.length, aOffs[i], lda, b.length, bOffs[i], ldb,
                    c.length, cOffs[i], ldc);
        }
        if (!batchWhole(count, m, n, k)) {   // few large products: one at a time, each split over the pool
            for (int i = 0; i < count; i++) {
                dgemmChecked(true, transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
            }
            return;
        }
        pool.parallelRange(count, 1, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                dgemmChecked(false, transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
            }
        });
    }

    private static void checkBatch(String op, int count, int[] aOffs, int[] bOffs, int[] cOffs) {
        if (count < 0 || aOffs.length < count || bOffs.length < count || cOffs.length < count) {
            throw new IllegalArgumentException(op + ": count " + count + " expected >= 0 and <= the offset arrays' lengths "
                    + aOffs.length + ", " + bOffs.length + ", " + cOffs.length);
        }
    }

    /** Whether a batch runs one whole product per task rather than splitting each product. */
    private boolean batchWhole(int count, int m, int n, int k) {
        return count >= 2 * threads || (count >= threads && (long) m * n * k < SPLIT_NATIVE_GEMM_MNK);
    }

    private void sgemmChecked(boolean split, boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (useNative(m, n, k)) {
            if (!split || (long) m * n * k < SPLIT_NATIVE_GEMM_MNK || pool.threads() == 1) {
                OpenBlas.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else if ((long) m * n * k >= OPENBLAS_THREADED_MNK && !ForkJoinTask.inForkJoinPool()
                    && !WorkerPool.saturated()) {
                synchronized (OpenBlas.class) {   // the thread count is process-wide
                    OpenBlas.sgemmThreaded(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                            beta, c, cOff, ldc);
                }
            } else if (n >= m) {
                // columns [from, to) of C need columns [from, to) of op(B): B's columns, or Bᵀ's rows
                pool.parallelRange(n, GEMM_BLOCK_ALIGN, GEMM_BLOCK_ALIGN, (from, to) -> OpenBlas.sgemm(transA, transB,
                        m, to - from, k, alpha, a, aOff, lda, b, bOff + (transB ? from * ldb : from), ldb,
                        beta, c, cOff + from, ldc));
            } else {
                // rows [from, to) of C need rows [from, to) of op(A): A's rows, or Aᵀ's columns
                pool.parallelRange(m, GEMM_BLOCK_ALIGN, GEMM_BLOCK_ALIGN, (from, to) -> OpenBlas.sgemm(transA, transB,
                        to - from, n, k, alpha, a, aOff + (transA ? from : from * lda), lda, b, bOff, ldb,
                        beta, c, cOff + from * ldc, ldc));
            }
        } else if (!split || pool.chunks(n, 64) <= 1 || (long) m * n * k < PARALLEL_JAVA_GEMM_MNK) {
            SmallGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            pool.parallelRange(n, 64, 16, (from, to) -> SmallGemm.sgemm(transA, transB, m, to - from, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? from * ldb : from), ldb, beta, c, cOff + from, ldc));
        }
    }

    private void dgemmChecked(boolean split, boolean transA, boolean transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                              double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (useNative(m, n, k)) {
            if (!split || (long) m * n * k < SPLIT_NATIVE_GEMM_MNK || pool.threads() == 1) {
                OpenBlas.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else if (n >= m) {
                pool.parallelRange(n, GEMM_BLOCK_ALIGN, GEMM_BLOCK_ALIGN, (from, to) -> OpenBlas.dgemm(transA, transB,
                        m, to - from, k, alpha, a, aOff, lda, b, bOff + (transB ? from * ldb : from), ldb,
                        beta, c, cOff + from, ldc));
            } else {
                pool.parallelRange(m, GEMM_BLOCK_ALIGN, GEMM_BLOCK_ALIGN, (from, to) -> OpenBlas.dgemm(transA, transB,
                        to - from, n, k, alpha, a, aOff + (transA ? from : from * lda), lda, b, bOff, ldb,
                        beta, c, cOff + from * ldc, ldc));
            }
        } else if (!split || pool.chunks(n, 64) <= 1 || (long) m * n * k < PARALLEL_JAVA_GEMM_MNK) {
            SmallGemm.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            pool.parallelRange(n, 64, 16, (from, to) -> SmallGemm.dgemm(transA, transB, m, to - from, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? from * ldb : from), ldb, beta, c, cOff + from, ldc));
        }
    }

    /**
     * Packs op(W) once for many {@link #gemm} calls: op(W) = Wᵀ when {@code transpose}, else W, where W
     * is the row-major (rows, cols) matrix at {@code w[off]} (row stride cols). The result has
     * {@link PackedMatrix#rows()} = k = transpose ? cols : rows and {@link PackedMatrix#cols()} = n.
     * For an RNN with {@code W_hh} of shape (G·H, H): {@code pack(whh, 0, G·H, H, true)} gives op(W) =
     * W_hhᵀ (H, G·H) for the forward step; {@code pack(whh, 0, G·H, H, false)} gives W_hh (G·H, H) for
     * the backward step. Packing copies k·n floats (split over the pool when large); F32 only.
     *
     * @throws IllegalArgumentException when a size is negative or W does not fit in {@code w} from {@code off}
     */
    public PackedMatrix pack(float[] w, int off, int rows, int cols, boolean transpose) {
        return PackedGemm.pack(pool, w, off, rows, cols, transpose);
    }

    /**
     * {@code C = A·op(W) + beta·C} with A (m, k) row-major at {@code a[aOff]} (row stride {@code lda} ≥ k),
     * op(W) the packed (k, n) matrix {@code b}, C (m, n) at {@code c[cOff]} (row stride {@code ldc} ≥ n).
     * beta = 0 overwrites C (NaN in C does not survive). The columns of C are split over the pool in the
     * same contiguous ranges on every call, so each core reuses its share of the packed W from its own
     * caches: the intended use is the same {@code b} for many calls with few rows (m ≲ 100), e.g. T
     * recurrent steps. Each element is {@code fma}-accumulated over k in order, so results do not depend on
     * the thread count. A and C must not overlap. Do not call from inside a {@link #parallelRange} body.
     *
     * @throws IllegalArgumentException when m &lt; 0, a leading dimension is too small, or A or C does not
     *     fit its array from its offset
     */
    public void gemm(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta, float[] c, int cOff, int ldc) {
        PackedGemm.gemm(pool, m, a, aOff, lda, b, beta, c, cOff, ldc);
    }

    /** k = 0 stays in Java too: it only scales C, and BLAS would reject lda = 0 for an empty A. */
    private boolean useNative(int m, int n, int k) {
        if (!nativeGemm || k == 0 || m <= JAVA_GEMM_MAX_M || (long) m * n * k < NATIVE_GEMM_MIN_MNK) return false;
        OpenBlas.ensureSingleThreaded();
        return true;
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        KernelChecks.unary(op, x.length, xOff, y.length, yOff, n);
        int grain = costly(op) ? COSTLY_GRAIN : CHEAP_GRAIN;
        if (pool.chunks(n, grain) <= 1) {
            UnaryF32.apply(op, x, xOff, y, yOff, n);
        } else {
            pool.parallelRange(n, grain, ALIGN, (from, to) -> UnaryF32.apply(op, x, xOff + from, y, yOff + from, to - from));
        }
    }

    @Override
    public void unary(UnaryOp op, double[] x, int xOff, double[] y, int yOff, int n) {
        KernelChecks.unary(op, x.length, xOff, y.length, yOff, n);
        int grain = costly(op) ? COSTLY_GRAIN : CHEAP_GRAIN;
        if (pool.chunks(n, grain) <= 1) {
            UnaryF64.apply(op, x, xOff, y, yOff, n);
        } else {
            pool.parallelRange(n, grain, ALIGN, (from, to) -> UnaryF64.apply(op, x, xOff + from, y, yOff + from, to - from));
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        KernelChecks.binary(op, a.length, aOff, b.length, bOff, y.length, yOff, n);
        int grain = op == BinaryOp.POW ? COSTLY_GRAIN : CHEAP_GRAIN;
        if (pool.chunks(n, grain) <= 1) {
            BinaryF32.apply(op, a, aOff, b, bOff, y, yOff, n);
        } else {
            pool.parallelRange(n, grain, ALIGN,
                    (from, to) -> BinaryF32.apply(op, a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        }
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        KernelChecks.binary(op, a.length, aOff, b.length, bOff, y.length, yOff, n);
        int grain = op == BinaryOp.POW ? COSTLY_GRAIN : CHEAP_GRAIN;
        if (pool.chunks(n, grain) <= 1) {
            BinaryF64.apply(op, a, aOff, b, bOff, y, yOff, n);
        } else {
            pool.parallelRange(n, grain, ALIGN,
                    (from, to) -> BinaryF64.apply(op, a, aOff + from, b, bOff + from, y, yOff + from, to - from));
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        KernelChecks.axpy(x.length, xOff, y.length, yOff, n);
        if (pool.chunks(n, CHEAP_GRAIN) <= 1) {
            Reductions.axpy(n, alpha, x, xOff, y, yOff);
        } else {
            pool.parallelRange(n, CHEAP_GRAIN, ALIGN, (from, to) -> Reductions.axpy(to - from, alpha, x, xOff + from, y, yOff + from));
        }
    }

    @Override
    public void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        KernelChecks.axpy(x.length, xOff, y.length, yOff, n);
        if (pool.chunks(n, CHEAP_GRAIN) <= 1) {
            Reductions.axpy(n, alpha, x, xOff, y, yOff);
        } else {
            pool.parallelRange(n, CHEAP_GRAIN, ALIGN, (from, to) -> Reductions.axpy(to - from, alpha, x, xOff + from, y, yOff + from));
        }
    }

    /** Partial sums per chunk are added in chunk order: the result depends on n and threads, not on timing. */
    @Override
    public double sum(float[] x, int off, int n) {
        KernelChecks.range("sum", "x", x.length, off, n);
        int chunks = pool.chunks(n, SUM_GRAIN);
        if (chunks <= 1) return Reductions.sum(x, off, n);
        int step = WorkerPool.step(n, chunks, ALIGN);
        double[] partial = new double[(n + step - 1) / step];
        pool.parallelRange(n, SUM_GRAIN, ALIGN, (from, to) -> partial[from / step] = Reductions.sum(x, off + from, to - from));
        return ordered(partial);
    }

    @Override
    public double sum(double[] x, int off, int n) {
        KernelChecks.range("sum", "x", x.length, off, n);
        int chunks = pool.chunks(n, SUM_GRAIN);
        if (chunks <= 1) return Reductions.sum(x, off, n);
        int step = WorkerPool.step(n, chunks, ALIGN);
        double[] partial = new double[(n + step - 1) / step];
        pool.parallelRange(n, SUM_GRAIN, ALIGN, (from, to) -> partial[from / step] = Reductions.sum(x, off + from, to - from));
        return ordered(partial);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks of at
     * least {@code grain} indices; the calling thread runs the first chunk. Nested calls from inside a
     * body are allowed. The first exception thrown by a chunk is rethrown after all chunks end.
     */
    @Override
    public void parallelRange(int n, int grain, RangeBody body) {
        if (n < 0) throw new IllegalArgumentException("parallelRange: n expected >= 0, got " + n);
        pool.parallelRange(n, Math.max(1, grain), 1, body);
    }

    /** {@code body.accept(i)} for every {@code i < n}, spread over the pool in contiguous chunks. */
    public void parallelFor(int n, IntConsumer body) {
        parallelRange(n, 1, (from, to) -> {
            for (int i = from; i < to; i++) body.accept(i);
        });
    }

    /** Shuts the worker threads down; the backend must not be used afterwards. */
    @Override
    public void close() { pool.close(); }

    private static double ordered(double[] partial) {
        double s = 0;
        for (double p : partial) s += p;
        return s;
    }

    private static boolean costly(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, TANH, SIGMOID, GELU -> true;
            default -> false;
        };
    }
}
