package io.seqlearn.nn.transformer;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TransformerLayersTest {
    private final Rng rng = new Rng(31);
    private static final TransformerOptions TINY = TransformerOptions.defaults().withDimFeedforward(6).withDropout(0).withDtype(DType.F64);
    private static final MultiHeadAttention.Args NONE = MultiHeadAttention.Args.none();

    private static Tensor[] with(List<Tensor> params, Tensor... first) {
        List<Tensor> all = new ArrayList<>(List.of(first));
        all.addAll(params);
        return all.toArray(new Tensor[0]);
    }

    @Test void encoderLayerNamesMatchPyTorch() {
        var l = new TransformerEncoderLayer(8, 2, TransformerOptions.defaults().withDimFeedforward(16), rng);
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), new ArrayList<>(l.stateDict().keySet()));
        var d = new TransformerDecoderLayer(8, 2, TransformerOptions.defaults().withDimFeedforward(16), rng);
        assertTrue(d.stateDict().containsKey("multihead_attn.out_proj.bias"));
        assertTrue(d.stateDict().containsKey("norm3.weight"));
        assertEquals(2 * (3 * 64 + 24 + 64 + 8) + 2 * (8 * 16) + 16 + 8 + 6 * 8, d.parameterCount());
        var enc = new TransformerEncoder(8, 2, 2, TransformerOptions.defaults().withDimFeedforward(16), true, rng);
        assertTrue(enc.stateDict().containsKey("layers.1.linear2.bias"));
        assertTrue(enc.stateDict().containsKey("norm.weight"));
    }

    @Test void postNormNormalisesTheOutputAndPreNormDoesNot() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 4).mul(5.0);
        Tensor post = new TransformerEncoderLayer(4, 2, TINY, rng).forward(x);
        for (int b = 0; b < 2; b++) for (int t = 0; t < 3; t++) assertEquals(0, post.select(0, b).select(0, t).mean().item(), 1e-9);
        Tensor pre = new TransformerEncoderLayer(4, 2, TINY.withNormFirst(true), rng).forward(x);
        assertTrue(Math.abs(pre.select(0, 0).select(0, 0).mean().item()) > 1e-3);
    }

    @Test void encoderLayerGradCheckBothNormOrdersBothActivationsWithMasks() {
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 4);
        var args = NONE.withKeyPaddingMask(AttnMask.fromLengths(new int[]{3, 2}, 3, DType.F64)).withCausal(true);
        for (boolean normFirst : new boolean[]{false, true}) {
            for (var act : TransformerOptions.Activation.values()) {
                var l = new TransformerEncoderLayer(4, 2, TINY.withNormFirst(normFirst).withActivation(act), rng);
                GradCheck.check(in -> l.forward(in[0], args), with(l.parameters(), x));
            }
        }
    }

    @Test void decoderLayerGradCheckBothNormOrdersWithAFullyMaskedMemoryRow() {
        Tensor tgt = Tensors.randn(DType.F64, rng, 2, 3, 4), mem = Tensors.randn(DType.F64, rng, 2, 4, 4);
        var memArgs = NONE.withKeyPaddingMask(AttnMask.fromLengths(new int[]{4, 0}, 4, DType.F64));
        for (boolean normFirst : new boolean[]{false, true}) {
            var l = new TransformerDecoderLayer(4, 2, TINY.withNormFirst(normFirst).withActivation(TransformerOptions.Activation.GELU), rng);
            GradCheck.check(in -> l.forward(in[0], in[1], NONE.withCausal(true), memArgs), with(l.parameters(), tgt, mem));
        }
    }

    @Test void sequenceFirstLayoutMatchesBatchFirst() {
        var a = new TransformerDecoder(4, 2, 2, TINY, true, new Rng(1));
        var b = new TransformerDecoder(4, 2, 2, TINY.withBatchFirst(false), true, new Rng(2));
        b.loadStateDict(a.stateDict(), true);
        Tensor tgt = Tensors.randn(DType.F64, rng, 2, 3, 4), mem = Tensors.randn(DType.F64, rng, 2, 5, 4);
        Tensor ya = a.forward(tgt, mem, NONE.withCausal(true), NONE);
        Tensor yb = b.forward(tgt.transpose(0, 1), mem.transpose(0, 1), NONE.withCausal(true), NONE);
        assertArrayEquals(ya.toDoubleArray(), yb.transpose(0, 1).toDoubleArray(), 1e-12);
    }

    @Test void dropoutIsActiveOnlyInTraining() {
        var l = new TransformerEncoderLayer(4, 2, TINY.withDropout(0.3), rng);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 3, 4);
        assertFalse(java.util.Arrays.equals(l.forward(x).toDoubleArray(), l.forward(x).toDoubleArray()));
        l.eval();
        assertArrayEquals(l.forward(x).toDoubleArray(), l.forward(x).toDoubleArray());
    }

    @Test void wrongWidthIsAClearError() {
        var l = new TransformerEncoderLayer(4, 2, TINY, rng);
        var e = assertThrows(ShapeException.class, () -> l.forward(Tensors.zeros(DType.F64, 2, 3, 5)));
        assertEquals("transformer_encoder_layer: src expected (*, *, 4), got (2, 3, 5)", e.getMessage());
    }
}
