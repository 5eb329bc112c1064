package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused self-attention node equals the three-node route it replaces (scores → masked softmax → mix)
 * bit for bit, output and gradient, in both dtypes, with and without masks and the causal mask, including
 * a query row whose keys are all masked; and its gradient passes a finite-difference check in F64.
 */
class FusedSelfAttentionTest {
    private final Rng rng = new Rng(71);

    private static Tensor unfused(Tensor qkv, int h, double scale, boolean causal, Tensor... masks) {
        return PackedHeads.mix(MaskedSoftmax.apply(PackedHeads.scores(qkv, h), scale, causal, masks), qkv, h);
    }

    private void assertSameAsUnfused(DType dt, int b, int l, int h, int dh, boolean causal, Tensor... masks) {
        Tensor data = Tensors.randn(dt, rng, b, l, 3 * h * dh);
        Tensor g = Tensors.randn(dt, rng, b, l, h * dh);
        double scale = 1.0 / Math.sqrt(dh);
        Tensor q1 = data.copy().requiresGrad(true), q2 = data.copy().requiresGrad(true);
        Tensor fused = FusedSelfAttention.apply(q1, h, scale, causal, masks);
        Tensor ref = unfused(q2, h, scale, causal, masks);
        fused.backward(g);
        ref.backward(g);
        String what = dt + " causal=" + causal + " masks=" + masks.length;
        assertArrayEquals(ref.toDoubleArray(), fused.toDoubleArray(), 0.0, what + " output");
        assertArrayEquals(q2.grad().toDoubleArray(), q1.grad().toDoubleArray(), 0.0, what + " gradient");
        for (double v : q1.grad().toDoubleArray()) assertTrue(Double.isFinite(v), what + " finite gradient");
    }

    @Test void equalsTheThreeNodeRouteBitForBit() {
        for (DType dt : new DType[]{DType.F32, DType.F64}) {
            // 19 keys: rows longer than a vector with a tail
            assertSameAsUnfused(dt, 3, 19, 2, 8, false);
            assertSameAsUnfused(dt, 3, 19, 2, 8, true);
            // key padding from lengths, the second sequence shorter; and a bias that blocks every key of query 0
            Tensor pad = AttnMask.fromLengths(new int[]{19, 7, 12}, 19, dt).bias(dt).reshape(3, 1, 1, 19);
            double[] block = new double[19 * 19];
            for (int j = 0; j < 19; j++) block[j] = Double.NEGATIVE_INFINITY;
            Tensor rowBlocked = Tensors.zeros(dt, 19, 19).add(dt == DType.F32
                    ? Tensor.of(toFloat(block), 19, 19) : Tensor.of(block, 19, 19));
            assertSameAsUnfused(dt, 3, 19, 2, 8, true, pad, rowBlocked);
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    @Test void gradientCheckWithMasksAndCausal() {
        Tensor qkv = Tensors.randn(DType.F64, rng, 2, 5, 3 * 6).requiresGrad(true);
        Tensor pad = AttnMask.fromLengths(new int[]{5, 3}, 5, DType.F64).bias(DType.F64).reshape(2, 1, 1, 5);
        assertTrue(GradCheck.check(in -> FusedSelfAttention.apply(in[0], 2, 0.4, false), qkv).passed(1e-6));
        assertTrue(GradCheck.check(in -> FusedSelfAttention.apply(in[0], 3, 0.4, true, pad), qkv).passed(1e-6));
    }

    @Test void aMaskThatNeedsAGradientIsRefused() {
        Tensor qkv = Tensors.randn(DType.F64, rng, 1, 3, 6);
        Tensor bias = Tensors.zeros(DType.F64, 3, 3).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> FusedSelfAttention.apply(qkv, 1, 1.0, false, bias));
        assertTrue(e.getMessage().startsWith("self_attention:"), e.getMessage());
        Tensor f32Mask = Tensors.zeros(DType.F32, 3, 3);
        var e2 = assertThrows(io.seqlearn.tensor.ShapeException.class, () -> FusedSelfAttention.apply(qkv, 1, 1.0, false, f32Mask));
        assertEquals("self_attention: mask dtype F32 differs from qkv F64", e2.getMessage());
    }
}
