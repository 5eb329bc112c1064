package io.seqlearn.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM in Java with the Vector API, for products too small to pay OpenBLAS's per-call cost (and as the
 * whole GEMM when the native library is missing). Row-major, {@code C = alpha op(A) op(B) + beta C}.
 *
 * <p>Plan: scale C by beta, then for op(B) = B add {@code alpha A(i,p) B(p,:)} to the rows of C (vector
 * over n), four rows per pass over B; for op(B) = Bᵀ with A not transposed, each {@code C(i,j)} is a vector dot product over k.
 * Single-threaded: a product this small is over in a few microseconds.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    /** Column tile of the four-row kernel: 4 rows × 512 floats = 8 KiB of C stay in L1. */
    private static final int TILE = 512;

    private SmallGemm() {}

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) scaleRow(c, cOff + i * ldc, n, beta);
        if (k == 0 || alpha == 0) return;
        if (!transB) {
            int i = 0;
            for (; i + 4 <= m; i += 4) fourRows(transA, i, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            for (; i < m; i++) {
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
            int i = 0;
            for (; i + 4 <= m; i += 4) fourRows(transA, i, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            for (; i < m; i++) {
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

    /**
     * Rows i..i+3 of C += alpha A B, one pass over B: each B row segment is loaded once and used for four
     * rows of C, over column tiles of {@link #TILE} so the four C segments stay in L1.
     */
    private static void fourRows(boolean transA, int i, int n, int k, float alpha, float[] a, int aOff, int lda,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int jEnd = Math.min(n, j0 + TILE), vecEnd = j0 + FS.loopBound(jEnd - j0);
            for (int p = 0; p < k; p++) {
                float s0 = alpha * at(transA, a, aOff, lda, i, p), s1 = alpha * at(transA, a, aOff, lda, i + 1, p);
                float s2 = alpha * at(transA, a, aOff, lda, i + 2, p), s3 = alpha * at(transA, a, aOff, lda, i + 3, p);
                FloatVector v0 = FloatVector.broadcast(FS, s0), v1 = FloatVector.broadcast(FS, s1);
                FloatVector v2 = FloatVector.broadcast(FS, s2), v3 = FloatVector.broadcast(FS, s3);
                int bp = bOff + p * ldb;
                int j = j0;
                for (; j < vecEnd; j += FS.length()) {
                    FloatVector bv = FloatVector.fromArray(FS, b, bp + j);
                    bv.fma(v0, FloatVector.fromArray(FS, c, c0 + j)).intoArray(c, c0 + j);
                    bv.fma(v1, FloatVector.fromArray(FS, c, c1 + j)).intoArray(c, c1 + j);
                    bv.fma(v2, FloatVector.fromArray(FS, c, c2 + j)).intoArray(c, c2 + j);
                    bv.fma(v3, FloatVector.fromArray(FS, c, c3 + j)).intoArray(c, c3 + j);
                }
                for (; j < jEnd; j++) {
                    float bv = b[bp + j];
                    c[c0 + j] = Math.fma(s0, bv, c[c0 + j]);
                    c[c1 + j] = Math.fma(s1, bv, c[c1 + j]);
                    c[c2 + j] = Math.fma(s2, bv, c[c2 + j]);
                    c[c3 + j] = Math.fma(s3, bv, c[c3 + j]);
                }
            }
        }
    }

    private static float at(boolean transA, float[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    /**
     * Rows i..i+3 of C += alpha A B, one pass over B: each B row segment is loaded once and used for four
     * rows of C, over column tiles of {@link #TILE} so the four C segments stay in L1.
     */
    private static void fourRows(boolean transA, int i, int n, int k, double alpha, double[] a, int aOff, int lda,
                                 double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int jEnd = Math.min(n, j0 + TILE), vecEnd = j0 + DS.loopBound(jEnd - j0);
            for (int p = 0; p < k; p++) {
                double s0 = alpha * at(transA, a, aOff, lda, i, p), s1 = alpha * at(transA, a, aOff, lda, i + 1, p);
                double s2 = alpha * at(transA, a, aOff, lda, i + 2, p), s3 = alpha * at(transA, a, aOff, lda, i + 3, p);
                DoubleVector v0 = DoubleVector.broadcast(DS, s0), v1 = DoubleVector.broadcast(DS, s1);
                DoubleVector v2 = DoubleVector.broadcast(DS, s2), v3 = DoubleVector.broadcast(DS, s3);
                int bp = bOff + p * ldb;
                int j = j0;
                for (; j < vecEnd; j += DS.length()) {
                    DoubleVector bv = DoubleVector.fromArray(DS, b, bp + j);
                    bv.fma(v0, DoubleVector.fromArray(DS, c, c0 + j)).intoArray(c, c0 + j);
                    bv.fma(v1, DoubleVector.fromArray(DS, c, c1 + j)).intoArray(c, c1 + j);
                    bv.fma(v2, DoubleVector.fromArray(DS, c, c2 + j)).intoArray(c, c2 + j);
                    bv.fma(v3, DoubleVector.fromArray(DS, c, c3 + j)).intoArray(c, c3 + j);
                }
                for (; j < jEnd; j++) {
                    double bv = b[bp + j];
                    c[c0 + j] = Math.fma(s0, bv, c[c0 + j]);
                    c[c1 + j] = Math.fma(s1, bv, c[c1 + j]);
                    c[c2 + j] = Math.fma(s2, bv, c[c2 + j]);
                    c[c3 + j] = Math.fma(s3, bv, c[c3 + j]);
                }
            }
        }
    }

    private static double at(boolean transA, double[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
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
        float s = Lanes.sum(acc);
        for (; p < k; p++) s = Math.fma(a[aOff + p], b[bOff + p], s);
        return s;
    }

    private static double dot(double[] a, int aOff, double[] b, int bOff, int k) {
        DoubleVector acc = DoubleVector.zero(DS);
        int p = 0;
        for (int bound = DS.loopBound(k); p < bound; p += DS.length()) {
            acc = DoubleVector.fromArray(DS, a, aOff + p).fma(DoubleVector.fromArray(DS, b, bOff + p), acc);
        }
        double s = Lanes.sum(acc);
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
