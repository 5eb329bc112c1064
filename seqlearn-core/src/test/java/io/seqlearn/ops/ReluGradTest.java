package io.seqlearn.ops;

import io.seqlearn.autograd.Engine;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vectorised, parallel F32 ReLU gradient equals the element rule g·[x > 0] bit for bit. */
class ReluGradTest {

    @Test
    void equalsTheElementRuleIncludingZerosNaNAndTheTail() {
        int n = 100_003;   // several parallel chunks and a tail shorter than a vector
        Rng rng = new Rng(3);
        Tensor x = Tensors.randn(DType.F32, rng, n);
        float[] xs = x.dataF();
        for (int i = 0; i < n; i += 97) xs[i] = 0f;
        for (int i = 5; i < n; i += 1013) xs[i] = Float.NaN;
        xs[n - 1] = 1f;
        xs[n - 2] = -1f;
        Tensor g = Tensors.randn(DType.F32, rng, n);
        x.requiresGrad(true);
        Engine.backward(x.relu(), g);
        float[] got = x.grad().dataF(), gs = g.dataF();
        for (int i = 0; i < n; i++) {
            float want = xs[i] > 0 ? gs[i] : 0f;
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]), "element " + i + " x=" + xs[i]);
        }
    }
}
