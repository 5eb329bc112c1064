package io.seqlearn.bench.e2e;

import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.nn.Embedding;
import io.seqlearn.nn.Init;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.rnn.LSTM;
import io.seqlearn.nn.rnn.LSTMOutput;
import io.seqlearn.nn.rnn.LSTMState;
import io.seqlearn.optim.Adam;
import io.seqlearn.optim.GradClip;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.optim.SGD;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end LSTM language-model training step: {@link Embedding}(V, E) → {@link LSTM}(E → H, {@code layers})
 * → {@link Linear}(H → V) → {@link CrossEntropyLoss} (class axis last) against the next token → backward →
 * optimizer step → zeroGrad. One step = one batch [B, T] of token ids, all of it timed.
 *
 * <ul>
 *   <li>{@code charlm}: {@link Adam}(lr), loss = mean over B·T, zero initial state, default init.</li>
 *   <li>{@code wordlm} (PTB "small", Zaremba et al. 2014): {@link SGD}(lr), {@link GradClip#clipByGlobalNorm}
 *       (clip), loss = sum over time of the batch mean, all weights U(-init, init), final state of a batch
 *       (detached) = initial state of the next.</li>
 * </ul>
 * Token data is synthetic (uniform random ids, 4 batches cycled), as for the peers.
 */
final class LstmLmRow {
    private LstmLmRow() {}

    static Runnable create(BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), e = a.i("E"), h = a.i("H"), layers = a.i("layers"), v = a.i("V");
        boolean sgd = a.str("opt").equals("sgd");
        Rng rng = new Rng(1);
        Embedding emb = new Embedding(v, e, rng);
        LSTM lstm = new LSTM(e, h, LSTM.Options.defaults().withNumLayers(layers), rng);
        Linear out = new Linear(h, v, rng);
        List<Tensor> params = new ArrayList<>(emb.parameters());
        params.addAll(lstm.parameters());
        params.addAll(out.parameters());
        if (sgd) for (Tensor p : params) Init.uniform(p, rng, -a.f("init"), a.f("init"));
        Optimizer opt = sgd ? new SGD(params, a.f("lr")) : new Adam(params, a.f("lr"));
        CrossEntropyLoss ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)
                .withReduction(sgd ? Reduction.SUM : Reduction.MEAN));
        Tensor[] ids = new Tensor[4], targets = new Tensor[4];
        for (int k = 0; k < 4; k++) {
            ids[k] = Tensors.randint(DType.F32, rng, v, b, t);
            targets[k] = Tensors.randint(DType.F32, rng, v, b, t);
        }
        boolean stateful = sgd && a.i("stateful") == 1;
        float clip = sgd ? a.f("clip") : 0;
        LSTMState[] state = {null};
        int[] n = {0};
        return () -> {
            int k = n[0]++ % ids.length;
            LSTMOutput o = lstm.forward(emb.forward(ids[k]), null, stateful ? state[0] : null);
            Tensor loss = ce.apply(out.forward(o.output()), targets[k]);
            if (sgd) loss = loss.div(b);
            loss.backward();
            System.err.printf("loss %.4f%n", loss.item()); // on stderr (the log): evidence the model trains
            if (sgd) GradClip.clipByGlobalNorm(params, clip);
            opt.step();
            opt.zeroGrad();
            if (stateful) state[0] = o.state().detach();
        };
    }
}
