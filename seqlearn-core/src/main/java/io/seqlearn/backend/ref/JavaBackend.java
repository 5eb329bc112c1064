package io.seqlearn.backend.ref;

import io.seqlearn.backend.Backend;
import io.seqlearn.backend.BinaryOp;
import io.seqlearn.backend.KernelChecks;
import io.seqlearn.backend.UnaryOp;

/** Plain-loop reference backend, single-threaded, F32 and F64. Every fast backend is tested against it. */
public final class JavaBackend implements Backend {

    @Override public String name() { return "java"; }

    @Override public int threads() { return 1; }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        KernelChecks.gemm("sgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb,
                c.length, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * acc + (beta == 0 ? 0 : beta * c[ci]));
            }
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        KernelChecks.gemm("dgemm", transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb,
                c.length, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = alpha * acc + (beta == 0 ? 0 : beta * c[ci]);
            }
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n) {
        KernelChecks.unary(op, x.length, xOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Scalar.unary(op, x[xOff + i]);
    }

    @Override
    public void unary(UnaryOp op, double[] x, int xOff, double[] y, int yOff, int n) {
        KernelChecks.unary(op, x.length, xOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] = Scalar.unary(op, x[xOff + i]);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n) {
        KernelChecks.binary(op, a.length, aOff, b.length, bOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Scalar.binary(op, a[aOff + i], b[bOff + i]);
    }

    @Override
    public void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n) {
        KernelChecks.binary(op, a.length, aOff, b.length, bOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] = Scalar.binary(op, a[aOff + i], b[bOff + i]);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        KernelChecks.axpy(x.length, xOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff) {
        KernelChecks.axpy(x.length, xOff, y.length, yOff, n);
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public double sum(float[] x, int off, int n) {
        KernelChecks.range("sum", "x", x.length, off, n);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i];
        return s;
    }

    @Override
    public double sum(double[] x, int off, int n) {
        KernelChecks.range("sum", "x", x.length, off, n);
        double s = 0;
        for (int i = 0; i < n; i++) s += x[off + i];
        return s;
    }

}
