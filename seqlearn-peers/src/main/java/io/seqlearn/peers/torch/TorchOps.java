package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few libtorch calls the fixture cross-check composes, where DJL's public API does not say exactly which
 * libtorch op runs or rounds an argument: {@code torch::linear}, {@code torch::layer_norm} with a double eps
 * (DJL's {@code NDArrayEx.layerNorm} takes a float, which would turn 1e-5 into 9.99999974737875e-6), erf-GELU,
 * and PyTorch's bool-mask convention. Everything runs in float64.
 */
final class TorchOps {
    private TorchOps() {}

    /** F.linear: x Wᵀ + b over the last axis ({@code torch::linear}); bias may be null. */
    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        if (b == null) return x.matMul(w.transpose());
        return JniUtils.linear((PtNDArray) x, (PtNDArray) w, (PtNDArray) b);
    }

    /** F.layer_norm over the last axis of width d, with the biased variance and eps in double. */
    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, double eps) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        return JniUtils.layerNorm((PtNDArray) x, new Shape(d), (PtNDArray) gamma, (PtNDArray) beta, eps);
    }

    /** F.gelu(x) with approximate='none': x·Φ(x) through libtorch's own gelu kernel. */
    static NDArray gelu(NDArray x) { return x.getNDArrayInternal().gelu(); }

    /**
     * F.gelu(x, approximate='tanh') = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), composed from libtorch ops
     * (DJL does not pass gelu's approximate argument).
     */
    static NDArray geluTanh(NDArray x) {
        double k = Math.sqrt(2.0 / Math.PI);
        NDArray inner = x.add(x.pow(3.0).mul(0.044715)).mul(k);
        return x.mul(0.5).mul(inner.tanh().add(1.0));
    }

    /**
     * A stored bool mask (I64 0/1, 1 = masked, PyTorch's True) turned into the additive float mask PyTorch
     * builds from it ({@code F._canonical_mask}: zeros, −inf where True).
     */
    static NDArray additiveMask(NDArray boolMask) {
        NDArray isMasked = boolMask.toType(DataType.INT64, false).eq(1L);
        NDArray zeros = boolMask.getManager().zeros(boolMask.getShape(), DataType.FLOAT64);
        return NDArrays.where(isMasked, zeros.add(Double.NEGATIVE_INFINITY), zeros);
    }

    /** Σ out·g: the scalar whose backward hands the cotangent g to out, as the generator's loss does. */
    static NDArray dot(NDArray out, NDArray g) { return out.mul(g).sum(); }
}
