package io.seqlearn.ops;

import io.seqlearn.backend.cpu.CpuBackend;
import io.seqlearn.nn.attention.MaskedSoftmax;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The float paths of the fused LayerNorm and masked softmax split rows over the backend's threads: their
 * results must not depend on the thread count (fixed row blocks for the dγ/dβ sums) and must agree with
 * the double paths to float rounding.
 */
class FloatPathsTest {
    private record Run(float[] y, float[] dx, float[] dg, float[] db) {}

    private static Run layerNorm(CpuBackend be) throws Exception {
        return Backends.withDefault(be, () -> {
            Rng rng = new Rng(5);
            Tensor x = Tensors.randn(DType.F32, rng, 37, 11, 24).requiresGrad(true);
            Tensor g = Tensors.randn(DType.F32, rng, 24).requiresGrad(true);
            Tensor b = Tensors.randn(DType.F32, rng, 24).requiresGrad(true);
            Tensor w = Tensors.randn(DType.F32, rng, 37, 11, 24);
            Tensor y = LayerNormOp.apply(x, g, b, 1e-5);
            y.mul(w).sum().backward();
            return new Run(y.toFloatArray(), x.grad().toFloatArray(), g.grad().toFloatArray(), b.grad().toFloatArray());
        });
    }

    @Test void layerNormIsTheSameOnOneAndTwoThreadsAndMatchesTheDoublePath() throws Exception {
        try (CpuBackend one = new CpuBackend(1); CpuBackend two = new CpuBackend(2)) {
            Run a = layerNorm(one), b = layerNorm(two);
            assertArrayEquals(a.y(), b.y());
            assertArrayEquals(a.dx(), b.dx());
            assertArrayEquals(a.dg(), b.dg());
            assertArrayEquals(a.db(), b.db());
        }
        Rng rng = new Rng(5);
        Tensor x = Tensors.randn(DType.F32, rng, 37, 11, 24);
        Tensor g = Tensors.randn(DType.F32, rng, 24), bias = Tensors.randn(DType.F32, rng, 24);
        Tensor yf = LayerNormOp.apply(x, g, bias, 1e-5);
        Tensor yd = LayerNormOp.apply(x.to(DType.F64), g.to(DType.F64), bias.to(DType.F64), 1e-5);
        double[] want = yd.toDoubleArray();
        float[] got = yf.toFloatArray();
        for (int i = 0; i < got.length; i++) assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), "at " + i);
    }

    @Test void maskedSoftmaxIsTheSameOnOneAndTwoThreadsAndMatchesTheDoublePath() throws Exception {
        float[][] out = new float[2][];
        float[][] grad = new float[2][];
        int i = 0;
        try (CpuBackend one = new CpuBackend(1); CpuBackend two = new CpuBackend(2)) {
            for (CpuBackend be : new CpuBackend[] {one, two}) {
                int k = i++;
                Backends.withDefault(be, () -> {
                    Rng rng = new Rng(9);
                    Tensor s = Tensors.randn(DType.F32, rng, 6, 4, 40, 40).requiresGrad(true);
                    Tensor w = Tensors.randn(DType.F32, rng, 6, 4, 40, 40);
                    Tensor y = MaskedSoftmax.apply(s, 0.125, true);
                    y.mul(w).sum().backward();
                    out[k] = y.toFloatArray();
                    grad[k] = s.grad().toFloatArray();
                    return null;
                });
            }
        }
        assertArrayEquals(out[0], out[1]);
        assertArrayEquals(grad[0], grad[1]);
        Rng rng = new Rng(9);
        Tensor s = Tensors.randn(DType.F32, rng, 6, 4, 40, 40);
        double[] want = MaskedSoftmax.apply(s.to(DType.F64), 0.125, true).toDoubleArray();
        float[] got = MaskedSoftmax.apply(s, 0.125, true).toFloatArray();
        for (int j = 0; j < got.length; j++) assertEquals(want[j], got[j], 1e-6 + 1e-5 * Math.abs(want[j]), "at " + j);
    }
}
