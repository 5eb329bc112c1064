package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.function.Function;

/**
 * Attention rows: forward + backward of sum(output) to the input and every weight, for multi-head
 * self-attention (row kind {@code mha}) and one post-norm Transformer encoder layer ({@code encoder}), no
 * mask, no dropout. Row parameters: B, T, D, heads (and FF for the encoder).
 */
final class TorchAttentionBench {
    private TorchAttentionBench() {}

    static TorchStep mha(NDManager root, BenchArgs a) {
        NDList p = TorchAttention.mhaParams(root, a.i("D"));
        int heads = a.i("heads");
        return trainStep(root, a, p, x -> TorchAttention.mha(x, p, 0, heads, null));
    }

    static TorchStep encoder(NDManager root, BenchArgs a) {
        NDList p = TorchAttention.encoderParams(root, a.i("D"), a.i("FF"));
        int heads = a.i("heads");
        return trainStep(root, a, p, x -> TorchAttention.encoderLayer(x, p, 0, heads, null));
    }

    private static TorchStep trainStep(NDManager root, BenchArgs a, NDList p, Function<NDArray, NDArray> f) {
        for (NDArray w : p) w.setRequiresGradient(true);
        NDArray x = root.randomNormal(new Shape(a.i("B"), a.i("T"), a.i("D")));
        x.setRequiresGradient(true);
        NDList grads = new NDList(p).addAll(new NDList(x));
        return step -> {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(f.apply(TorchBench.view(x, step)).sum());
            }
            TorchOptim.zeroGrad(grads);
        };
    }
}
