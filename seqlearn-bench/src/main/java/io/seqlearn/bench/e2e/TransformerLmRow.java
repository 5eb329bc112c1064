package io.seqlearn.bench.e2e;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.nn.attention.SinusoidalPositionalEncoding;
import io.seqlearn.nn.transformer.TransformerEncoder;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.optim.Adam;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end Transformer language-model training step (kind {@code tlm}): {@link Embedding}(V, D)·√D +
 * {@link SinusoidalPositionalEncoding} → {@link TransformerEncoder} ({@code layers} post-norm ReLU layers,
 * heads, FF, causal, dropout 0, no final norm) → {@link Linear}(D → V) → mean {@link CrossEntropyLoss} →
 * backward → {@link Adam}(lr) → zeroGrad. Synthetic ids (4 batches cycled), as for the peers.
 */
final class TransformerLmRow {
    private TransformerLmRow() {}

    static Runnable create(BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), d = a.i("D"), v = a.i("V");
        Rng rng = new Rng(1);
        Embedding emb = new Embedding(v, d, rng);
        SinusoidalPositionalEncoding pos = new SinusoidalPositionalEncoding(d, t, DType.F32);
        TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(a.i("FF")).withDropout(0);
        TransformerEncoder enc = new TransformerEncoder(d, a.i("heads"), a.i("layers"), o, false, rng);
        Linear out = new Linear(d, v, rng);
        List<Tensor> params = new ArrayList<>(emb.parameters());
        params.addAll(enc.parameters());
        params.addAll(out.parameters());
        Adam opt = new Adam(params, a.f("lr"));
        CrossEntropyLoss ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true));
        MultiHeadAttention.Args causal = MultiHeadAttention.Args.none().withCausal(true);
        Tensor[] ids = new Tensor[4], targets = new Tensor[4];
        for (int k = 0; k < 4; k++) {
            ids[k] = Tensors.randint(DType.F32, rng, v, b, t);
            targets[k] = Tensors.randint(DType.F32, rng, v, b, t);
        }
        double scale = Math.sqrt(d);
        int[] n = {0};
        return () -> {
            int k = n[0]++ % ids.length;
            Tensor x = enc.forward(pos.forward(emb.forward(ids[k]).mul(scale)), causal);
            Tensor loss = ce.apply(out.forward(x), targets[k]);
            loss.backward();
            System.err.printf("loss %.4f%n", loss.item()); // on stderr (the log): evidence the model trains
            opt.step();
            opt.zeroGrad();
        };
    }
}
