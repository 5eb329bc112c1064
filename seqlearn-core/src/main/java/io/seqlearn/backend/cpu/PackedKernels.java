package io.seqlearn.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked micro-kernels of the packed GEMM: a tile of r rows × 16 columns of C (r = 6, 4, 2, 1)
 * held in 2r AVX2 registers while {@code kc} rows of a packed panel stream by:
 * {@code C[i, 0..16) (+)= Σ_p A[i, p] · Wp[p, 0..16)} for p in [0, kc).
 *
 * <p>Arguments: A's tile rows start at {@code a[aOff + i·lda]} (row-major, not packed: a few rows of A
 * are read as r sequential streams, which the hardware prefetcher follows); the packed panel is
 * {@code w[wOff + p·16 + j]}; C's tile is {@code c[cOff + i·ldc + j]}. With {@code load} false the tile
 * starts at zero (C is only written), otherwise at C's values.
 *
 * <p>Why 6 × 16: AVX2 has 16 vector registers; 12 accumulators + 2 panel vectors + 1 broadcast fit
 * without spilling, and each step issues 12 FMAs for 2 vector loads and 6 broadcasts, under the two
 * load ports' limit. Measured on the development machine (AMD EPYC, 1 thread, m = 64, k = 512, n = 1024)
 * it beat 4 × 24 (which spills in C2), 4 × 16, a 2× hand-unrolled 6 × 16 and a variant reading a packed
 * copy of A. Every lane is {@code Math.fma(a, w, acc)} in order of p, so the result of an element does
 * not depend on which kernel, thread or tile computed it.
 *
 * <p>Where the CPU has AVX-512 ({@link VectorWidth#WIDE}) the {@code …w} kernels hold a 16-column row in one
 * 512-bit register: 8-row tiles ({@link #k8x16w}: eight FMA chains), 6 rows ({@link #k6x16w}) and 8 rows
 * against two panels ({@link #k8x16x2w}); 4, 2 and 1 remaining rows use the 256-bit kernels. Lane for lane
 * they do the same FMAs, so the results do not depend on which ran.
 *
 * <p>Public for the library's fused layers (the recurrent step of {@code io.seqlearn.nn.rnn} packs its own
 * panels and calls {@link #tile}); not a stable API.
 */
public final class PackedKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** The 512-bit species of the wide kernels (run only where {@link VectorWidth#WIDE}). */
    static final VectorSpecies<Float> W = FloatVector.SPECIES_512;
    /** Columns of a packed panel (two AVX2 vectors). */
    public static final int NR = 16;

    private PackedKernels() {}

    /**
     * Rows [0, rows) of C (from {@code cOff}, stride {@code ldc}) = A's rows (from {@code aOff}, stride
     * {@code lda}) · the packed panel at {@code w[wOff]} of depth {@code kc}, overwriting C: see
     * {@link #rows}.
     */
    public static void tile(int rows, int kc, float[] a, int aOff, int lda, float[] w, int wOff, float[] c, int cOff, int ldc) {
        rows(rows, kc, a, aOff, lda, w, wOff, c, cOff, ldc, false);
    }

    /**
     * {@link #tile}, adding to C when {@code load}: blocks of 8 rows (wide kernels only) and 6, then 4, 2 and
     * 1 rows for the rest.
     */
    static void rows(int rows, int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                     float[] c, int cOff, int ldc, boolean load) {
        int r = 0;
        if (VectorWidth.WIDE) {
            for (; r + 8 <= rows; r += 8) k8x16w(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
            for (; r + 6 <= rows; r += 6) k6x16w(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
        } else {
            for (; r + 6 <= rows; r += 6) k6x16(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
        }
        if (r + 4 <= rows) {
            k4x16(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
            r += 4;
        }
        if (r + 2 <= rows) {
            k2x16(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
            r += 2;
        }
        if (r < rows) k1x16(kc, a, aOff + r * lda, lda, w, wOff, c, cOff + r * ldc, ldc, load);
    }

    /**
     * Eight rows against two panels at once (two gates of a cell, or two column blocks), one 512-bit register
     * per row and panel, C overwritten: sixteen FMAs share each step's eight broadcasts of A, which halves
     * the loads and loop overhead per FMA of two {@link #k8x16w} calls (that kernel, one broadcast per FMA,
     * reached ~110 GFLOP/s on one Zen 5 core at kc = 128). Bit for bit the same as two {@link #k8x16w} calls.
     */
    public static void k8x16x2w(int kc, float[] a, int aOff, int lda, float[] w, int wOff0, int wOff1,
                                float[] c, int cOff0, int cOff1, int ldc) {
        FloatVector c0 = FloatVector.zero(W), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        FloatVector d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0, d6 = c0, d7 = c0;
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda,
                a7 = a6 + lda;
        for (int p = 0; p < kc; p++) {
            FloatVector u = FloatVector.fromArray(W, w, wOff0 + p * NR);
            FloatVector v = FloatVector.fromArray(W, w, wOff1 + p * NR);
            FloatVector x = FloatVector.broadcast(W, a[a0 + p]);
            c0 = u.fma(x, c0);
            d0 = v.fma(x, d0);
            x = FloatVector.broadcast(W, a[a1 + p]);
            c1 = u.fma(x, c1);
            d1 = v.fma(x, d1);
            x = FloatVector.broadcast(W, a[a2 + p]);
            c2 = u.fma(x, c2);
            d2 = v.fma(x, d2);
            x = FloatVector.broadcast(W, a[a3 + p]);
            c3 = u.fma(x, c3);
            d3 = v.fma(x, d3);
            x = FloatVector.broadcast(W, a[a4 + p]);
            c4 = u.fma(x, c4);
            d4 = v.fma(x, d4);
            x = FloatVector.broadcast(W, a[a5 + p]);
            c5 = u.fma(x, c5);
            d5 = v.fma(x, d5);
            x = FloatVector.broadcast(W, a[a6 + p]);
            c6 = u.fma(x, c6);
            d6 = v.fma(x, d6);
            x = FloatVector.broadcast(W, a[a7 + p]);
            c7 = u.fma(x, c7);
            d7 = v.fma(x, d7);
        }
        c0.intoArray(c, cOff0);
        c1.intoArray(c, cOff0 + ldc);
        c2.intoArray(c, cOff0 + 2 * ldc);
        c3.intoArray(c, cOff0 + 3 * ldc);
        c4.intoArray(c, cOff0 + 4 * ldc);
        c5.intoArray(c, cOff0 + 5 * ldc);
        c6.intoArray(c, cOff0 + 6 * ldc);
        c7.intoArray(c, cOff0 + 7 * ldc);
        d0.intoArray(c, cOff1);
        d1.intoArray(c, cOff1 + ldc);
        d2.intoArray(c, cOff1 + 2 * ldc);
        d3.intoArray(c, cOff1 + 3 * ldc);
        d4.intoArray(c, cOff1 + 4 * ldc);
        d5.intoArray(c, cOff1 + 5 * ldc);
        d6.intoArray(c, cOff1 + 6 * ldc);
        d7.intoArray(c, cOff1 + 7 * ldc);
    }

    /**
     * Eight rows, one 512-bit register each: eight independent FMA chains, as many as two FMA pipes with a
     * four-cycle latency keep busy (six chains leave a quarter of the issue slots empty).
     */
    public static void k8x16w(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                              float[] c, int cOff, int ldc, boolean load) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (load) {
            c0 = FloatVector.fromArray(W, c, cOff);
            c1 = FloatVector.fromArray(W, c, cOff + ldc);
            c2 = FloatVector.fromArray(W, c, cOff + 2 * ldc);
            c3 = FloatVector.fromArray(W, c, cOff + 3 * ldc);
            c4 = FloatVector.fromArray(W, c, cOff + 4 * ldc);
            c5 = FloatVector.fromArray(W, c, cOff + 5 * ldc);
            c6 = FloatVector.fromArray(W, c, cOff + 6 * ldc);
            c7 = FloatVector.fromArray(W, c, cOff + 7 * ldc);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(W);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda,
                a7 = a6 + lda;
        for (int p = 0; p < kc; p++) {
            FloatVector wv = FloatVector.fromArray(W, w, wOff + p * NR);
            c0 = wv.fma(FloatVector.broadcast(W, a[a0 + p]), c0);
            c1 = wv.fma(FloatVector.broadcast(W, a[a1 + p]), c1);
            c2 = wv.fma(FloatVector.broadcast(W, a[a2 + p]), c2);
            c3 = wv.fma(FloatVector.broadcast(W, a[a3 + p]), c3);
            c4 = wv.fma(FloatVector.broadcast(W, a[a4 + p]), c4);
            c5 = wv.fma(FloatVector.broadcast(W, a[a5 + p]), c5);
            c6 = wv.fma(FloatVector.broadcast(W, a[a6 + p]), c6);
            c7 = wv.fma(FloatVector.broadcast(W, a[a7 + p]), c7);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
        c6.intoArray(c, cOff + 6 * ldc);
        c7.intoArray(c, cOff + 7 * ldc);
    }

    /**
     * {@link #k6x16} with one 512-bit register per row (AVX-512): six accumulators, one panel load and six
     * broadcasts per step. Each lane does the same FMAs in the same order as in the 256-bit kernel.
     */
    public static void k6x16w(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                              float[] c, int cOff, int ldc, boolean load) {
        FloatVector c0, c1, c2, c3, c4, c5;
        if (load) {
            c0 = FloatVector.fromArray(W, c, cOff);
            c1 = FloatVector.fromArray(W, c, cOff + ldc);
            c2 = FloatVector.fromArray(W, c, cOff + 2 * ldc);
            c3 = FloatVector.fromArray(W, c, cOff + 3 * ldc);
            c4 = FloatVector.fromArray(W, c, cOff + 4 * ldc);
            c5 = FloatVector.fromArray(W, c, cOff + 5 * ldc);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = FloatVector.zero(W);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++) {
            FloatVector wv = FloatVector.fromArray(W, w, wOff + p * NR);
            c0 = wv.fma(FloatVector.broadcast(W, a[a0 + p]), c0);
            c1 = wv.fma(FloatVector.broadcast(W, a[a1 + p]), c1);
            c2 = wv.fma(FloatVector.broadcast(W, a[a2 + p]), c2);
            c3 = wv.fma(FloatVector.broadcast(W, a[a3 + p]), c3);
            c4 = wv.fma(FloatVector.broadcast(W, a[a4 + p]), c4);
            c5 = wv.fma(FloatVector.broadcast(W, a[a5 + p]), c5);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
    }

    /** Rows [0, 6) of the tile: see the class comment for the arguments. */
    public static void k6x16(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                       float[] c, int cOff, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + 8);
            c10 = FloatVector.fromArray(S, c, cOff + ldc);
            c11 = FloatVector.fromArray(S, c, cOff + ldc + 8);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 8);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 8);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 8);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 8);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++) {
            int wp = wOff + p * NR;
            FloatVector w0 = FloatVector.fromArray(S, w, wp);
            FloatVector w1 = FloatVector.fromArray(S, w, wp + 8);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = w0.fma(av, c00);
            c01 = w1.fma(av, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = w0.fma(av, c10);
            c11 = w1.fma(av, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = w0.fma(av, c20);
            c21 = w1.fma(av, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = w0.fma(av, c30);
            c31 = w1.fma(av, c31);
            av = FloatVector.broadcast(S, a[a4 + p]);
            c40 = w0.fma(av, c40);
            c41 = w1.fma(av, c41);
            av = FloatVector.broadcast(S, a[a5 + p]);
            c50 = w0.fma(av, c50);
            c51 = w1.fma(av, c51);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + 8);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + 8);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + 8);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + 8);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + 8);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + 8);
    }

    /** Rows [0, 4) of the tile: see the class comment for the arguments. */
    public static void k4x16(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                       float[] c, int cOff, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + 8);
            c10 = FloatVector.fromArray(S, c, cOff + ldc);
            c11 = FloatVector.fromArray(S, c, cOff + ldc + 8);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 8);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 8);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < kc; p++) {
            int wp = wOff + p * NR;
            FloatVector w0 = FloatVector.fromArray(S, w, wp);
            FloatVector w1 = FloatVector.fromArray(S, w, wp + 8);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = w0.fma(av, c00);
            c01 = w1.fma(av, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = w0.fma(av, c10);
            c11 = w1.fma(av, c11);
            av = FloatVector.broadcast(S, a[a2 + p]);
            c20 = w0.fma(av, c20);
            c21 = w1.fma(av, c21);
            av = FloatVector.broadcast(S, a[a3 + p]);
            c30 = w0.fma(av, c30);
            c31 = w1.fma(av, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + 8);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + 8);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + 8);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + 8);
    }

    /** Rows [0, 2) of the tile: see the class comment for the arguments. */
    public static void k2x16(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                       float[] c, int cOff, int ldc, boolean load) {
        FloatVector c00, c01, c10, c11;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + 8);
            c10 = FloatVector.fromArray(S, c, cOff + ldc);
            c11 = FloatVector.fromArray(S, c, cOff + ldc + 8);
        } else {
            c00 = c01 = c10 = c11 = FloatVector.zero(S);
        }
        int a0 = aOff, a1 = a0 + lda;
        for (int p = 0; p < kc; p++) {
            int wp = wOff + p * NR;
            FloatVector w0 = FloatVector.fromArray(S, w, wp);
            FloatVector w1 = FloatVector.fromArray(S, w, wp + 8);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = w0.fma(av, c00);
            c01 = w1.fma(av, c01);
            av = FloatVector.broadcast(S, a[a1 + p]);
            c10 = w0.fma(av, c10);
            c11 = w1.fma(av, c11);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + 8);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + 8);
    }

    /** Rows [0, 1) of the tile: see the class comment for the arguments. */
    public static void k1x16(int kc, float[] a, int aOff, int lda, float[] w, int wOff,
                       float[] c, int cOff, int ldc, boolean load) {
        FloatVector c00, c01;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + 8);
        } else {
            c00 = c01 = FloatVector.zero(S);
        }
        int a0 = aOff;
        for (int p = 0; p < kc; p++) {
            int wp = wOff + p * NR;
            FloatVector w0 = FloatVector.fromArray(S, w, wp);
            FloatVector w1 = FloatVector.fromArray(S, w, wp + 8);
            FloatVector av = FloatVector.broadcast(S, a[a0 + p]);
            c00 = w0.fma(av, c00);
            c01 = w1.fma(av, c01);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + 8);
    }
}
