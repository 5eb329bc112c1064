package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PackedHeadsTest {
    private final Rng rng = new Rng(33);

    /** Heads as views, (B, L, 3E) → (B, H, L, Dh) of part p (0 = q, 1 = k, 2 = v). */
    private static Tensor heads(Tensor qkv, int h, int p) {
        int b = qkv.size(0), l = qkv.size(1), e = qkv.size(2) / 3;
        return qkv.narrow(2, p * e, e).reshape(b, l, h, e / h).transpose(1, 2);
    }

    @Test void scoresAndMixEqualThePerHeadViewProducts() {
        int b = 2, l = 5, h = 3, dh = 4, e = h * dh;
        Tensor qkv = Tensors.randn(DType.F64, rng, b, l, 3 * e);
        Tensor s = PackedHeads.scores(qkv, h);
        Tensor want = heads(qkv, h, 0).matmul(heads(qkv, h, 1).transpose(-1, -2));
        assertArrayEquals(want.toDoubleArray(), s.toDoubleArray(), 1e-12);
        Tensor w = Tensors.randn(DType.F64, rng, b, h, l, l);
        Tensor out = PackedHeads.mix(w, qkv, h);
        Tensor wantOut = w.matmul(heads(qkv, h, 2)).transpose(1, 2).reshape(b, l, e);
        assertArrayEquals(wantOut.toDoubleArray(), out.toDoubleArray(), 1e-12);
    }

    @Test void gradientsOfScoresAndMix() {
        Tensor qkv = Tensors.randn(DType.F64, rng, 2, 4, 3 * 6).requiresGrad(true);
        Tensor w = Tensors.randn(DType.F64, rng, 2, 2, 4, 4).requiresGrad(true);
        assertTrue(GradCheck.check(in -> PackedHeads.scores(in[0], 2), qkv).passed(1e-6));
        assertTrue(GradCheck.check(in -> PackedHeads.mix(in[0], in[1], 2), w, qkv).passed(1e-6));
        // the whole core as MultiHeadAttention runs it: scores → masked softmax → mix
        Tensor pad = AttnMask.fromLengths(new int[]{4, 2}, 4, DType.F64).bias(DType.F64).reshape(2, 1, 1, 4);
        assertTrue(GradCheck.check(in -> PackedHeads.mix(
                MaskedSoftmax.apply(PackedHeads.scores(in[0], 2), 0.5, true, pad), in[0], 2), qkv).passed(1e-6));
    }

    @Test void onlyTheRequestedGradientIsComputed() {
        Tensor qkv = Tensors.randn(DType.F64, rng, 1, 3, 6);
        Tensor w = Tensors.randn(DType.F64, rng, 1, 1, 3, 3).requiresGrad(true);
        PackedHeads.mix(w, qkv, 1).sum().backward();
        assertNotNull(w.grad());
        assertNull(qkv.grad());
    }

    @Test void badShapesAreNamed() {
        Tensor qkv = Tensors.randn(DType.F64, rng, 2, 4, 10);
        var e = assertThrows(ShapeException.class, () -> PackedHeads.scores(qkv, 2));
        assertTrue(e.getMessage().startsWith("attention_scores: packed qkv expected (B, L, 3·E)"), e.getMessage());
        Tensor ok = Tensors.randn(DType.F64, rng, 2, 4, 12);
        var e2 = assertThrows(ShapeException.class, () -> PackedHeads.mix(Tensors.randn(DType.F64, rng, 2, 2, 4, 3), ok, 2));
        assertTrue(e2.getMessage().contains("attention_mix: weights expected (2, 2, 4, 4)"), e2.getMessage());
    }
}
