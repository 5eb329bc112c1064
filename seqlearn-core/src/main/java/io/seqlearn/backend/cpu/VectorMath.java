package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, log and tanh on vector lanes, built only from IEEE operations (add, mul, fma, div, bit moves).
 *
 * <p>Why not {@code lanewise(EXP)} etc.: the JDK computes those with a native math library once C2 has
 * compiled the loop, but per lane with {@code Math.exp} before that, and the two differ in the last bit
 * for a few percent of inputs. The same call would then give different results depending on JIT timing,
 * and a training run would not reproduce bit for bit. IEEE operations round the same way in the
 * interpreter and in compiled code, so these kernels are deterministic.
 *
 * <p>Methods (textbook range reductions, Taylor coefficients 1/k!, 1/(2k+1)):
 * <ul>
 *   <li>exp(x) = 2ⁿ · exp(r), n = round(x/ln2), r = x − n·ln2 (ln2 split in two so n·ln2_hi is exact),
 *       |r| ≤ ln2/2, exp(r) by Taylor to degree 7 (float) or 13 (double); 2ⁿ applied as two factors so
 *       overflow and gradual underflow come out right.</li>
 *   <li>expm1 likewise, with expm1(r) = r + r²/2 + …, so small arguments keep full relative accuracy;
 *       tanh(x) = sign(x) · e/(e+2), e = expm1(2|x|).</li>
 *   <li>log(x) = e·ln2 + 2 atanh(s), x = 2ᵉ m with m ∈ [√½, √2), s = (m−1)/(m+1), |s| ≤ 0.172.</li>
 * </ul>
 * Accuracy against the correctly rounded value: within 2 ulp (float) and 2 ulp (double) on the tests'
 * inputs, tanh within 3; see CpuBackendUnaryTest.
 */
final class VectorMath {
    private static final float F_LOG2E = 1.44269504f;
    private static final float F_LN2_HI = 0.693359375f;       // 355/512: n·F_LN2_HI is exact for |n| < 2^15
    private static final float F_LN2_LO = -2.12194442e-4f;    // ln2 − F_LN2_HI
    private static final float F_ROUND = 12582912f;           // 1.5·2^23: x + F_ROUND − F_ROUND rounds to an int
    static final double D_LOG2E = 1.4426950408889634;
    static final double D_LN2_HI = 0.6931471803691238;      // ln2 with a 31-bit mantissa
    static final double D_LN2_LO = 1.9082149292705877e-10;  // ln2 − D_LN2_HI (from mpmath)
    static final double D_ROUND = 6755399441055744.0;       // 1.5·2^52
    static final long D_ROUND_BITS = Double.doubleToRawLongBits(D_ROUND);
    private static final double TWO_52 = 4503599627370496.0;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(TWO_52);

    private static final float[] F_INV_FACT = inverseFactorialsF(7);
    static final double[] D_INV_FACT = inverseFactorials(13);
    private static final float[] F_ATANH = inverseOddF(6);
    private static final double[] D_ATANH = inverseOdd(12);

    private VectorMath() {}

