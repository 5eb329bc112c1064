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

    /*
     * Pairs: the same arithmetic as sigmoidSum / tanhSum on two independent vectors, written interleaved. A
     * σ or tanh is one chain of ~25 dependent instructions; C2 emits them in source order, so two chains
     * side by side give the core two instructions to issue per step of the chain where a loop of single
     * calls left it to the reorder window. Bit-for-bit the same results (FastCellsTest). Measured on a
     * 6-row tile (16 lanes): σ 9.4–10.6 → 7.1–7.8 ns per vector, tanh 12.3–14.4 → 9.9–10.7 ns. Three or
     * four chains per method were 3× slower (C2 then kept vectors in memory).
     */

    /** g[p] = σ(g[p] + t[tp]) and g[q] = σ(g[q] + t[tq]) (one vector each, in place). */
    static void sigmoidPair(float[] g, int p, int q, float[] t, int tp, int tq) {
        FloatVector x = FloatVector.fromArray(S, g, p).add(FloatVector.fromArray(S, t, tp)).neg().min(HI).max(LO);
        FloatVector y = FloatVector.fromArray(S, g, q).add(FloatVector.fromArray(S, t, tq)).neg().min(HI).max(LO);
        FloatVector nx = x.fma(LOG2E, ROUNDER).sub(ROUNDER), ny = y.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector rx = nx.fma(LN2_HI.neg(), x), ry = ny.fma(LN2_HI.neg(), y);
        rx = nx.fma(LN2_LO.neg(), rx);
        ry = ny.fma(LN2_LO.neg(), ry);
        FloatVector px = rx.fma(P0, P1), py = ry.fma(P0, P1);
        px = px.fma(rx, P2);
        py = py.fma(ry, P2);
        px = px.fma(rx, P3);
        py = py.fma(ry, P3);
        px = px.fma(rx, P4);
        py = py.fma(ry, P4);
        px = px.fma(rx, P5);
        py = py.fma(ry, P5);
        IntVector ex = ((IntVector) nx.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        IntVector ey = ((IntVector) ny.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector fx = px.mul(rx.mul(rx)).add(rx).add(ONE).mul(ex.reinterpretAsFloats());
        FloatVector fy = py.mul(ry.mul(ry)).add(ry).add(ONE).mul(ey.reinterpretAsFloats());
        ONE.div(ONE.add(fx)).intoArray(g, p);
        ONE.div(ONE.add(fy)).intoArray(g, q);
    }

    /** dst[dp] = tanh(a[ap] + b[bp]) and dst[dq] = tanh(a[aq] + b[bq]); b = null for tanh(a). */
    static void tanhPair(float[] a, int ap, int aq, float[] b, int bp, int bq, float[] dst, int dp, int dq) {
        FloatVector x = FloatVector.fromArray(S, a, ap), w = FloatVector.fromArray(S, a, aq);
        if (b != null) {
            x = x.add(FloatVector.fromArray(S, b, bp));
            w = w.add(FloatVector.fromArray(S, b, bq));
        }
        FloatVector ax = x.abs(), aw = w.abs();
        FloatVector zx = x.mul(x), zw = w.mul(w);
        FloatVector sx = zx.fma(T0, T1).fma(zx, T2).fma(zx, T3).fma(zx, T4).mul(zx).fma(x, x);
        FloatVector sw = zw.fma(T0, T1).fma(zw, T2).fma(zw, T3).fma(zw, T4).mul(zw).fma(w, w);
        FloatVector yx = ax.add(ax).min(HI), yw = aw.add(aw).min(HI);
        FloatVector nx = yx.fma(LOG2E, ROUNDER).sub(ROUNDER), nw = yw.fma(LOG2E, ROUNDER).sub(ROUNDER);
        FloatVector rx = nx.fma(LN2_HI.neg(), yx), rw = nw.fma(LN2_HI.neg(), yw);
        rx = nx.fma(LN2_LO.neg(), rx);
        rw = nw.fma(LN2_LO.neg(), rw);
        FloatVector px = rx.fma(P0, P1), pw = rw.fma(P0, P1);
        px = px.fma(rx, P2);
        pw = pw.fma(rw, P2);
        px = px.fma(rx, P3);
        pw = pw.fma(rw, P3);
        px = px.fma(rx, P4);
        pw = pw.fma(rw, P4);
        px = px.fma(rx, P5);
        pw = pw.fma(rw, P5);
        IntVector ex = ((IntVector) nx.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        IntVector ew = ((IntVector) nw.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        FloatVector fx = px.mul(rx.mul(rx)).add(rx).add(ONE).mul(ex.reinterpretAsFloats());
        FloatVector fw = pw.mul(rw.mul(rw)).add(rw).add(ONE).mul(ew.reinterpretAsFloats());
        FloatVector bx = ONE.sub(TWO.div(fx.add(ONE))), bw = ONE.sub(TWO.div(fw.add(ONE)));
        bx = bx.blend(bx.neg(), x.compare(VectorOperators.LT, 0f));
        bw = bw.blend(bw.neg(), w.compare(VectorOperators.LT, 0f));
        bx.blend(sx, ax.compare(VectorOperators.LT, SMALL)).intoArray(dst, dp);
        bw.blend(sw, aw.compare(VectorOperators.LT, SMALL)).intoArray(dst, dq);
    }

    /**
     * g[gp[i] + off + v] = σ(g[..] + tile[i·tw + tOff + v]) for rows i &lt; rows and v over one 16-unit block,
     * two vectors at a time ({@link #sigmoidPair}).
     */
    static void sigmoidRows(float[] g, int[] gp, int rows, int off, float[] tile, int tOff, int tw) {
        int per = BLOCK / L, n = rows * per, k = 0;
        for (; k + 1 < n; k += 2) {
            int i = k / per, v = (k % per) * L, j = (k + 1) / per, u = ((k + 1) % per) * L;
            sigmoidPair(g, gp[i] + off + v, gp[j] + off + u, tile, i * tw + tOff + v, j * tw + tOff + u);
        }
        if (k < n) {
            int i = k / per, v = (k % per) * L;
            sigmoidSum(g, gp[i] + off + v, tile, i * tw + tOff + v, g, gp[i] + off + v);
        }
    }

    /** As {@link #sigmoidRows} with tanh. */
    static void tanhRows(float[] g, int[] gp, int rows, int off, float[] tile, int tOff, int tw) {
        int per = BLOCK / L, n = rows * per, k = 0;
        for (; k + 1 < n; k += 2) {
            int i = k / per, v = (k % per) * L, j = (k + 1) / per, u = ((k + 1) % per) * L;
            int p = gp[i] + off + v, q = gp[j] + off + u;
            tanhPair(g, p, q, tile, i * tw + tOff + v, j * tw + tOff + u, g, p, q);
        }
        if (k < n) {
            int i = k / per, v = (k % per) * L;
            tanhSum(g, gp[i] + off + v, tile, i * tw + tOff + v, g, gp[i] + off + v);
        }
    }

    /**
     * dst[dp[i] + v] = tanh(src[sp[i] + v]) for rows i &lt; rows and v over one 16-unit block, two vectors at
     * a time: tanh(c) of an LSTM tile.
     */
    static void tanhRowsOf(float[] src, int[] sp, float[] dst, int[] dp, int rows) {
        int per = BLOCK / L, n = rows * per, k = 0;
        for (; k + 1 < n; k += 2) {
            int i = k / per, v = (k % per) * L, j = (k + 1) / per, u = ((k + 1) % per) * L;
            tanhPair(src, sp[i] + v, sp[j] + u, null, 0, 0, dst, dp[i] + v, dp[j] + u);
        }
        if (k < n) {
            int i = k / per, v = (k % per) * L;
            tanhSum(src, sp[i] + v, null, 0, dst, dp[i] + v);
        }
    }

    static FloatVector load(float[] a, int off) { return FloatVector.fromArray(S, a, off); }

    static FloatVector one() { return ONE; }
}
