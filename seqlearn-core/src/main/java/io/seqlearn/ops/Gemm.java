package io.seqlearn.ops;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

/**
 * GEMM on tensors' storage, dispatched to the backend's F32 or F64 kernel by the output's dtype: the one
 * place that picks {@code sgemm}/{@code dgemm}, for the ops that lay out their own products (linear layers,
 * batched matmul, packed attention heads). Offsets and leading dimensions are in elements of the backing
 * arrays; A and B must have C's dtype. Not a stable API.
 */
public final class Gemm {
    private Gemm() {}

    /** {@code C = op(A)·op(B) + beta·C}; nothing happens when m, n or k is 0 (C keeps its values). */
    public static void gemm(boolean ta, boolean tb, int m, int n, int k, Tensor a, int aOff, int lda,
                            Tensor b, int bOff, int ldb, double beta, Tensor c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0) return;
        if (c.dtype() == DType.F32) {
            c.backend().sgemm(ta, tb, m, n, k, 1f, a.dataF(), aOff, lda, b.dataF(), bOff, ldb, (float) beta,
                    c.dataF(), cOff, ldc);
        } else {
            c.backend().dgemm(ta, tb, m, n, k, 1.0, a.dataD(), aOff, lda, b.dataD(), bOff, ldb, beta,
                    c.dataD(), cOff, ldc);
        }
    }

    /** {@code C_i = op(A_i)·op(B_i)} for i &lt; count (beta = 0), with per-product offsets. */
    public static void batch(int count, boolean ta, boolean tb, int m, int n, int k, Tensor a, int[] aOffs, int lda,
                             Tensor b, int[] bOffs, int ldb, Tensor c, int[] cOffs, int ldc) {
        if (c.dtype() == DType.F32) {
            c.backend().sgemmBatch(count, ta, tb, m, n, k, 1f, a.dataF(), aOffs, lda, b.dataF(), bOffs, ldb, 0f,
                    c.dataF(), cOffs, ldc);
        } else {
            c.backend().dgemmBatch(count, ta, tb, m, n, k, 1.0, a.dataD(), aOffs, lda, b.dataD(), bOffs, ldb, 0.0,
                    c.dataD(), cOffs, ldc);
        }
    }
}
