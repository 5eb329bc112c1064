package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
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
            erfc = t.mul(z1.mul(z1).neg().lanewise(VectorOperators.EXP)).mul(rest.lanewise(VectorOperators.EXP));
        } else {
            erfc = t.mul(g.sub(z.mul(z)).lanewise(VectorOperators.EXP));
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

    /** Clenshaw's recurrence for Σ G[j] T_j(u), j < terms. */
    private static DoubleVector chebyshev(DoubleVector u, int terms) {
        DoubleVector u2 = u.add(u);
        DoubleVector b1 = DoubleVector.zero(u.species()), b2 = b1;
        for (int j = terms - 1; j >= 1; j--) {
            DoubleVector b0 = u2.fma(b1, b2.neg().add(G[j]));
            b2 = b1;
            b1 = b0;
        }
        return u.fma(b1, b2.neg().add(G[0]));
    }
}
