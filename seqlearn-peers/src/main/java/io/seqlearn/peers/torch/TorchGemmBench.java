package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** {@code C[M,N] = A[M,K] · B[K,N]} in float32 through torch.matmul (MKL sgemm): the machine's GEMM rate. */
final class TorchGemmBench {
    private TorchGemmBench() {}

    static TorchStep create(NDManager root, BenchArgs a) {
        int m = a.i("M"), n = a.i("N"), k = a.i("K");
        NDArray x = root.randomUniform(-1, 1, new Shape(m, k));
        NDArray y = root.randomUniform(-1, 1, new Shape(k, n));
        return step -> {
            NDArray c = x.matMul(y);
            c.attach(step);
        };
    }
}
