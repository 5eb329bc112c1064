package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code fixtures/transformer/}: nn.TransformerEncoderLayer / TransformerDecoderLayer / a 2-layer
 * TransformerEncoder (batch_first, dropout 0) composed from libtorch ops, following PyTorch 2.7.1
 * {@code torch/nn/modules/transformer.py}:
 *
 * <pre>
 *   encoder, post-norm: x = norm1(x + SA(x)); x = norm2(x + FF(x))
 *   encoder, pre-norm:  x = x + SA(norm1(x)); x = x + FF(norm2(x))
 *   decoder, post-norm: x = norm1(x + SA(x, tgt_mask)); x = norm2(x + CA(x, memory)); x = norm3(x + FF(x))
 *   decoder, pre-norm:  x = x + SA(norm1(x)); x = x + CA(norm2(x), memory); x = x + FF(norm3(x))
 *   FF(x) = linear2(act(linear1(x))), act = relu or erf-GELU;  stack: layers in turn, then the optional norm
 * </pre>
 *
 * SA = self-attention ({@link TorchMha}, query = key = value: one packed in-projection), CA = cross-attention
 * (key = value = memory: q and kv projections); masks as the generator passed them (bool, 1 = masked → −inf).
 * Backward of Σ out·g_out.
 */
final class TransformerFixtures {
    private TransformerFixtures() {}

    static void check(FixtureFile f) {
        JsonNode cfg = f.config();
        String module = cfg.path("module").asText();
        NDArray out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            out = switch (module) {
                case "TransformerEncoderLayer" -> encoderLayer(f, "", f.leaf("src"), mask(f, "src_key_padding_mask"));
                case "TransformerDecoderLayer" -> decoderLayer(f, f.leaf("tgt"), f.leaf("memory"));
                case "TransformerEncoder" -> {
                    NDArray x = f.leaf("src"), kpm = mask(f, "src_key_padding_mask");
                    for (int l = 0; l < cfg.path("num_layers").asInt(); l++) x = encoderLayer(f, "layers." + l + ".", x, kpm);
                    yield f.has("norm.weight") ? norm(f, "norm.", x) : x;
                }
                default -> throw new IllegalStateException("transformer fixture: unknown module " + module);
            };
            gc.backward(TorchOps.dot(out, f.in("g_out")));
        }
        f.compare("out", out);
        f.compareGrads();
    }

    private static NDArray encoderLayer(FixtureFile f, String pre, NDArray x, NDArray kpm) {
        boolean normFirst = f.config().path("norm_first").asBoolean();
        if (normFirst) {
            x = x.add(selfAttention(f, pre + "self_attn.", norm(f, pre + "norm1.", x), null, kpm));
            return x.add(feedForward(f, pre, norm(f, pre + "norm2.", x)));
        }
        x = norm(f, pre + "norm1.", x.add(selfAttention(f, pre + "self_attn.", x, null, kpm)));
        return norm(f, pre + "norm2.", x.add(feedForward(f, pre, x)));
    }

    private static NDArray decoderLayer(FixtureFile f, NDArray x, NDArray memory) {
        NDArray tgtMask = mask(f, "tgt_mask"), memKpm = mask(f, "memory_key_padding_mask");
        if (f.config().path("norm_first").asBoolean()) {
            x = x.add(selfAttention(f, "self_attn.", norm(f, "norm1.", x), tgtMask, null));
            x = x.add(crossAttention(f, norm(f, "norm2.", x), memory, memKpm));
            return x.add(feedForward(f, "", norm(f, "norm3.", x)));
        }
        x = norm(f, "norm1.", x.add(selfAttention(f, "self_attn.", x, tgtMask, null)));
        x = norm(f, "norm2.", x.add(crossAttention(f, x, memory, memKpm)));
        return norm(f, "norm3.", x.add(feedForward(f, "", x)));
    }

    private static NDArray selfAttention(FixtureFile f, String pre, NDArray x, NDArray attnMask, NDArray kpm) {
        return TorchMha.forward(x, x, x, TorchMha.Inputs.SELF, params(f, pre), heads(f), attnMask, kpm).get(0);
    }

    private static NDArray crossAttention(FixtureFile f, NDArray x, NDArray memory, NDArray kpm) {
        return TorchMha.forward(x, memory, memory, TorchMha.Inputs.KEY_IS_VALUE, params(f, "multihead_attn."), heads(f),
                null, kpm).get(0);
    }

    private static NDArray feedForward(FixtureFile f, String pre, NDArray x) {
        NDArray h = TorchOps.linear(x, f.leaf(pre + "linear1.weight"), f.leaf(pre + "linear1.bias"));
        String act = f.config().path("activation").asText();
        h = switch (act) {
            case "relu" -> h.getNDArrayInternal().relu();
            case "gelu" -> TorchOps.gelu(h);
            default -> throw new IllegalStateException("transformer fixture: activation " + act);
        };
        return TorchOps.linear(h, f.leaf(pre + "linear2.weight"), f.leaf(pre + "linear2.bias"));
    }

    private static NDArray norm(FixtureFile f, String pre, NDArray x) {
        return TorchOps.layerNorm(x, f.leaf(pre + "weight"), f.leaf(pre + "bias"), f.config().path("layer_norm_eps").asDouble());
    }

    private static TorchMha.Params params(FixtureFile f, String pre) {
        return new TorchMha.Params(f.leaf(pre + "in_proj_weight"), f.leaf(pre + "in_proj_bias"), null, null, null,
                f.leaf(pre + "out_proj.weight"), f.leaf(pre + "out_proj.bias"));
    }

    private static int heads(FixtureFile f) { return f.config().path("nhead").asInt(); }

    private static NDArray mask(FixtureFile f, String name) {
        return f.has(name) ? TorchOps.additiveMask(f.in(name)) : null;
    }
}
