package io.seqlearn.nn.attention;

import io.seqlearn.testing.Fixture;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** nn.MultiheadAttention and scaled_dot_product_attention against PyTorch 1.13 (fixtures/attention). */
class MultiHeadAttentionFixtureTest {
    private static final String[] FILES = {"mha_nomask", "mha_key_padding", "mha_causal", "mha_causal_key_padding",
            "mha_bool_mask", "mha_bool_mask_per_head", "mha_float_mask", "mha_kdim_vdim", "mha_kdim_vdim_key_padding", "mha_nobias"};

    static void check(String file, DType dtype, double outTol, double gradTol) {
        Fixture f = Fixture.load("attention/" + file + ".safetensors", dtype);
        var c = f.config();
        var opts = MultiHeadAttention.Options.defaults().withDtype(dtype).withBias(c.get("bias").asBoolean())
                .withKdim(c.get("kdim").asInt()).withVdim(c.get("vdim").asInt()).withBatchFirst(c.get("batch_first").asBoolean());
        var m = new MultiHeadAttention(c.get("embed_dim").asInt(), c.get("num_heads").asInt(), opts, new Rng(0));
        Map<String, Tensor> own = m.stateDict();
        Map<String, Tensor> state = new java.util.LinkedHashMap<>();
        own.keySet().forEach(k -> state.put(k, f.get(k)));
        m.loadStateDict(state, true);
        Tensor q = f.get("q").requiresGrad(true), k = f.get("k").requiresGrad(true), v = f.get("v").requiresGrad(true);
        var args = MultiHeadAttention.Args.none();
        if (f.has("key_padding_mask")) args = args.withKeyPaddingMask(AttnMask.keyPadding(f.get("key_padding_mask")));
        if (f.has("attn_mask")) {
            boolean additive = c.get("attn_mask").asText().startsWith("additive");
            args = args.withAttnMask(additive ? AttnMask.additive(f.get("attn_mask")) : AttnMask.bool(f.get("attn_mask")));
        }
        var out = m.forward(q, k, v, args.withWeights(AttentionWeights.AVERAGED));
        f.assertClose("out", out.output(), outTol);
        f.assertClose("attn_weights", out.weights(), outTol);
        f.assertClose("attn_weights_per_head", m.forward(q, k, v, args.withWeights(AttentionWeights.PER_HEAD)).weights(), outTol);
        out.output().mul(f.get("g_out")).sum().backward();
        f.assertClose("grad.q", q.grad(), gradTol);
        f.assertClose("grad.k", k.grad(), gradTol);
        f.assertClose("grad.v", v.grad(), gradTol);
        int checked = 0;
        for (var e : own.entrySet()) {
            f.assertClose("grad." + e.getKey(), e.getValue().grad(), gradTol);
            checked++;
        }
        assertEquals((int) f.tensors().keySet().stream().filter(n -> n.startsWith("grad.")).count() - 3, checked, "every parameter gradient in the fixture is checked");
    }

    @ParameterizedTest @ValueSource(strings = {"mha_nomask", "mha_key_padding", "mha_causal", "mha_causal_key_padding",
            "mha_bool_mask", "mha_bool_mask_per_head", "mha_float_mask", "mha_kdim_vdim", "mha_kdim_vdim_key_padding", "mha_nobias"})
    void multiheadAttentionF64(String file) { check(file, DType.F64, 1e-10, 1e-10); }

    @ParameterizedTest @ValueSource(strings = {"mha_nomask", "mha_key_padding", "mha_causal", "mha_causal_key_padding",
            "mha_bool_mask", "mha_bool_mask_per_head", "mha_float_mask", "mha_kdim_vdim", "mha_kdim_vdim_key_padding", "mha_nobias"})
    void multiheadAttentionF32(String file) { check(file, DType.F32, 1e-5, 1e-5); }

    @ParameterizedTest @CsvSource({"sdpa,false,F64,1e-10", "sdpa_causal,true,F64,1e-10", "sdpa,false,F32,1e-5", "sdpa_causal,true,F32,1e-5"})
    void scaledDotProductAttention(String file, boolean causal, DType dtype, double tol) {
        Fixture f = Fixture.load("attention/" + file + ".safetensors", dtype);
        assertEquals(causal, f.config().get("is_causal").asBoolean());
        Tensor q = f.get("q").requiresGrad(true), k = f.get("k").requiresGrad(true), v = f.get("v").requiresGrad(true);
        var args = ScaledDotProductAttention.Args.defaults().withCausal(causal);
        Tensor out = ScaledDotProductAttention.apply(q, k, v, args).output();
        f.assertClose("out", out, tol);
        out.mul(f.get("g_out")).sum().backward();
        f.assertClose("grad.q", q.grad(), tol);
        f.assertClose("grad.k", k.grad(), tol);
        f.assertClose("grad.v", v.grad(), tol);
    }

    @org.junit.jupiter.api.Test void everyMhaFixtureIsCovered() throws Exception {
        var dir = java.nio.file.Path.of(Fixture.class.getResource("/fixtures/attention").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            var names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mha_"))
                    .map(n -> n.replace(".safetensors", "")).sorted().toList();
            assertEquals(java.util.Arrays.stream(FILES).sorted().toList(), names);
        }
    }
}
