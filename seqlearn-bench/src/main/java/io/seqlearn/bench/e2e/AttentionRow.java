package io.seqlearn.bench.e2e;

import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.transformer.TransformerEncoderLayer;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Attention rows: forward + backward of sum(output) to the input and every weight, for
 * {@link MultiHeadAttention} self-attention (kind {@code mha}) and one post-norm ReLU
 * {@link TransformerEncoderLayer} (kind {@code encoder}), no mask, dropout 0. Row parameters: B, T, D,
 * heads (and FF for the encoder).
 */
final class AttentionRow {
    private AttentionRow() {}

    static Runnable mha(BenchArgs a) {
        Rng rng = new Rng(1);
        return trainStep(a, new MultiHeadAttention(a.i("D"), a.i("heads"), MultiHeadAttention.Options.defaults(), rng), rng);
    }

    static Runnable encoder(BenchArgs a) {
        Rng rng = new Rng(1);
        TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(a.i("FF")).withDropout(0);
        return trainStep(a, new TransformerEncoderLayer(a.i("D"), a.i("heads"), o, rng), rng);
    }

    private static Runnable trainStep(BenchArgs a, Module m, Rng rng) {
        Tensor x = Tensors.randn(DType.F32, rng, a.i("B"), a.i("T"), a.i("D")).requiresGrad(true);
        return () -> {
            m.forward(x).sum().backward();
            m.zeroGrad();
            x.setGrad(null);
        };
    }
}
