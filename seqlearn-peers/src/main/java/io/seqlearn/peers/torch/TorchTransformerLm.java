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
 * End-to-end Transformer language-model training step (row kind {@code tlm}): Embedding(V, D)·√D + fixed
 * sinusoidal positions → {@code layers} post-norm ReLU encoder layers (heads, FF, causal mask, dropout 0) →
 * Linear(D → V) → mean cross-entropy against the next token → backward → Adam (torch.optim.Adam arithmetic).
 * Token data is synthetic (uniform random ids, 4 batches cycled). Row parameters: B, T, D, heads, FF,
 * layers, V, lr.
 */
final class TorchTransformerLm {
    private TorchTransformerLm() {}

    static TorchStep create(NDManager root, BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), d = a.i("D"), heads = a.i("heads"), layers = a.i("layers"), v = a.i("V");
        NDArray emb = root.randomNormal(new Shape(v, d));
        NDList blocks = new NDList();
        for (int l = 0; l < layers; l++) blocks.addAll(TorchAttention.encoderParams(root, d, a.i("FF")));
        float ob = (float) (1 / Math.sqrt(d));
        NDArray outW = root.randomUniform(-ob, ob, new Shape(v, d)), outB = root.randomUniform(-ob, ob, new Shape(v));
        NDList all = new NDList().addAll(new NDList(emb)).addAll(blocks).addAll(new NDList(outW, outB));
        for (NDArray p : all) p.setRequiresGradient(true);
        NDArray pos = root.create(sinusoid(t, d), new Shape(t, d));
        NDArray mask = TorchAttention.causalMask(root, t);
        NDArray[] ids = new NDArray[4], targets = new NDArray[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = root.randomInteger(0, v, new Shape(b, t), DataType.INT64);
            targets[i] = root.randomInteger(0, v, new Shape(b, t, 1), DataType.INT64);
        }
        TorchOptim.Adam adam = new TorchOptim.Adam(root, all, a.f("lr"));
        float scale = (float) Math.sqrt(d);
        int[] n = {0};
        return step -> {
            int k = n[0]++ % ids.length;
            NDArray x = TorchBench.view(ids[k], step);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray hcur = x.getNDArrayInternal().embedding(x, emb, SparseFormat.DENSE).get(0).mul(scale).add(pos);
                for (int l = 0; l < layers; l++) hcur = TorchAttention.encoderLayer(hcur, blocks, 12 * l, heads, mask);
                NDArray logits = TorchAttention.linear(hcur, outW, outB);
                NDArray loss = logits.logSoftmax(-1).gather(targets[k], -1).mean().neg();
                gc.backward(loss);
                System.err.printf("loss %.4f%n", loss.getFloat()); // on stderr (the log): evidence it trains
            }
            adam.step(step);
        };
    }

    /** PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(...) (Vaswani et al. 2017, §3.5). */
    static float[] sinusoid(int t, int d) {
        float[] pe = new float[t * d];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < d; i += 2) {
                double angle = p / Math.pow(10000, (double) i / d);
                pe[p * d + i] = (float) Math.sin(angle);
                if (i + 1 < d) pe[p * d + i + 1] = (float) Math.cos(angle);
            }
        }
        return pe;
    }
}
