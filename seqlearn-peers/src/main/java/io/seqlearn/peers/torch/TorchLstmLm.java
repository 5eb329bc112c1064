package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;

/**
 * End-to-end LSTM language-model training step: Embedding(V, E) → LSTM(E → H, {@code layers} stacked, one
 * fused libtorch call) → Linear(H → V) → cross-entropy against the next token, backward, optimizer update.
 * One step = one batch [B, T] of token ids, all of it timed.
 *
 * <ul>
 *   <li>{@code charlm}: Adam (torch.optim.Adam arithmetic, {@link TorchOptim.Adam}), loss = mean over B·T,
 *       zero initial state every batch, PyTorch default init.</li>
 *   <li>{@code wordlm} (PTB "small", Zaremba et al. 2014): SGD lr 1, gradient clipped to global norm 5,
 *       loss = sum over time of the batch mean (as the paper's code), weights U(-0.1, 0.1), the final state
 *       of one batch (detached) is the initial state of the next.</li>
 * </ul>
 * Token data is synthetic (uniform random ids, 4 batches cycled): throughput does not depend on the text.
 * Row parameters: B, T, E, H, layers, V, opt (adam|sgd), lr, and for sgd: clip, init, stateful (0|1).
 */
final class TorchLstmLm {
    private TorchLstmLm() {}

    static TorchStep create(NDManager root, BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), e = a.i("E"), h = a.i("H"), layers = a.i("layers"), v = a.i("V");
        boolean sgd = a.str("opt").equals("sgd");
        float init = sgd ? a.f("init") : (float) (1 / Math.sqrt(h));
        NDList lstm = new NDList();
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? e : h;
            lstm.add(root.randomUniform(-init, init, new Shape(4L * h, in)));
            lstm.add(root.randomUniform(-init, init, new Shape(4L * h, h)));
            lstm.add(root.randomUniform(-init, init, new Shape(4L * h)));
            lstm.add(root.randomUniform(-init, init, new Shape(4L * h)));
        }
        NDArray emb = sgd ? root.randomUniform(-init, init, new Shape(v, e)) : root.randomNormal(new Shape(v, e));
        float ob = sgd ? init : (float) (1 / Math.sqrt(h));
        NDArray outW = root.randomUniform(-ob, ob, new Shape(v, h)), outB = root.randomUniform(-ob, ob, new Shape(v));
        NDList all = new NDList().addAll(new NDList(emb)).addAll(lstm).addAll(new NDList(outW, outB));
        for (NDArray p : all) p.setRequiresGradient(true);
        NDArray[] ids = new NDArray[4], targets = new NDArray[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = root.randomInteger(0, v, new Shape(b, t), DataType.INT64);
            targets[i] = root.randomInteger(0, v, new Shape(b, t, 1), DataType.INT64);
        }
        boolean stateful = sgd && a.i("stateful") == 1;
        NDArray[] state = {root.zeros(new Shape(layers, b, h)), root.zeros(new Shape(layers, b, h))};
        TorchOptim.Adam adam = sgd ? null : new TorchOptim.Adam(root, all, a.f("lr"));
        float lossScale = sgd ? t : 1;
        int[] n = {0};
        return step -> {
            int k = n[0]++ % ids.length;
            NDArray x = TorchBench.view(ids[k], step);
            NDList out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray xe = x.getNDArrayInternal().embedding(x, emb, SparseFormat.DENSE).get(0);
                NDList h0 = stateful ? new NDList(state[0], state[1])
                        : new NDList(step.zeros(new Shape(layers, b, h)), step.zeros(new Shape(layers, b, h)));
                out = xe.getNDArrayInternal().lstm(xe, h0, lstm, true, layers, 0, true, false, true);
                NDArray logits = TorchAttention.linear(out.get(0), outW, outB);
                NDArray loss = logits.logSoftmax(-1).gather(targets[k], -1).mean().neg().mul(lossScale);
                gc.backward(loss);
                System.err.printf("loss %.4f%n", loss.getFloat()); // on stderr (the log): evidence it trains
            }
            if (sgd) {
                TorchOptim.clipGradNorm(all, a.f("clip"), step);
                TorchOptim.sgd(all, a.f("lr"), step);
            } else {
                adam.step(step);
            }
            if (stateful) carry(root, state, out);
        };
    }

    /** Keeps the final (h, c) of this batch, detached, as the next batch's initial state. */
    private static void carry(NDManager root, NDArray[] state, NDList out) {
        for (int i = 0; i < 2; i++) {
            NDArray s = out.get(i + 1).stopGradient();
            s.attach(root);
            state[i].close();
            state[i] = s;
        }
    }
}
