package io.seqlearn.backend.cpu;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.SQRT;

import io.seqlearn.backend.UnaryOp;
import io.seqlearn.backend.ref.Scalar;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision unary kernels, one vector loop per op (a shared loop taking a lambda would not inline
 * and would box every vector). The last {@code n mod lanes} elements go through {@link Scalar}.
 *
 * <p>Accuracy against {@link Scalar} rounded to float: NEG, ABS, RELU, SQUARE, SQRT, RECIPROCAL exact;
 * TANH_GRAD_FROM_Y is one fused multiply-add (correctly rounded; the reference, rounded twice, may differ
 * by 1 ulp), SIGMOID_GRAD_FROM_Y two float operations (within 2 ulp); EXP, LOG, TANH are {@link VectorMath}'s
 * (deterministic, within 2–3 ulp, see CpuBackendUnaryTest); SIGMOID = {@code e/(1+e)} or {@code 1/(1+e)} with
 * {@code e = exp(−|x|)} (within 2 ulp); GELU is computed on double lanes by {@link VectorGelu}.
 */
final class UnaryF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private UnaryF32() {}

    static void apply(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
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
        for (; i < n; i++) y[yOff + i] = (float) Scalar.unary(op, x[xOff + i]);
    }

    private static FloatVector load(float[] x, int off) { return FloatVector.fromArray(S, x, off); }

    private static int neg(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).neg().intoArray(y, yo + i);
        return i;
    }

    private static int exp(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.exp(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    private static int log(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.log(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    private static int tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) VectorMath.tanh(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    /** Stable logistic: e = exp(−|x|) never overflows; x ≥ 0 gives 1/(1+e), x &lt; 0 gives e/(1+e). */
    private static int sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = load(x, xo + i);
            FloatVector e = VectorMath.exp(v.abs().neg());
            e.blend(one, v.compare(GE, 0f)).div(e.add(1f)).intoArray(y, yo + i);
        }
        return i;
    }

    /** x &gt; 0 ? x : 0, so NaN and −0 give +0 as in the reference. */
    private static int relu(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = load(x, xo + i);
            zero.blend(v, v.compare(GT, 0f)).intoArray(y, yo + i);
        }
        return i;
    }

    private static int sqrt(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).lanewise(SQRT).intoArray(y, yo + i);
        return i;
    }

    private static int abs(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) load(x, xo + i).abs().intoArray(y, yo + i);
        return i;
    }

    private static int square(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = load(x, xo + i);
            v.mul(v).intoArray(y, yo + i);
        }
        return i;
    }

    private static int reciprocal(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int b = S.loopBound(n); i < b; i += L) one.div(load(x, xo + i)).intoArray(y, yo + i);
        return i;
    }

    /** 1 − y², as one fused multiply-add. */
    private static int tanhGrad(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = load(x, xo + i);
            v.neg().fma(v, one).intoArray(y, yo + i);
        }
        return i;
    }

    /** y (1 − y) as written (y − y² by fma would turn y = ∞ into NaN instead of −∞). */
    private static int sigmoidGrad(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int b = S.loopBound(n); i < b; i += L) {
            FloatVector v = load(x, xo + i);
            v.mul(one.sub(v)).intoArray(y, yo + i);
        }
        return i;
    }

    /** Four floats at a time widened to double lanes: float results come out correctly rounded. */
    private static int gelu(float[] x, int xo, float[] y, int yo, int n) {
        return VectorGelu.geluF32(x, xo, y, yo, n);
    }
}
