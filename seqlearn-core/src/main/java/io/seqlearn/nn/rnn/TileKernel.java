package io.seqlearn.nn.rnn;

import io.seqlearn.backend.cpu.PackedKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernels of the fast recurrent path: {@code C[r, 0..16) = Σ_q A[r, q] · P[q, 0..16)} with P
 * a packed panel (K rows of 16 contiguous floats, see {@link PackedWeights}). Blocks of rows go to the
 * backend's register-blocked kernels ({@link PackedKernels}: 6 × 16 and smaller); a lone row (batch-1
 * inference, a batch's last row) takes several gates' panels in one pass here. The panels are packed once
 * per forward, so no per-step packing of W_hh as an OpenBLAS call would do.
 */
final class TileKernel {
    static final int NR = PackedKernels.NR;
    /** Rows per tile: the register-blocked kernel's height (8 with 512-bit registers, else 6). */
    static final int MR = io.seqlearn.backend.cpu.VectorWidth.WIDE ? 8 : 6;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private TileKernel() {}

    /** C rows [0, rows) at {@code cOff} (row stride ldc) = A rows at {@code aOff} (stride lda) · panel. */
    static void tile(int rows, float[] a, int aOff, int lda, float[] p, int pOff, int k, float[] c, int cOff, int ldc) {
        PackedKernels.tile(rows, k, a, aOff, lda, p, pOff, c, cOff, ldc);
    }

    /**
     * {@link #tile} for two panels into two C column blocks; a full tile of {@link #MR} rows with 512-bit
     * registers takes both panels in one pass ({@link PackedKernels#k8x16x2w}), with the same bits.
     */
    static void tilePair(int rows, float[] a, int aOff, int lda, float[] p, int pOff0, int pOff1, int k,
                         float[] c, int cOff0, int cOff1, int ldc) {
        if (rows == 8 && io.seqlearn.backend.cpu.VectorWidth.WIDE) {
            PackedKernels.k8x16x2w(k, a, aOff, lda, p, pOff0, pOff1, c, cOff0, cOff1, ldc);
        } else {
            PackedKernels.tile(rows, k, a, aOff, lda, p, pOff0, c, cOff0, ldc);
            PackedKernels.tile(rows, k, a, aOff, lda, p, pOff1, c, cOff1, ldc);
        }
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
}
