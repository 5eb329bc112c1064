package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * {@code fixtures/nn/}: Linear, Embedding(padding_idx=0), LayerNorm and the activations, recomputed with
 * libtorch ops from the stored inputs and parameters; backward of Σ out·g_out as the generator did
 * ({@code seqlearn-peers/fixtures/gen_nn.py}).
 */
final class NnFixtures {
    private NnFixtures() {}

    static void check(FixtureFile f) {
        String module = f.config().path("module").asText(""), fn = f.config().path("function").asText("");
        NDArray out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            out = switch (module) {
                case "Linear" -> TorchOps.linear(f.leaf("x"), f.leaf("weight"), f.has("bias") ? f.leaf("bias") : null);
                case "Embedding" -> embedding(f.in("ids"), f.leaf("weight"), f.config().path("padding_idx").asLong());
                case "LayerNorm" -> TorchOps.layerNorm(f.leaf("x"), f.leaf("weight"), f.leaf("bias"),
                        f.config().path("eps").asDouble());
                default -> activation(fn, f.leaf("x"));
            };
            gc.backward(TorchOps.dot(out, f.in("g_out")));
        }
        f.compare("out", out);
        f.compareGrads();
    }

    /**
     * F.embedding(ids, weight, padding_idx): forward weight[ids]; in backward the rows of padding_idx receive
     * nothing. DJL's binding of {@code torch::embedding} passes no padding_idx, so the padding positions read a
     * detached copy of the weight — the same values, and no gradient to that row, as libtorch's
     * embedding_dense_backward skipping padding_idx.
     */
    static NDArray embedding(NDArray ids, NDArray weight, long paddingIdx) {
        NDArray live = JniUtils.embedding((PtNDArray) ids, (PtNDArray) weight, false);
        NDArray frozen = JniUtils.embedding((PtNDArray) ids, (PtNDArray) weight.stopGradient(), false);
        NDArray isPad = ids.eq(paddingIdx).expandDims(-1).broadcast(live.getShape()); // DJL's where does not broadcast
        return NDArrays.where(isPad, frozen, live);
    }

    private static NDArray activation(String fn, NDArray x) {
        return switch (fn) {
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.getNDArrayInternal().sigmoid();
            case "relu" -> x.getNDArrayInternal().relu();
            case "gelu" -> TorchOps.gelu(x);
            case "gelu_tanh" -> TorchOps.geluTanh(x);
            case "softmax" -> x.softmax(-1);
            case "log_softmax" -> x.logSoftmax(-1);
            default -> throw new IllegalStateException("nn fixture: unknown function '" + fn + "'");
        };
    }
}
