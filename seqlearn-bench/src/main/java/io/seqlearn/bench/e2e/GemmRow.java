package io.seqlearn.bench.e2e;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * {@code C[M,N] = A[M,K] · B[K,N]} in float32 through {@link Tensor#matmul} (output allocated each step,
 * as torch.matmul): the default backend's GEMM rate, the roofline the other rows are measured against.
 */
final class GemmRow {
    private GemmRow() {}

    static Runnable create(BenchArgs a) {
        Rng rng = new Rng(1);
        Tensor x = Tensors.uniform(DType.F32, rng, -1, 1, a.i("M"), a.i("K"));
        Tensor y = Tensors.uniform(DType.F32, rng, -1, 1, a.i("K"), a.i("N"));
        return () -> x.matmul(y);
    }
}
