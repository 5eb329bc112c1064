package io.seqlearn.backend;

/**
 * Raw numeric kernels over contiguous row-major buffers. No shapes, no autograd: callers pass offsets,
 * lengths and leading dimensions. {@link io.seqlearn.backend.ref.JavaBackend} is the plain-loop reference
 * every other backend is tested against.
 */
public interface Backend {

    /** Short name used in logs and benchmark tables. */
    String name();

    /** Number of worker threads the backend may use (1 for the reference). */
    int threads();

    /**
     * Row-major single-precision GEMM: {@code C = alpha * op(A) * op(B) + beta * C}, with op(A) of shape
     * (m, k), op(B) of shape (k, n) and C of shape (m, n). {@code lda}, {@code ldb}, {@code ldc} are the row
     * strides of A, B, C as stored (before transposition).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** Double-precision twin of {@link #sgemm}. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);

    /**
     * Runs {@code body} over {@code [0, n)} in contiguous chunks of at least {@code grain} indices, in
     * parallel where the backend has threads; the default runs it on the calling thread. Bodies may call
     * this backend's kernels.
     */
    default void parallelRange(int n, int grain, RangeBody body) {
        if (n < 0) throw new IllegalArgumentException("parallelRange: n expected >= 0, got " + n);
        if (n > 0) body.run(0, n);
    }

    /**
     * {@code count} independent {@link #sgemm} products of the same shapes, the i-th reading A at
     * {@code aOffs[i]}, B at {@code bOffs[i]} and writing C at {@code cOffs[i]}. A backend may run them in
     * parallel; the C regions must not overlap.
     */
    default void sgemmBatch(int count, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int[] aOffs, int lda, float[] b, int[] bOffs, int ldb,
                            float beta, float[] c, int[] cOffs, int ldc) {
        for (int i = 0; i < count; i++) {
            sgemm(transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
        }
    }

    /** Double-precision twin of {@link #sgemmBatch}. */
    default void dgemmBatch(int count, boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] a, int[] aOffs, int lda, double[] b, int[] bOffs, int ldb,
                            double beta, double[] c, int[] cOffs, int ldc) {
        for (int i = 0; i < count; i++) {
            dgemm(transA, transB, m, n, k, alpha, a, aOffs[i], lda, b, bOffs[i], ldb, beta, c, cOffs[i], ldc);
        }
    }

    /** {@code y[i] = op(x[i])} for {@code i < n}. {@code x} and {@code y} may be the same array. */
    void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n);

    /** Double-precision twin of {@link #unary(UnaryOp, float[], int, float[], int, int)}. */
    void unary(UnaryOp op, double[] x, int xOff, double[] y, int yOff, int n);

    /** {@code y[i] = op(a[i], b[i])} for {@code i < n}. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

    /** Double-precision twin of {@link #binary(BinaryOp, float[], int, float[], int, float[], int, int)}. */
    void binary(BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] y, int yOff, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** Double-precision twin of {@link #axpy(int, float, float[], int, float[], int)}. */
    void axpy(int n, double alpha, double[] x, int xOff, double[] y, int yOff);

    /** Sum of {@code x[off .. off+n)}, accumulated in double. */
    double sum(float[] x, int off, int n);

    /** Sum of {@code x[off .. off+n)}. */
    double sum(double[] x, int off, int n);
}
