package io.seqlearn.nn.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernel of the fast recurrent path: {@code C[r, 0..16) = Σ_q A[r, q] · P[q, 0..16)} for up
 * to six rows r, with P a packed panel (K rows of 16 contiguous floats, see {@link PackedWeights}). Six rows
 * by two 8-float vectors keep twelve accumulators in AVX2's sixteen registers; each step of q loads the
 * panel row once and broadcasts six A values (the classic 6×16 register block of BLIS/OpenBLAS kernels).
 * Measured on the development machine: on par with single-threaded OpenBLAS for (64 × 256)·(256 × 1024),
 * without OpenBLAS's per-call packing of W (the panels are packed once per forward).
 */
final class TileKernel {
    static final int NR = 16;
    static final int MR = 6;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private TileKernel() {}

    /** C rows [0, rows) at {@code cOff} (row stride ldc) = A rows at {@code aOff} (stride lda) · panel. */
    static void tile(int rows, float[] a, int aOff, int lda, float[] p, int pOff, int k, float[] c, int cOff, int ldc) {
        if (rows == MR) {
            six(a, aOff, lda, p, pOff, k, c, cOff, ldc);
            return;
        }
        int r = 0;
        for (; r + 2 <= rows; r += 2) two(a, aOff + r * lda, lda, p, pOff, k, c, cOff + r * ldc, ldc);
        if (r < rows) one(a, aOff + r * lda, p, pOff, k, c, cOff + r * ldc);
    }

    /**
     * One row of A against two panels (two gates of a cell) at once: a lone row against one panel has only
     * two accumulator chains, so it waits on FMA latency; four chains keep the FMA units busy. Each element
     * still sums over q in order, so results equal {@link #tile}'s bit for bit.
     */
    static void rowTwoPanels(float[] a, int aOff, float[] p, int pOff0, int pOff1, int k,
                             float[] c, int cOff0, int cOff1) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, d0 = c0, d1 = c0;
        for (int q = 0; q < k; q++) {
            int o = pOff0 + q * NR, u = pOff1 + q * NR;
            FloatVector x = FloatVector.broadcast(S, a[aOff + q]);
            c0 = x.fma(FloatVector.fromArray(S, p, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, p, o + 8), c1);
            d0 = x.fma(FloatVector.fromArray(S, p, u), d0);
            d1 = x.fma(FloatVector.fromArray(S, p, u + 8), d1);
        }
        c0.intoArray(c, cOff0);
        c1.intoArray(c, cOff0 + 8);
        d0.intoArray(c, cOff1);
        d1.intoArray(c, cOff1 + 8);
    }

    /** One row against four panels (an LSTM's four gates): eight accumulator chains, see {@link #rowTwoPanels}. */
    static void rowFourPanels(float[] a, int aOff, float[] p, int pOff0, int pOff1, int pOff2, int pOff3, int k,
                              float[] c, int cOff0, int cOff1, int cOff2, int cOff3) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, d0 = c0, d1 = c0, e0 = c0, e1 = c0, f0 = c0, f1 = c0;
        for (int q = 0; q < k; q++) {
            int o = pOff0 + q * NR, u = pOff1 + q * NR, v = pOff2 + q * NR, w = pOff3 + q * NR;
            FloatVector x = FloatVector.broadcast(S, a[aOff + q]);
            c0 = x.fma(FloatVector.fromArray(S, p, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, p, o + 8), c1);
            d0 = x.fma(FloatVector.fromArray(S, p, u), d0);
            d1 = x.fma(FloatVector.fromArray(S, p, u + 8), d1);
            e0 = x.fma(FloatVector.fromArray(S, p, v), e0);
            e1 = x.fma(FloatVector.fromArray(S, p, v + 8), e1);
            f0 = x.fma(FloatVector.fromArray(S, p, w), f0);
            f1 = x.fma(FloatVector.fromArray(S, p, w + 8), f1);
        }
        c0.intoArray(c, cOff0);
        c1.intoArray(c, cOff0 + 8);
        d0.intoArray(c, cOff1);
        d1.intoArray(c, cOff1 + 8);
        e0.intoArray(c, cOff2);
        e1.intoArray(c, cOff2 + 8);
        f0.intoArray(c, cOff3);
        f1.intoArray(c, cOff3 + 8);
    }

    /** Two rows against one panel: four accumulator chains (see {@link #rowTwoPanels}); same sums as {@link #six}. */
    private static void two(float[] a, int aOff, int lda, float[] p, int pOff, int k, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        int a1 = aOff + lda;
        for (int q = 0; q < k; q++) {
            int o = pOff + q * NR;
            FloatVector b0 = FloatVector.fromArray(S, p, o), b1 = FloatVector.fromArray(S, p, o + 8);
            FloatVector x = FloatVector.broadcast(S, a[aOff + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + 8);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + 8);
    }

    private static void six(float[] a, int aOff, int lda, float[] p, int pOff, int k, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int q = 0; q < k; q++) {
            int o = pOff + q * NR;
            FloatVector b0 = FloatVector.fromArray(S, p, o), b1 = FloatVector.fromArray(S, p, o + 8);
            FloatVector x = FloatVector.broadcast(S, a[a0 + q]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + q]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + q]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + q]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + q]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + q]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
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

    private static void one(float[] a, int aOff, float[] p, int pOff, int k, float[] c, int cOff) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0;
        for (int q = 0; q < k; q++) {
            int o = pOff + q * NR;
            FloatVector x = FloatVector.broadcast(S, a[aOff + q]);
            c0 = x.fma(FloatVector.fromArray(S, p, o), c0);
            c1 = x.fma(FloatVector.fromArray(S, p, o + 8), c1);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + 8);
    }
}
