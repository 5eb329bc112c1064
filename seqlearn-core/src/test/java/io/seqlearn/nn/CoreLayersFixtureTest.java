package io.seqlearn.nn;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

/** Linear, Embedding, LayerNorm and activations against PyTorch: outputs and every gradient. */
class CoreLayersFixtureTest {

    private static void check(Fixture f, Module m, Tensor x, String... params) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String p : params) state.put(p, f.get(p));
        m.loadStateDict(state, true);
        Tensor out = m.forward(x);
        f.assertClose("out", out);
        out.mul(f.get("g_out")).sum().backward();
        if (x.requiresGrad()) f.assertClose("grad.x", x.grad());
        Map<String, Tensor> named = m.namedParameters();
        for (String p : params) f.assertClose("grad." + p, named.get(p).grad());
    }

    @ParameterizedTest @EnumSource(DType.class)
    void linear(DType dt) {
        for (String file : new String[]{"nn/linear.safetensors", "nn/linear_nobias.safetensors"}) {
            Fixture f = Fixture.load(file, dt);
            boolean bias = f.has("bias");
            Tensor w = f.get("weight");
            Linear lin = new Linear(w.size(1), w.size(0), bias, dt, new Rng(0));
            check(f, lin, f.get("x").requiresGrad(true), bias ? new String[]{"weight", "bias"} : new String[]{"weight"});
        }
    }

    @ParameterizedTest @EnumSource(DType.class)
    void embeddingWithPaddingIndex(DType dt) {
        Fixture f = Fixture.load("nn/embedding.safetensors", dt);
        Tensor w = f.get("weight");
        Embedding emb = new Embedding(w.size(0), w.size(1), f.config().get("padding_idx").asInt(), dt, new Rng(0));
        check(f, emb, f.get("ids"), "weight");
    }

    @ParameterizedTest @EnumSource(DType.class)
    void layerNorm(DType dt) {
        Fixture f = Fixture.load("nn/layernorm.safetensors", dt);
        LayerNorm ln = new LayerNorm(f.get("weight").size(0), f.config().path("eps").asDouble(1e-5), dt);
        check(f, ln, f.get("x").requiresGrad(true), "weight", "bias");
    }

    @ParameterizedTest @EnumSource(DType.class)
    void activations(DType dt) {
        for (String a : new String[]{"tanh", "sigmoid", "relu", "gelu", "gelu_tanh", "softmax", "log_softmax"}) {
            Fixture f = Fixture.load("nn/act_" + a + ".safetensors", dt);
            check(f, Activation.of(a), f.get("x").requiresGrad(true));
        }
    }
}