    // ---------------------------------------------------------------- float

    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(-104f).min(89f);
        FloatVector n = xc.mul(F_LOG2E).add(F_ROUND).sub(F_ROUND);
        FloatVector r = n.mul(-F_LN2_HI).add(xc).add(n.mul(-F_LN2_LO));
        FloatVector p = horner(r, F_INV_FACT, 0);
        return scale(p, n);
    }

    /** expm1 for x in [0, 40] (all tanh needs). */
    static FloatVector expm1NonNegative(FloatVector x) {
        FloatVector n = x.mul(F_LOG2E).add(F_ROUND).sub(F_ROUND);
        FloatVector r = n.mul(-F_LN2_HI).add(x).add(n.mul(-F_LN2_LO));
        FloatVector q = horner(r, F_INV_FACT, 1).mul(r);           // expm1(r)
        FloatVector twoN = scale(FloatVector.broadcast(x.species(), 1f), n);
        return q.fma(twoN, twoN.sub(1f));                            // 2ⁿ·expm1(r) + (2ⁿ − 1)
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs().min(9.5f);                           // tanh(9.5) rounds to 1 in float
        FloatVector e = expm1NonNegative(a.add(a));
        FloatVector t = e.div(e.add(2f));
        return withSignOf(t, x);
    }

    static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(8388608f), tiny);             // subnormals: × 2^23
        IntVector bits = xs.reinterpretAsInts();
        IntVector exponent = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(127);
        FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats();
        VectorMask<Float> big = m.compare(VectorOperators.GT, 1.41421356f);
        m = m.blend(m.mul(0.5f), big);
        FloatVector e = (FloatVector) exponent.convert(VectorOperators.I2F, 0);
        e = e.add(FloatVector.zero(x.species()).blend(1f, big)).sub(FloatVector.zero(x.species()).blend(23f, tiny));
        FloatVector s = m.sub(1f).div(m.add(1f));
        FloatVector logM = horner(s.mul(s), F_ATANH, 0).mul(s.add(s));
        FloatVector y = e.mul(F_LN2_HI).add(e.mul(F_LN2_LO).add(logM));
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        y = y.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.test(VectorOperators.IS_NAN)));
        return y.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }

    /** p·2ⁿ for integer-valued n in [−150, 128], as two factors 2^⌊n/2⌋·2^(n−⌊n/2⌋), each a normal float. */
    private static FloatVector scale(FloatVector p, FloatVector n) {
        IntVector ni = n.add(F_ROUND).reinterpretAsInts().sub(Float.floatToRawIntBits(F_ROUND));
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1), n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** Σ c[k] x^(k−from) for k ≥ from, by Horner. */
    private static FloatVector horner(FloatVector x, float[] c, int from) {
        FloatVector acc = FloatVector.broadcast(x.species(), c[c.length - 1]);
        for (int k = c.length - 2; k >= from; k--) acc = acc.fma(x, FloatVector.broadcast(x.species(), c[k]));
        return acc;
    }

    private static FloatVector withSignOf(FloatVector magnitude, FloatVector sign) {
        IntVector s = sign.reinterpretAsInts().and(0x80000000);
        return magnitude.reinterpretAsInts().or(s).reinterpretAsFloats();
    }

    // ---------------------------------------------------------------- double

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-746.0).min(710.0);
        DoubleVector n = xc.mul(D_LOG2E).add(D_ROUND).sub(D_ROUND);
        DoubleVector r = n.mul(-D_LN2_HI).add(xc).add(n.mul(-D_LN2_LO));
        DoubleVector p = horner(r, D_INV_FACT, 0);
        return scale(p, n);
    }

    /** expm1 for x in [0, 40]. */
    static DoubleVector expm1NonNegative(DoubleVector x) {
        DoubleVector n = x.mul(D_LOG2E).add(D_ROUND).sub(D_ROUND);
        DoubleVector r = n.mul(-D_LN2_HI).add(x).add(n.mul(-D_LN2_LO));
        DoubleVector q = horner(r, D_INV_FACT, 1).mul(r);
        DoubleVector twoN = scale(DoubleVector.broadcast(x.species(), 1.0), n);
        return q.fma(twoN, twoN.sub(1.0));
    }

    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs().min(19.5);                          // tanh(19.5) rounds to 1 in double
        DoubleVector e = expm1NonNegative(a.add(a));
        DoubleVector t = e.div(e.add(2.0));
        LongVector s = x.reinterpretAsLongs().and(Long.MIN_VALUE);
        return t.reinterpretAsLongs().or(s).reinterpretAsDoubles();
    }

    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> tiny = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(18014398509481984.0), tiny);  // subnormals: × 2^54
        LongVector bits = xs.reinterpretAsLongs();
        // the biased exponent as a double, without a long→double conversion (none on AVX2): 2^52 + E − 2^52
        DoubleVector biased = bits.lanewise(VectorOperators.LSHR, 52).and(0x7ffL).or(TWO_52_BITS)
                .reinterpretAsDoubles().sub(TWO_52);
        DoubleVector m = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> big = m.compare(VectorOperators.GT, 1.4142135623730951);
        m = m.blend(m.mul(0.5), big);
        DoubleVector zero = DoubleVector.zero(x.species());
        DoubleVector e = biased.sub(1023.0).add(zero.blend(1.0, big)).sub(zero.blend(54.0, tiny));
        DoubleVector s = m.sub(1.0).div(m.add(1.0));
        DoubleVector logM = horner(s.mul(s), D_ATANH, 0).mul(s.add(s));
        DoubleVector y = e.mul(D_LN2_HI).add(e.mul(D_LN2_LO).add(logM));
        y = y.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
        y = y.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0).or(x.test(VectorOperators.IS_NAN)));
        return y.blend(x, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
    }

    /** p·2ⁿ for integer-valued n in [−1077, 1025], as two normal factors (no 64-bit arithmetic shift on AVX2). */
    private static DoubleVector scale(DoubleVector p, DoubleVector n) {
        DoubleVector half = n.mul(0.5).add(D_ROUND).sub(D_ROUND);   // round(n/2), exact
        DoubleVector rest = n.sub(half);
        return p.mul(powerOfTwo(half)).mul(powerOfTwo(rest));
    }

    /** 2^k for an integer-valued k in [−1022, 1023]. */
    private static DoubleVector powerOfTwo(DoubleVector k) {
        LongVector ki = k.add(D_ROUND).reinterpretAsLongs().sub(D_ROUND_BITS);
        return ki.add(1023L).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
    }

    private static DoubleVector horner(DoubleVector x, double[] c, int from) {
        DoubleVector acc = DoubleVector.broadcast(x.species(), c[c.length - 1]);
        for (int k = c.length - 2; k >= from; k--) acc = acc.fma(x, DoubleVector.broadcast(x.species(), c[k]));
        return acc;
    }

    // ---------------------------------------------------------------- coefficients

    private static double[] inverseFactorials(int degree) {
        double[] c = new double[degree + 1];
        double f = 1;
        for (int k = 0; k <= degree; k++) {
            if (k > 0) f *= k;
            c[k] = 1 / f;
        }
        return c;
    }

    private static float[] inverseFactorialsF(int degree) {
        double[] d = inverseFactorials(degree);
        float[] c = new float[d.length];
        for (int k = 0; k < d.length; k++) c[k] = (float) d[k];
        return c;
    }

    /** 1, 1/3, 1/5, …: atanh(s)/s = Σ s^(2k) / (2k+1). */
    private static double[] inverseOdd(int terms) {
        double[] c = new double[terms];
        for (int k = 0; k < terms; k++) c[k] = 1.0 / (2 * k + 1);
        return c;
    }

    private static float[] inverseOddF(int terms) {
        float[] c = new float[terms];
        for (int k = 0; k < terms; k++) c[k] = (float) (1.0 / (2 * k + 1));
        return c;
    }
}
