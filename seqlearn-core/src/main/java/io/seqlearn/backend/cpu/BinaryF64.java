package io.seqlearn.backend.cpu;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.ref.Scalar;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision twin of {@link BinaryF32}, same exactness statement in double ulps. */
final class BinaryF64 {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BinaryF64() {}

    static void apply(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        int i = switch (op) {
            case ADD -> add(a, aOff, b, bOff, y, yOff, n);
            case SUB -> sub(a, aOff, b, bOff, y, yOff, n);
            case MUL -> mul(a, aOff, b, bOff, y, yOff, n);
            case DIV -> div(a, aOff, b, bOff, y, yOff, n);
            case MAX -> max(a, aOff, b, bOff, y, yOff, n);
            case MIN -> min(a, aOff, b, bOff, y, yOff, n);
            case POW -> pow(a, aOff, b, bOff, y, yOff, n);
        };
        for (; i < n; i++) y[yOff + i] = Scalar.binary(op, a[aOff + i], b[bOff + i]);
    }

    private static int add(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.add(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int sub(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.sub(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int mul(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.mul(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int div(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.div(b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int max(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.lanewise(MAX, b).intoArray(y, yo + i);
        }
        return i;
    }

    private static int min(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, z, zo + i);
            a.lanewise(MIN, b).intoArray(y, yo + i);
        }
        return i;
    }

    /**
     * Scalar {@code Math.pow}, as the reference: the vector intrinsic is not the same function before and
     * after JIT compilation (see VectorMath), and pow is rare in these models.
     */
    private static int pow(double[] x, int xo, double[] z, int zo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = Math.pow(x[xo + i], z[zo + i]);
        return n;
    }
}
