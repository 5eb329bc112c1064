package io.seqlearn.nn.rnn;

import io.seqlearn.backend.cpu.VectorWidth;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API (F32, 8 lanes, or 16 where {@link VectorWidth#WIDE}) math of the fast pointwise kernels, built
 * only from arithmetic the JIT turns into AVX2 / AVX-512 instructions (lane for lane the same at both
 * widths). Why not {@code lanewise(EXP)} / {@code lanewise(TANH)}: on the development
 * machine (JDK 25, AMD EPYC, AVX2) those are not intrinsified and fall back to per-lane Java with
 * allocation, 40–70 ns per element — slower than the whole recurrent GEMM.
 *
 * <p>exp follows Cephes {@code expf}: x = n·ln2 + r with the two-part ln2, a degree-5 polynomial on
 * |r| ≤ ln2/2, times 2ⁿ assembled in the exponent bits. tanh follows Cephes {@code tanhf}: an odd
 * polynomial for |x| &lt; 0.625, else 1 − 2/(e^{2|x|} + 1) with the sign restored. σ(x) = 1/(1 + e^{−x}).
 * Accuracy (tested in FastCellsTest against double-precision Math): exp within 2 ulp, tanh and σ within
 * 3e-7 absolute / 4 ulp.
 */
final class FastCells {
    static final VectorSpecies<Float> S = VectorWidth.F32;
    /** Lanes per vector: 8 or 16; a 16-unit panel block is {@code TileKernel.NR / L} vectors. */
    static final int L = S.length();
    /** Units per block of the recurrent tiles ({@link TileKernel#NR}). */
    private static final int BLOCK = TileKernel.NR;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector HI = FloatVector.broadcast(S, 88.3762626647949f);
    private static final FloatVector LO = FloatVector.broadcast(S, -87.3365478515625f);
    private static final FloatVector LOG2E = FloatVector.broadcast(S, 1.44269504088896341f);
    /** Adding and subtracting 1.5·2²³ rounds a float of magnitude &lt; 2²² to the nearest integer. */
    private static final FloatVector ROUNDER = FloatVector.broadcast(S, 12582912f);
    private static final FloatVector LN2_HI = FloatVector.broadcast(S, 0.693359375f);
    private static final FloatVector LN2_LO = FloatVector.broadcast(S, -2.12194440e-4f);
    private static final FloatVector P0 = FloatVector.broadcast(S, 1.9875691500e-4f);
    private static final FloatVector P1 = FloatVector.broadcast(S, 1.3981999507e-3f);
    private static final FloatVector P2 = FloatVector.broadcast(S, 8.3334519073e-3f);
    private static final FloatVector P3 = FloatVector.broadcast(S, 4.1665795894e-2f);
    private static final FloatVector P4 = FloatVector.broadcast(S, 1.6666665459e-1f);
    private static final FloatVector P5 = FloatVector.broadcast(S, 5.0000001201e-1f);
    private static final FloatVector T0 = FloatVector.broadcast(S, -5.70498872745e-3f);
    private static final FloatVector T1 = FloatVector.broadcast(S, 2.06390887954e-2f);
    private static final FloatVector T2 = FloatVector.broadcast(S, -5.37397155531e-2f);
    private static final FloatVector T3 = FloatVector.broadcast(S, 1.33314422036e-1f);
    private static final FloatVector T4 = FloatVector.broadcast(S, -3.33332819422e-1f);
    private static final FloatVector SMALL = FloatVector.broadcast(S, 0.625f);

    private FastCells() {}

    /*
     * Every entry point below reads and writes arrays and does all its vector work in its own body (the
     * exp polynomial is written out in each): a FloatVector passed to or returned from a call that C2 does
     * not inline is boxed on the heap, and these bodies are big enough to hit C2's inlining budgets.
     */

    /** dst[d..d+L) = e^{x} for x = src[s..s+L); inputs clamped to [−87.34, 88.38]. */
    static void exp(float[] src, int s, float[] dst, int d) {
        FloatVector x = FloatVector.fromArray(S, src, s).min(HI).max(LO);
        FloatVector n = x.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(LN2_HI.neg(), x);
        r = n.fma(LN2_LO.neg(), r);
        FloatVector p = r.fma(P0, P1).fma(r, P2).fma(r, P3).fma(r, P4).fma(r, P5);
        IntVector e = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        p.mul(r.mul(r)).add(r).add(ONE).mul(e.reinterpretAsFloats()).intoArray(dst, d);
    }

    /** dst[d..d+L) = σ(a[ao..] + b[bo..]) = 1/(1 + e^{−x}). */
    static void sigmoidSum(float[] a, int ao, float[] b, int bo, float[] dst, int d) {
        FloatVector x = FloatVector.fromArray(S, a, ao).add(FloatVector.fromArray(S, b, bo)).neg().min(HI).max(LO);
        FloatVector n = x.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(LN2_HI.neg(), x);
        r = n.fma(LN2_LO.neg(), r);
        FloatVector p = r.fma(P0, P1).fma(r, P2).fma(r, P3).fma(r, P4).fma(r, P5);
        IntVector e = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector ex = p.mul(r.mul(r)).add(r).add(ONE).mul(e.reinterpretAsFloats());
        ONE.div(ONE.add(ex)).intoArray(dst, d);
    }

    /** dst[d..d+L) = tanh(a[ao..] + b[bo..]); pass b = null for tanh(a). */
    static void tanhSum(float[] a, int ao, float[] b, int bo, float[] dst, int d) {
        FloatVector x = FloatVector.fromArray(S, a, ao);
        if (b != null) x = x.add(FloatVector.fromArray(S, b, bo));
        FloatVector ax = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(T0, T1).fma(z, T2).fma(z, T3).fma(z, T4).mul(z).fma(x, x);
        FloatVector y = ax.add(ax).min(HI);
        FloatVector n = y.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(LN2_HI.neg(), y);
        r = n.fma(LN2_LO.neg(), r);
        FloatVector p = r.fma(P0, P1).fma(r, P2).fma(r, P3).fma(r, P4).fma(r, P5);
        IntVector e = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector ex = p.mul(r.mul(r)).add(r).add(ONE).mul(e.reinterpretAsFloats());
        FloatVector big = ONE.sub(TWO.div(ex.add(ONE)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        big.blend(small, ax.compare(VectorOperators.LT, SMALL)).intoArray(dst, d);
    }

    /**
     * g[gp[i] + off + v] = σ(g[..] + tile[i·tw + tOff + v]) for rows i &lt; rows and v over one 16-unit block:
     * independent iterations the core can overlap (see FastDirectionForward.lstmTile).
     */
    static void sigmoidRows(float[] g, int[] gp, int rows, int off, float[] tile, int tOff, int tw) {
        for (int i = 0; i < rows; i++) {
            for (int v = 0; v < BLOCK; v += L) sigmoidSum(g, gp[i] + off + v, tile, i * tw + tOff + v, g, gp[i] + off + v);
        }
    }

    /** As {@link #sigmoidRows} with tanh. */
    static void tanhRows(float[] g, int[] gp, int rows, int off, float[] tile, int tOff, int tw) {
        for (int i = 0; i < rows; i++) {
            for (int v = 0; v < BLOCK; v += L) tanhSum(g, gp[i] + off + v, tile, i * tw + tOff + v, g, gp[i] + off + v);
        }
    }

    static FloatVector load(float[] a, int off) { return FloatVector.fromArray(S, a, off); }

    static FloatVector one() { return ONE; }
}
