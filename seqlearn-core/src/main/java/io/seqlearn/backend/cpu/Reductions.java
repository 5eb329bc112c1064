package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code axpy} and {@code sum} on vectors. axpy multiplies then adds (no fused multiply-add) so it equals
 * the reference {@code y[i] += alpha * x[i]} bit for bit. Sums accumulate in double over several lanes,
 * so they differ from the reference's left-to-right sum only by double rounding (about n·1e-16 relative).
 */
final class Reductions {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D256 = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private Reductions() {}

    static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int b = FS.loopBound(n); i < b; i += FS.length()) {
            FloatVector xv = FloatVector.fromArray(FS, x, xOff + i);
            FloatVector.fromArray(FS, y, yOff + i).add(xv.mul(alpha)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    static void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        for (int b = DS.loopBound(n); i < b; i += DS.length()) {
            DoubleVector xv = DoubleVector.fromArray(DS, x, xOff + i);
            DoubleVector.fromArray(DS, y, yOff + i).add(xv.mul(alpha)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /** Sum of floats, each widened to double (four at a time, two accumulators). */
    static double sum(float[] x, int off, int n) {
        DoubleVector a0 = DoubleVector.zero(D256), a1 = a0;
        int l = F128.length(), i = 0;
        for (int b = n - 2 * l; i <= b; i += 2 * l) {
            a0 = a0.add(FloatVector.fromArray(F128, x, off + i).convertShape(VectorOperators.F2D, D256, 0));
            a1 = a1.add(FloatVector.fromArray(F128, x, off + i + l).convertShape(VectorOperators.F2D, D256, 0));
        }
        double s = Lanes.sum(a0.add(a1));
        for (; i < n; i++) s += x[off + i];
        return s;
    }

    static double sum(double[] x, int off, int n) {
        DoubleVector a0 = DoubleVector.zero(DS), a1 = a0;
        int l = DS.length(), i = 0;
        for (int b = n - 2 * l; i <= b; i += 2 * l) {
            a0 = a0.add(DoubleVector.fromArray(DS, x, off + i));
            a1 = a1.add(DoubleVector.fromArray(DS, x, off + i + l));
        }
        double s = Lanes.sum(a0.add(a1));
        for (; i < n; i++) s += x[off + i];
        return s;
    }
}
