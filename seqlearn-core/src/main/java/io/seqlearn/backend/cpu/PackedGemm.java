package io.seqlearn.backend.cpu;

import io.seqlearn.backend.RangeBody;
import java.util.Arrays;

/**
 * GEMM against a pre-packed right operand, for many small products with one fixed weight matrix (the
 * recurrent step {@code h_{t-1} · W_hhᵀ} of an RNN, T times per sequence): {@code C = A·op(W) + beta·C}.
 *
 * <p>Loops, BLIS-style with A unpacked: for each block of {@link #KC} rows of op(W), for each block of
 * {@link #MC} rows of A, for each 16-column panel, for each group of 6 rows: one {@link PackedKernels}
 * call. The panel's k-block (16 KiB) stays in L1 across the row groups, A's block (MC × KC, ≤ 120 KiB)
 * in L2. Threads split the panels (columns of C) into contiguous shares, the same on every call, so each
 * core reads only its own part of the packed W, which stays in its caches across the T steps; a thread
 * that finishes early takes pieces of a late one's share ({@link PanelClaims}).
 *
 * <p>Every element of C is computed as {@code acc = beta·C} (0 when beta = 0, C when beta = 1), then
 * {@code acc = fma(A[i,p], op(W)[p,j], acc)} for p = 0..k−1 in order: the result is bit-for-bit the same
 * for any thread count and any m.
 */
final class PackedGemm {
    /** Columns per panel (two AVX2 vectors). */
    static final int NR = PackedKernels.NR;
    /** Rows of A per micro-kernel call. */
    static final int MR = 6;
    /** Rows of op(W) per k-block: a 16-column panel slice is KC · 64 bytes = 16 KiB, half of L1d. */
    static final int KC = 256;
    /** Rows of A per block: MC · KC · 4 = 120 KiB of A stays in L2 (512 KiB) while the panels go by. */
    static final int MC = 120;
    /**
     * Products with at least this m·n·k use the pool: below it, the cost of waking a worker (tens of
     * microseconds on a loaded machine) is not repaid. 2^20 is about 30 µs of one core's work.
     */
    static final long PARALLEL_MNK = 1L << 20;
    /** Packing with at least this many elements uses the pool. */
    static final long PARALLEL_PACK = 1L << 16;

    private PackedGemm() {}

