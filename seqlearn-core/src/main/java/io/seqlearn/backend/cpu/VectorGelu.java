package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Exact GELU, {@code gelu(x) = x Φ(x) = ½ x (1 + erf(x/√2))} (PyTorch {@code approximate='none'}), on double
 * lanes. The Vector API has no erf, so we use the complementary function, which also removes the
 * cancellation of {@code 1 + erf} for negative x: with {@code z = |x|/√2},
 * <pre>  gelu(x) = x − ½ x erfc(z)   (x ≥ 0),     gelu(x) = ½ x erfc(z)   (x &lt; 0)</pre>
 * and {@code erfc(z) = t · exp(−z² + g(t))} with {@code t = 2/(2+z)}, where the smooth
 * {@code g(t) = log(erfc(z) e^{z²} / t)} is a Chebyshev series on {@code t ∈ [2/29, 1]} (z ≤ 27, past which
 * erfc underflows). The coefficients were fitted at 50 digits with mpmath by
 * {@code docs/kernels/fit_erfc.py}; 30 terms reach double precision, 15 terms 3e-11 (plenty for float).
 *
 * <p>For double results, {@code exp(−z²)} is split as {@code exp(−z₁²)·exp((z₁−z)(z₁+z) + g)} with z₁ = z
 * rounded to 26 bits, so z₁² is exact and the large argument carries no rounding error (the trick of
 * FDLIBM's erfc). Float results do not need it.
 */
final class VectorGelu {
    private static final double SQRT2 = Math.sqrt(2.0); // same rounding as the reference's x / Math.sqrt(2.0)
    private static final double T_LO = 2.0 / 29.0;
    private static final double U_SCALE = 2.0 / (1.0 - T_LO);
    private static final double U_SHIFT = (1.0 + T_LO) / (1.0 - T_LO);
    private static final long HIGH_26_BITS = 0xFFFFFFFFF8000000L;
    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D256 = DoubleVector.SPECIES_256;

    /** Chebyshev coefficients of g(u), u = (2t − (1 + 2/29)) / (1 − 2/29) ∈ [−1, 1]. */
    private static final double[] G = {
            -0.6107401523665623, 0.6053584463434446, 0.013897604733136882, -0.008264970081573859,
            -0.0005419707831843666, 0.0002885732989564137, 1.5644867979424932e-05, -1.3803272977493721e-05,
            -4.201553336550956e-09, 7.160979147372823e-07, -5.773887132809878e-08, -3.4360012150176435e-08,
            6.758373460891226e-09, 1.2157203904822408e-09, -5.347830733319805e-10, -2.1216282970843773e-12,
            3.115547558594e-11, -4.3065328406799665e-12, -1.1301154020826776e-12, 4.1786520617828856e-13,
            -5.704280895536439e-15, -2.155365214613606e-14, 4.128737251272877e-15, 3.2149086534379176e-16,
            -2.6516337783118894e-16, 4.169772082261105e-17, 2.2403874920069917e-18, -2.609230120345945e-18,
            7.439265050042847e-19, -1.00208176980816e-19,
    };
    static final int TERMS_F64 = 30;
    static final int TERMS_F32 = 15;

    private VectorGelu() {}

    /** GELU of each lane; {@code forDouble} selects the full-precision variant (30 terms, split square). */
    static DoubleVector gelu(DoubleVector x, boolean forDouble) {
        DoubleVector zRaw = x.abs().div(SQRT2);
        DoubleVector z = zRaw.min(27.0);
        DoubleVector t = DoubleVector.broadcast(x.species(), 2.0).div(z.add(2.0));
        DoubleVector u = t.mul(U_SCALE).sub(U_SHIFT);
        DoubleVector g = chebyshev(u, forDouble ? TERMS_F64 : TERMS_F32);
        DoubleVector erfc;
        if (forDouble) {
            DoubleVector z1 = z.reinterpretAsLongs().and(HIGH_26_BITS).reinterpretAsDoubles();
            DoubleVector rest = z1.sub(z).mul(z1.add(z)).add(g);
            erfc = t.mul(VectorMath.exp(z1.mul(z1).neg())).mul(VectorMath.exp(rest));
        } else {
            erfc = t.mul(VectorMath.exp(g.sub(z.mul(z))));
        }
        // erfc(27) < 1e-317: call it 0, as the reference's erf does past |z| = 6, so that x = −∞ gives
        // −∞·0 = NaN like the reference (and PyTorch) instead of −∞·tiny.
        erfc = erfc.blend(DoubleVector.zero(x.species()), zRaw.compare(VectorOperators.GE, 27.0));
        DoubleVector half = x.mul(0.5).mul(erfc);
        VectorMask<Double> nonNegative = x.compare(VectorOperators.GE, 0.0);
        DoubleVector y = half.blend(x.sub(half), nonNegative);
        // x = +inf: erfc underflows to 0 and inf·0 is NaN; the exact value is +inf.
        return y.blend(x, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    }

    /**
     * {@link #gelu} for floats (15 terms, one exp), written out in one method: called per vector, gelu()
     * gets compiled on its own first, and C2 then refuses to inline the "already compiled big method", so
     * every vector crossing the call was boxed (28 instead of ~8 ns per element). Same operations, same
     * results as {@code gelu(x, false)}; the last {@code n mod 4} elements are left to the caller.
     */
    static int geluF32(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = F128.loopBound(n); i < bound; i += F128.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(F128, x, xo + i).convertShape(VectorOperators.F2D, D256, 0);
            DoubleVector zRaw = v.abs().div(SQRT2);
            DoubleVector z = zRaw.min(27.0);
            DoubleVector t = DoubleVector.broadcast(D256, 2.0).div(z.add(2.0));
            DoubleVector u = t.mul(U_SCALE).sub(U_SHIFT);
            // chebyshev(u, TERMS_F32), even and odd halves side by side
            DoubleVector w = u.mul(u).mul(2.0).sub(1.0), w2 = w.add(w);
            DoubleVector e1 = DoubleVector.zero(D256), e2 = e1, o1 = e1, o2 = e1;
            for (int j = EVEN_F32.length - 1; j >= 1; j--) {
                DoubleVector e0 = w2.fma(e1, e2.neg().add(EVEN_F32[j]));
                DoubleVector o0 = w2.fma(o1, o2.neg().add(ODD_F32[j]));
                e2 = e1;
                e1 = e0;
                o2 = o1;
                o1 = o0;
            }
            DoubleVector g = u.fma(w2.fma(o1, o2.neg().add(ODD_F32[0])), w.fma(e1, e2.neg().add(EVEN_F32[0])));
            // VectorMath.exp(g − z²)
            DoubleVector a = g.sub(z.mul(z)).max(-746.0).min(710.0);
            DoubleVector nn = a.mul(VectorMath.D_LOG2E).add(VectorMath.D_ROUND).sub(VectorMath.D_ROUND);
            DoubleVector r = nn.mul(-VectorMath.D_LN2_HI).add(a).add(nn.mul(-VectorMath.D_LN2_LO));
            double[] c = VectorMath.D_INV_FACT;
            DoubleVector p = DoubleVector.broadcast(D256, c[c.length - 1]);
            for (int k = c.length - 2; k >= 0; k--) p = p.fma(r, DoubleVector.broadcast(D256, c[k]));
            DoubleVector halfN = nn.mul(0.5).add(VectorMath.D_ROUND).sub(VectorMath.D_ROUND), restN = nn.sub(halfN);
            DoubleVector s1 = halfN.add(VectorMath.D_ROUND).reinterpretAsLongs().sub(VectorMath.D_ROUND_BITS)
                    .add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = restN.add(VectorMath.D_ROUND).reinterpretAsLongs().sub(VectorMath.D_ROUND_BITS)
                    .add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector erfc = t.mul(p.mul(s1).mul(s2));
            // as in gelu()
            erfc = erfc.blend(DoubleVector.zero(D256), zRaw.compare(VectorOperators.GE, 27.0));
            DoubleVector half = v.mul(0.5).mul(erfc);
            DoubleVector out = half.blend(v.sub(half), v.compare(VectorOperators.GE, 0.0));
            out = out.blend(v, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
            ((FloatVector) out.convertShape(VectorOperators.D2F, F128, 0)).intoArray(y, yo + i);
        }
        return i;
    }

    /**
     * Σ G[j] T_j(u) for j &lt; terms, split into its even and odd halves so the two Clenshaw recurrences
     * run side by side (one long serial chain of fused multiply-adds was the kernel's bottleneck). With
     * w = 2u² − 1: T_2j(u) = T_j(w) and T_2j+1(u) = u (U_j(w) − U_j−1(w)), so the odd half is
     * {@code u Σ D_j U_j(w)} with D_j = G[2j+1] − G[2j+3].
     */
    private static DoubleVector chebyshev(DoubleVector u, int terms) {
        double[] even = terms == TERMS_F64 ? EVEN_F64 : EVEN_F32, odd = terms == TERMS_F64 ? ODD_F64 : ODD_F32;
        DoubleVector w = u.mul(u).mul(2.0).sub(1.0);
        DoubleVector w2 = w.add(w);
        DoubleVector e1 = DoubleVector.zero(u.species()), e2 = e1, o1 = e1, o2 = e1;
        for (int j = even.length - 1; j >= 1; j--) {
            DoubleVector e0 = w2.fma(e1, e2.neg().add(even[j]));
            DoubleVector o0 = w2.fma(o1, o2.neg().add(odd[j]));
            e2 = e1;
            e1 = e0;
            o2 = o1;
            o1 = o0;
        }
        DoubleVector evenSum = w.fma(e1, e2.neg().add(even[0]));
        DoubleVector oddSum = w2.fma(o1, o2.neg().add(odd[0]));
        return u.fma(oddSum, evenSum);
    }

    private static final double[] EVEN_F32 = evenHalf(TERMS_F32), ODD_F32 = oddHalf(TERMS_F32);
    private static final double[] EVEN_F64 = evenHalf(TERMS_F64), ODD_F64 = oddHalf(TERMS_F64);

    /** G[0], G[2], … below {@code terms}, (ceil(terms / 2) of them). */
    private static double[] evenHalf(int terms) {
        double[] e = new double[(terms + 1) / 2];
        for (int j = 0; 2 * j < terms; j++) e[j] = G[2 * j];
        return e;
    }

    /** D_j = G[2j+1] − G[2j+3] (terms past {@code terms} count as 0), same length as the even half. */
    private static double[] oddHalf(int terms) {
        double[] d = new double[(terms + 1) / 2];
        for (int j = 0; j < d.length; j++) d[j] = coefficient(2 * j + 1, terms) - coefficient(2 * j + 3, terms);
        return d;
    }

    private static double coefficient(int j, int terms) { return j < terms ? G[j] : 0; }
}
