package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM in Java with the Vector API, for products too small to pay OpenBLAS's per-call cost (and as the
 * whole GEMM when the native library is missing). Row-major, {@code C = alpha op(A) op(B) + beta C}.
 *
 * <p>Plan: scale C by beta, then for op(B) = B add {@code alpha A(i,p) B(p,:)} to each row of C (vector
 * over n); for op(B) = Bᵀ with A not transposed, each {@code C(i,j)} is a vector dot product over k.
 * Single-threaded: a product this small is over in a few microseconds.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    private SmallGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) scaleRow(c, cOff + i * ldc, n, beta);
        if (k == 0 || alpha == 0) return;
        if (!transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int p = 0; p < k; p++) {
                    float aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    addScaledRow(c, ci, b, bOff + p * ldb, n, aip);
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float dot = transA ? stridedDot(a, aOff + i, lda, b, bOff + j * ldb, k)
                                       : dot(a, aOff + i * lda, b, bOff + j * ldb, k);
                    c[cOff + i * ldc + j] += alpha * dot;
                }
            }
        }
    }

    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) scaleRow(c, cOff + i * ldc, n, beta);
        if (k == 0 || alpha == 0) return;
        if (!transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int p = 0; p < k; p++) {
                    double aip = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                    addScaledRow(c, ci, b, bOff + p * ldb, n, aip);
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = transA ? stridedDot(a, aOff + i, lda, b, bOff + j * ldb, k)
                                        : dot(a, aOff + i * lda, b, bOff + j * ldb, k);
                    c[cOff + i * ldc + j] += alpha * dot;
                }
            }
        }
    }

    /** beta = 0 overwrites (so NaN or garbage in C does not survive), as BLAS does. */
    private static void scaleRow(float[] c, int off, int n, float beta) {
        if (beta == 1) return;
        if (beta == 0) {
            java.util.Arrays.fill(c, off, off + n, 0f);
            return;
        }
        for (int j = 0; j < n; j++) c[off + j] *= beta;
    }

    private static void scaleRow(double[] c, int off, int n, double beta) {
        if (beta == 1) return;
        if (beta == 0) {
            java.util.Arrays.fill(c, off, off + n, 0.0);
            return;
        }
        for (int j = 0; j < n; j++) c[off + j] *= beta;
    }

    private static void addScaledRow(float[] c, int cOff, float[] b, int bOff, int n, float s) {
        int j = 0;
        for (int bound = FS.loopBound(n); j < bound; j += FS.length()) {
            FloatVector bv = FloatVector.fromArray(FS, b, bOff + j);
            bv.fma(FloatVector.broadcast(FS, s), FloatVector.fromArray(FS, c, cOff + j)).intoArray(c, cOff + j);
        }
        for (; j < n; j++) c[cOff + j] = Math.fma(s, b[bOff + j], c[cOff + j]);
    }

    private static void addScaledRow(double[] c, int cOff, double[] b, int bOff, int n, double s) {
        int j = 0;
        for (int bound = DS.loopBound(n); j < bound; j += DS.length()) {
            DoubleVector bv = DoubleVector.fromArray(DS, b, bOff + j);
            bv.fma(DoubleVector.broadcast(DS, s), DoubleVector.fromArray(DS, c, cOff + j)).intoArray(c, cOff + j);
        }
        for (; j < n; j++) c[cOff + j] = Math.fma(s, b[bOff + j], c[cOff + j]);
    }

    private static float dot(float[] a, int aOff, float[] b, int bOff, int k) {
        FloatVector acc = FloatVector.zero(FS);
        int p = 0;
        for (int bound = FS.loopBound(k); p < bound; p += FS.length()) {
            acc = FloatVector.fromArray(FS, a, aOff + p).fma(FloatVector.fromArray(FS, b, bOff + p), acc);
        }
        float s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; p < k; p++) s = Math.fma(a[aOff + p], b[bOff + p], s);
        return s;
    }

    private static double dot(double[] a, int aOff, double[] b, int bOff, int k) {
        DoubleVector acc = DoubleVector.zero(DS);
        int p = 0;
        for (int bound = DS.loopBound(k); p < bound; p += DS.length()) {
            acc = DoubleVector.fromArray(DS, a, aOff + p).fma(DoubleVector.fromArray(DS, b, bOff + p), acc);
        }
        double s = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; p < k; p++) s = Math.fma(a[aOff + p], b[bOff + p], s);
        return s;
    }

    /** Dot of A's column (stride lda, A transposed) with a contiguous row of B. */
    private static float stridedDot(float[] a, int aOff, int lda, float[] b, int bOff, int k) {
        float s = 0;
        for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * lda], b[bOff + p], s);
        return s;
    }

    private static double stridedDot(double[] a, int aOff, int lda, double[] b, int bOff, int k) {
        double s = 0;
        for (int p = 0; p < k; p++) s = Math.fma(a[aOff + p * lda], b[bOff + p], s);
        return s;
    }
}