    static PackedMatrix pack(WorkerPool pool, float[] w, int off, int rows, int cols, boolean transpose) {
        if (w == null) throw new IllegalArgumentException("pack: W expected an array, got null");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("pack: W size expected >= 0, got (" + rows + ", " + cols + ")");
        }
        long needed = (long) rows * cols;
        if (off < 0 || off + needed > w.length) {
            throw new IllegalArgumentException("pack: W (" + rows + ", " + cols + ") needs " + needed
                    + " elements from offset " + off + ", array has " + w.length);
        }
        PackedMatrix packed = transpose ? new PackedMatrix(cols, rows) : new PackedMatrix(rows, cols);
        RangeBody body = (from, to) -> packPanels(packed, w, off, cols, transpose, from, to);
        if (needed < PARALLEL_PACK) body.run(0, packed.panels);
        else pool.parallelRange(packed.panels, 1, 1, body);
        return packed;
    }

    /** Copies panels [from, to) of op(W), every k-block; the padding columns stay zero. */
    private static void packPanels(PackedMatrix p, float[] w, int off, int ldw, boolean transpose, int from, int to) {
        int padded = p.panels * NR;
        for (int p0 = 0; p0 < p.k; p0 += KC) {
            int kc = Math.min(KC, p.k - p0);
            for (int j = from; j < to; j++) {
                int base = p0 * padded + j * kc * NR;
                int col = j * NR, width = Math.min(NR, p.n - col);
                if (transpose) {
                    // op(W)[q, col + jj] = W[col + jj, q]: read W's rows contiguously, write with stride 16
                    for (int jj = 0; jj < width; jj++) {
                        int src = off + (col + jj) * ldw + p0;
                        for (int q = 0; q < kc; q++) p.data[base + q * NR + jj] = w[src + q];
                    }
                } else {
                    for (int q = 0; q < kc; q++) {
                        System.arraycopy(w, off + (p0 + q) * ldw + col, p.data, base + q * NR, width);
                    }
                }
            }
        }
    }

    static void gemm(WorkerPool pool, int m, float[] a, int aOff, int lda, PackedMatrix b, float beta,
                     float[] c, int cOff, int ldc) {
        check(m, a, aOff, lda, b, c, cOff, ldc);
        if (m == 0 || b.n == 0) return;
        RangeBody body = (from, to) -> columns(m, a, aOff, lda, b, beta, c, cOff, ldc, from, to);
        int parts = Math.min(pool.threads(), b.panels);
        if ((long) m * b.n * b.k < PARALLEL_MNK || parts <= 1) {
            body.run(0, b.panels);
        } else {
            PanelClaims claims = new PanelClaims(b.panels, parts);
            pool.parallelRange(parts, 1, 1, (from, to) -> {
                for (int home = from; home < to; home++) claims.work(home, body);
            });
        }
    }

    /** Columns of panels [from, to) of C, all rows. */
    private static void columns(int m, float[] a, int aOff, int lda, PackedMatrix b, float beta,
                                float[] c, int cOff, int ldc, int from, int to) {
        int colFrom = from * NR, colTo = Math.min(b.n, to * NR);
        if (beta != 0 && beta != 1) scale(m, c, cOff + colFrom, ldc, colTo - colFrom, beta);
        if (b.k == 0) {
            if (beta == 0) scale(m, c, cOff + colFrom, ldc, colTo - colFrom, 0f);
            return;
        }
        int padded = b.panels * NR;
        float[] tile = null;
        for (int p0 = 0; p0 < b.k; p0 += KC) {
            int kc = Math.min(KC, b.k - p0);
            boolean load = p0 > 0 || beta != 0;
            for (int i0 = 0; i0 < m; i0 += MC) {
                int mc = Math.min(MC, m - i0);
                int aBlock = aOff + i0 * lda + p0;
                for (int j = from; j < to; j++) {
                    int wOff = p0 * padded + j * kc * NR;
                    int col = j * NR, width = Math.min(NR, b.n - col);
                    int cBlock = cOff + i0 * ldc + col;
                    if (width == NR) {
                        PackedKernels.rows(mc, kc, a, aBlock, lda, b.data, wOff, c, cBlock, ldc, load);
                    } else {
                        if (tile == null) tile = new float[MR * NR];
                        edge(mc, kc, a, aBlock, lda, b.data, wOff, c, cBlock, ldc, width, load, tile);
                    }
                }
            }
        }
    }

    /**
     * The last panel when n is not a multiple of 16: the kernels write 16 columns, so C's {@code width}
     * columns go through a 6 × 16 scratch tile, 6 rows at a time (same arithmetic, nothing written past n).
     */
    private static void edge(int mc, int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                             float[] c, int cOff, int ldc, int width, boolean load, float[] tile) {
        for (int i = 0; i < mc; i += MR) {
            int r = Math.min(MR, mc - i);
            if (load) {
                for (int ii = 0; ii < r; ii++) System.arraycopy(c, cOff + (i + ii) * ldc, tile, ii * NR, width);
            }
            PackedKernels.rows(r, kc, a, aOff + i * lda, lda, w, wOff, tile, 0, NR, load);
            for (int ii = 0; ii < r; ii++) System.arraycopy(tile, ii * NR, c, cOff + (i + ii) * ldc, width);
        }
    }

    /** C[0..m)[0..width) *= beta; beta = 0 writes zeros, so NaN in C does not survive (as BLAS). */
    private static void scale(int m, float[] c, int cOff, int ldc, int width, float beta) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) Arrays.fill(c, row, row + width, 0f);
            else for (int j = row; j < row + width; j++) c[j] *= beta;
        }
    }

    private static void check(int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc) {
        String op = "packed gemm";
        if (b == null) throw new IllegalArgumentException(op + ": packed W expected, got null");
        if (a == null || c == null) throw new IllegalArgumentException(op + ": A and C expected arrays, got null");
        if (m < 0) throw new IllegalArgumentException(op + ": m expected >= 0, got " + m);
        matrix(op, "A", m, b.k, a.length, aOff, lda, "lda");
        matrix(op, "C", m, b.n, c.length, cOff, ldc, "ldc");
    }

    /** The same rule and message as {@code KernelChecks.gemm}. */
    private static void matrix(String op, String name, int rows, int cols, int length, int off, int ld, String ldName) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": " + ldName + " expected >= " + Math.max(1, cols)
                    + " (columns of " + name + " as stored, (" + rows + ", " + cols + ")), got " + ld);
        }
        long needed = rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
        if (off < 0 || off + needed > length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + needed
                    + " elements from offset " + off + ", array has " + length);
        }
    }
}
