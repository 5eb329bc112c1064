package io.seqlearn.nn.transformer;

import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.testing.Fixture;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Transformer encoder/decoder layers and a 2-layer encoder against PyTorch 1.13 (fixtures/transformer). */
class TransformerFixtureTest {
    private static final String FILES = "encoder_layer_postnorm_relu, encoder_layer_postnorm_gelu, encoder_layer_prenorm_relu, "
            + "encoder_layer_prenorm_gelu, decoder_layer_postnorm_relu, decoder_layer_postnorm_gelu, decoder_layer_prenorm_relu, "
            + "decoder_layer_prenorm_gelu, encoder_stack2, encoder_stack2_final_norm";

    private static TransformerOptions options(Fixture f, DType dtype) {
        var c = f.config();
        return TransformerOptions.defaults().withDimFeedforward(c.get("dim_feedforward").asInt()).withDropout(c.get("dropout").asDouble())
                .withActivation(TransformerOptions.Activation.valueOf(c.get("activation").asText().toUpperCase()))
                .withLayerNormEps(c.get("layer_norm_eps").asDouble()).withBatchFirst(c.get("batch_first").asBoolean())
                .withNormFirst(c.get("norm_first").asBoolean()).withDtype(dtype);
    }

    /** Loads the module's own keys from the fixture, strictly (so every name must exist in PyTorch's state_dict). */
    private static void load(Module m, Fixture f) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        m.stateDict().keySet().forEach(k -> state.put(k, f.get(k)));
        m.loadStateDict(state, true);
        assertEquals(f.tensors().keySet().stream().filter(k -> k.startsWith("grad.")).map(k -> k.substring(5)).filter(k -> !k.equals("src") && !k.equals("tgt") && !k.equals("memory")).sorted().toList(),
                m.stateDict().keySet().stream().sorted().toList(), "the module has exactly PyTorch's parameters");
    }

    private static void check(String file, DType dtype, double outTol, double gradTol) {
        Fixture f = Fixture.load("transformer/" + file + ".safetensors", dtype);
        int d = f.config().get("d_model").asInt(), h = f.config().get("nhead").asInt();
        Rng rng = new Rng(0);
        Module m;
        Tensor out;
        Tensor[] inputs;
        String[] inputNames;
        if (file.startsWith("decoder")) {
            var l = new TransformerDecoderLayer(d, h, options(f, dtype), rng);
            load(l, f);
            Tensor tgt = f.get("tgt").requiresGrad(true), mem = f.get("memory").requiresGrad(true);
            out = l.forward(tgt, mem, MultiHeadAttention.Args.none().withAttnMask(AttnMask.bool(f.get("tgt_mask"))),
                    MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.keyPadding(f.get("memory_key_padding_mask"))));
            m = l;
            inputs = new Tensor[]{tgt, mem};
            inputNames = new String[]{"tgt", "memory"};
        } else {
            Tensor src = f.get("src").requiresGrad(true);
            var args = MultiHeadAttention.Args.none().withKeyPaddingMask(AttnMask.keyPadding(f.get("src_key_padding_mask")));
            if (file.startsWith("encoder_stack")) {
                var s = new TransformerEncoder(d, h, f.config().get("num_layers").asInt(), options(f, dtype),
                        f.config().get("final_norm").asBoolean(), rng);
                load(s, f);
                out = s.forward(src, args);
                m = s;
            } else {
                var l = new TransformerEncoderLayer(d, h, options(f, dtype), rng);
                load(l, f);
                out = l.forward(src, args);
                m = l;
            }
            inputs = new Tensor[]{src};
            inputNames = new String[]{"src"};
        }
        f.assertClose("out", out, outTol);
        out.mul(f.get("g_out")).sum().backward();
        for (int i = 0; i < inputs.length; i++) f.assertClose("grad." + inputNames[i], inputs[i].grad(), gradTol);
        for (var e : m.namedParameters().entrySet()) f.assertClose("grad." + e.getKey(), e.getValue().grad(), gradTol);
    }

    @ParameterizedTest
    @CsvSource({"encoder_layer_postnorm_relu", "encoder_layer_postnorm_gelu", "encoder_layer_prenorm_relu", "encoder_layer_prenorm_gelu",
            "decoder_layer_postnorm_relu", "decoder_layer_postnorm_gelu", "decoder_layer_prenorm_relu", "decoder_layer_prenorm_gelu",
            "encoder_stack2", "encoder_stack2_final_norm"})
    void forwardAndAllGradientsMatchPyTorch(String file) {
        check(file, DType.F64, 1e-10, 1e-10);
        check(file, DType.F32, 1e-5, 1e-5);
    }

    @org.junit.jupiter.api.Test
    void everyTransformerFixtureIsCovered() throws Exception {
        var dir = java.nio.file.Path.of(Fixture.class.getResource("/fixtures/transformer").toURI());
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(java.util.Arrays.stream(FILES.split(",\\s*")).sorted().toList(),
                    files.map(p -> p.getFileName().toString().replace(".safetensors", "")).sorted().toList());
        }
    }
}
