package io.seqlearn.backend.cpu;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.ref.Scalar;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision binary kernels, one vector loop per op; the last {@code n mod lanes} elements go
 * through {@link Scalar}. ADD, SUB, MUL, DIV, MAX, MIN equal the reference exactly (a float operation
 * rounds once; the reference's double result rounded to float is the same value). POW is
 * scalar Math.pow, equal to the reference.
 */
final class BinaryF32 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BinaryF32() {}

    static void apply(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        int i = switch (op) {
            case ADD -> add(a, aOff, b, bOff, y, yOff, n);
            case SUB -> sub(a, aOff, b, bOff, y, yOff, n);
            case MUL -> mul(a, aOff, b, bOff, y, yOff, n);
            case DIV -> div(a, aOff, b, bOff, y, yOff, n);
            case MAX -> max(a, aOff, b, bOff, y, yOff, n);
            case MIN -> min(a, aOff, b, bOff, y, yOff, n);
            case POW -> pow(a, aOff, b, bOff, y, yOff, n);
        };
        for (; i < n; i++) y[yOff + i] = (float) Scalar.binary(op, a[aOff + i], b[bOff + i]);
    }

    private static int add(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.add(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int sub(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.sub(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int mul(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.mul(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int div(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.div(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int max(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.lanewise(MAX, b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int min(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector a = FloatVector.fromArray(S, x, xo + i), b = FloatVector.fromArray(S, z, zo + i);
            a.lanewise(MIN, b).intoArray(y, yo + i);
        }
        return i;
    }

    /**
     * Scalar {@code Math.pow}, as the reference: the vector intrinsic is not the same function before and
     * after JIT compilation (see VectorMath), and pow is rare in these models.
     */
    private static int pow(float[] x, int xo, float[] z, int zo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = (float) Math.pow(x[xo + i], z[zo + i]);
        return n;
    }
}
