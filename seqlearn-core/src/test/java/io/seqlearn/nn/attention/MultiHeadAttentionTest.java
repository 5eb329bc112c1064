package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MultiHeadAttentionTest {
    private final Rng rng = new Rng(21);
    private static final MultiHeadAttention.Options F64 = MultiHeadAttention.Options.defaults().withDtype(DType.F64);

    /** Head-by-head reference from the paper's formula, with plain ops and ordinary softmax. */
    private static Tensor[] naive(MultiHeadAttention m, Tensor q, Tensor k, Tensor v, Tensor bias) {
        Map<String, Tensor> p = m.stateDict();
        int e = m.embedDim(), h = m.numHeads(), dh = e / h;
        Tensor wq, wk, wv;
        if (p.containsKey("in_proj_weight")) {
            Tensor w = p.get("in_proj_weight");
            wq = w.narrow(0, 0, e); wk = w.narrow(0, e, e); wv = w.narrow(0, 2 * e, e);
        } else {
            wq = p.get("q_proj_weight"); wk = p.get("k_proj_weight"); wv = p.get("v_proj_weight");
        }
        Tensor b = p.get("in_proj_bias");
        Tensor qp = F.linear(q, wq, b.narrow(0, 0, e)), kp = F.linear(k, wk, b.narrow(0, e, e)), vp = F.linear(v, wv, b.narrow(0, 2 * e, e));
        List<Tensor> heads = new ArrayList<>(), ws = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            Tensor s = qp.narrow(2, i * dh, dh).matmul(kp.narrow(2, i * dh, dh).transpose(1, 2)).div(Math.sqrt(dh));
            if (bias != null) s = s.add(bias.select(1, bias.size(1) == 1 ? 0 : i));
            Tensor a = s.softmax(-1);
            ws.add(a);
            heads.add(a.matmul(vp.narrow(2, i * dh, dh)));
        }
        Tensor out = F.linear(F.concat(heads, 2), p.get("out_proj.weight"), p.get("out_proj.bias"));
        return new Tensor[]{out, F.stack(ws, 1).mean(1, false)};
    }

    @Test void packedSelfAttentionMatchesTheFormulaWithMasks() {
        var m = new MultiHeadAttention(8, 2, F64, rng);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 5, 8);
        var args = MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(new int[]{5, 3}, 5, DType.F64))
                .withCausal(true).withWeights(AttentionWeights.AVERAGED);
        var out = m.forward(x, x, x, args);
        Tensor bias = AttnMask.fromLengths(new int[]{5, 3}, 5, DType.F64).bias(DType.F64).reshape(2, 1, 1, 5)
                .add(AttnMask.causal(5, 5, DType.F64).bias(DType.F64));
        Tensor[] ref = naive(m, x, x, x, bias);
        assertArrayEquals(ref[0].toDoubleArray(), out.output().toDoubleArray(), 1e-12);
        assertArrayEquals(ref[1].toDoubleArray(), out.weights().toDoubleArray(), 1e-12);
        var perHead = m.forward(x, x, x, args.withWeights(AttentionWeights.PER_HEAD)).weights();
        assertArrayEquals(new int[]{2, 2, 5, 5}, perHead.shape());
    }

    @Test void crossAttentionWithOtherKeyAndValueSizesUsesSeparateWeights() {
        var m = new MultiHeadAttention(6, 3, F64.withKdim(4).withVdim(5), rng);
        assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                new ArrayList<>(m.stateDict().keySet()));
        assertArrayEquals(new int[]{6, 4}, m.stateDict().get("k_proj_weight").shape());
        Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 6), k = Tensors.randn(DType.F64, rng, 2, 4, 4), v = Tensors.randn(DType.F64, rng, 2, 4, 5);
        Tensor add = Tensors.randn(DType.F64, rng, 2 * 3, 3, 4);
        var out = m.forward(q, k, v, MultiHeadAttention.Args.none().withAttnMask(AttnMask.additive(add)));
        Tensor[] ref = naive(m, q, k, v, add.reshape(2, 3, 3, 4));
        assertArrayEquals(ref[0].toDoubleArray(), out.output().toDoubleArray(), 1e-12);
    }

    @Test void packedNamesAndParameterCount() {
        var m = new MultiHeadAttention(8, 2, MultiHeadAttention.Options.defaults(), rng);
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"), new ArrayList<>(m.stateDict().keySet()));
        assertEquals(3 * 64 + 24 + 64 + 8, m.parameterCount());
        var nb = new MultiHeadAttention(8, 2, MultiHeadAttention.Options.defaults().withBias(false), rng);
        assertEquals(List.of("in_proj_weight", "out_proj.weight"), new ArrayList<>(nb.stateDict().keySet()));
    }

    @Test void gradCheckAllParametersAndInputsWithEveryMaskKindAndAFullyMaskedRow() {
        var m = new MultiHeadAttention(4, 2, F64.withKdim(3), rng);
        Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 4), k = Tensors.randn(DType.F64, rng, 2, 4, 3), v = Tensors.randn(DType.F64, rng, 2, 4, 4);
        Tensor boolMask = Tensors.zeros(DType.F64, 3, 4);
        boolMask.set(1, 1, 0);
        var args = MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(new int[]{4, 0}, 4, DType.F64))
                .withAttnMask(AttnMask.bool(boolMask)).withWeights(AttentionWeights.PER_HEAD);
        List<Tensor> inputs = new ArrayList<>(List.of(q, k, v));
        inputs.addAll(m.parameters());
        GradCheck.check(in -> m.forward(in[0], in[1], in[2], args).output(), inputs.toArray(new Tensor[0]));
        GradCheck.check(in -> m.forward(in[0], in[1], in[2], args).weights(), q, k, v);
        // batch row 1 has no visible key: zero attention, so the output is out_proj's bias only
        Tensor out = m.forward(q, k, v, args).output();
        assertArrayEquals(m.outProj().bias().toDoubleArray(), out.select(0, 1).select(0, 2).toDoubleArray(), 1e-12);
        var self = new MultiHeadAttention(4, 2, F64, rng);
        GradCheck.check(in -> self.forward(in[0], in[0], in[0], MultiHeadAttention.Args.none()
                .withAttnMask(AttnMask.additive(in[1])).withCausal(true)).output(),
                Tensors.randn(DType.F64, rng, 2, 3, 4), Tensors.randn(DType.F64, rng, 3, 3));
    }

    @Test void sequenceFirstLayoutGivesTheSameResult() {
        var bf = new MultiHeadAttention(8, 4, F64, new Rng(4));
        var sf = new MultiHeadAttention(8, 4, F64.withBatchFirst(false), new Rng(99));
        sf.loadStateDict(bf.stateDict(), true);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 5, 8), mem = Tensors.randn(DType.F64, rng, 2, 6, 8);
        Tensor a = bf.forward(x, mem, mem, MultiHeadAttention.Args.none()).output();
        Tensor xs = x.transpose(0, 1).contiguous(), ms = mem.transpose(0, 1).contiguous();
        Tensor b = sf.forward(xs, ms, ms, MultiHeadAttention.Args.none()).output();
        assertArrayEquals(a.transpose(0, 1).toDoubleArray(), b.toDoubleArray(), 1e-12);
    }

    @Test void inferenceTiledPathEqualsTrainingPlainPath() {
        var m = new MultiHeadAttention(16, 4, MultiHeadAttention.Options.defaults(), rng);
        Tensor x = Tensors.randn(DType.F32, rng, 2, 9, 16);
        var args = MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.fromLengths(new int[]{9, 4}, 9, DType.F32)).withCausal(true);
        Tensor withGrad = m.forward(x, x, x, args).output();
        Tensor tiled;
        try (var g = io.seqlearn.autograd.GradMode.disabled()) { tiled = m.forward(x, x, x, args).output(); }
        assertArrayEquals(withGrad.toFloatArray(), tiled.toFloatArray(), 1e-5f);
    }

    @Test void dropoutActsOnlyInTraining() {
        var m = new MultiHeadAttention(8, 2, F64.withDropout(0.5), rng);
        Tensor x = Tensors.randn(DType.F64, rng, 1, 6, 8);
        var args = MultiHeadAttention.Args.none().withWeights(AttentionWeights.PER_HEAD);
        Tensor w = m.forward(x, x, x, args).weights();
        assertTrue(java.util.Arrays.stream(w.toDoubleArray()).anyMatch(d -> d == 0));
        m.eval();
        Tensor we = m.forward(x, x, x, args).weights();
        assertEquals(12.0, we.sum().item(), 1e-9);
    }

    @Test void badShapesAreClearErrors() {
        var m = new MultiHeadAttention(8, 2, MultiHeadAttention.Options.defaults(), rng);
        Tensor x = Tensors.zeros(DType.F32, 2, 5, 8);
        var e = assertThrows(ShapeException.class, () -> m.forward(x, Tensors.zeros(DType.F32, 2, 5, 7), x, MultiHeadAttention.Args.none()));
        assertEquals("multi_head_attention: key expected (B, S, 8), got (2, 5, 7)", e.getMessage());
        var e2 = assertThrows(ShapeException.class, () -> m.forward(x, x, x,
                MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.keyPadding(Tensors.zeros(DType.F32, 2, 4)))));
        assertEquals("multi_head_attention: key_padding_mask expected (2, 5), got (2, 4)", e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(10, 3, MultiHeadAttention.Options.defaults(), rng));
    }
}
