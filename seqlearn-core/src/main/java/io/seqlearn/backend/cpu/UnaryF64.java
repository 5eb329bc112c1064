package io.seqlearn.backend.cpu;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.SQRT;

import io.seqlearn.backend.UnaryOp;
import io.seqlearn.backend.ref.Scalar;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision twin of {@link UnaryF32}, with the same formulas and the same accuracy statement in
 * units of double ulps, except: TANH_GRAD_FROM_Y and SIGMOID_GRAD_FROM_Y use the reference's own two
 * operations (exact parity), and GELU uses {@link VectorGelu}'s full-precision variant.
 */
final class UnaryF64 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UnaryF64() {}

    static void apply(UnaryOp op, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = switch (op) {
            case NEG -> neg(x, xOff, y, yOff, n);
            case EXP -> exp(x, xOff, y, yOff, n);
            case LOG -> log(x, xOff, y, yOff, n);
            case TANH -> tanh(x, xOff, y, yOff, n);
            case SIGMOID -> sigmoid(x, xOff, y, yOff, n);
            case RELU -> relu(x, xOff, y, yOff, n);
            case SQRT -> sqrt(x, xOff, y, yOff, n);
            case ABS -> abs(x, xOff, y, yOff, n);
            case SQUARE -> square(x, xOff, y, yOff, n);
            case RECIPROCAL -> reciprocal(x, xOff, y, yOff, n);
            case GELU -> gelu(x, xOff, y, yOff, n);
            case TANH_GRAD_FROM_Y -> tanhGrad(x, xOff, y, yOff, n);
            case SIGMOID_GRAD_FROM_Y -> sigmoidGrad(x, xOff, y, yOff, n);
        };
        for (; i < n; i++) y[yOff + i] = Scalar.unary(op, x[xOff + i]);
    }

    private static DoubleVector load(double[] x, int off) { return DoubleVector.fromArray(S, x, off); }

    private static int neg(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).neg().intoArray(y, yo + i);
        return i;
    }

    private static int exp(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.exp(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    private static int log(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.log(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    private static int tanh(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.tanh(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    /** Stable logistic: e = exp(−|x|) never overflows; x ≥ 0 gives 1/(1+e), x &lt; 0 gives e/(1+e). */
    private static int sigmoid(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int b = S.loopBound(n); i < b; i += L) {
            DoubleVector v = load(x, xo + i);
            DoubleVector e = VectorMath.exp(v.abs().neg());
            e.blend(one, v.compare(GE, 0.0)).div(e.add(1.0)).intoArray(y, yo + i);
        }
        return i;
    }

    /** x &gt; 0 ? x : 0, so NaN and −0 give +0 as in the reference. */
    private static int relu(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            DoubleVector v = load(x, xo + i);
            zero.blend(v, v.compare(GT, 0.0)).intoArray(y, yo + i);
        }
        return i;
    }

    private static int sqrt(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).lanewise(SQRT).intoArray(y, yo + i);
        return i;
    }

    private static int abs(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).abs().intoArray(y, yo + i);
        return i;
    }

    private static int square(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            DoubleVector v = load(x, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
        return i;
    }

    private static int reciprocal(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int b = S.loopBound(n); i < b; i += L) one.div(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    /** 1 − y·y, the reference's own operations (so equal to it bit for bit). */
    private static int tanhGrad(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int b = S.loopBound(n); i < b; i += L) {
            DoubleVector v = load(x, xo + i);
            one.sub(v.mul(v)).intoArray(y, yo + i);
        }
        return i;
    }

    /** y·(1 − y), the reference's own operations. */
    private static int sigmoidGrad(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int b = S.loopBound(n); i < b; i += L) {
            DoubleVector v = load(x, xo + i);
            v.mul(one.sub(v)).intoArray(y, yo + i);
        }
        return i;
    }

    private static int gelu(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorGelu.gelu(load(x, xo + i), true).intoArray(y, yo + i);
        return i;
    }
}
