package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

/**
 * {@code fixtures/attention/}: nn.MultiheadAttention files ({@code mha_*}) through {@link TorchMha} with the
 * stored projections and masks, and the scaled-dot-product files ({@code sdpa*}) as
 * softmax(q kᵀ/√d [causal −inf above the diagonal]) v; backward of Σ out·g_out ({@code gen_attention.py}).
 * The query, key and value are distinct tensors in every file, so MHA takes the three-chunk in-projection.
 */
final class AttentionFixtures {
    private AttentionFixtures() {}

    static void check(FixtureFile f) {
        if (f.name().startsWith("sdpa")) sdpa(f);
        else mha(f);
    }

    private static void mha(FixtureFile f) {
        int heads = f.config().path("num_heads").asInt();
        NDArray q = f.leaf("q"), k = f.leaf("k"), v = f.leaf("v");
        boolean packed = f.has("in_proj_weight");
        TorchMha.Params p = new TorchMha.Params(packed ? f.leaf("in_proj_weight") : null,
                f.has("in_proj_bias") ? f.leaf("in_proj_bias") : null,
                packed ? null : f.leaf("q_proj_weight"), packed ? null : f.leaf("k_proj_weight"),
                packed ? null : f.leaf("v_proj_weight"),
                f.leaf("out_proj.weight"), f.has("out_proj.bias") ? f.leaf("out_proj.bias") : null);
        NDArray attnMask = null;
        if (f.has("attn_mask")) {
            NDArray m = f.in("attn_mask");
            attnMask = m.getDataType() == DataType.INT64 ? TorchOps.additiveMask(m) : m;
        }
        NDArray kpm = f.has("key_padding_mask") ? TorchOps.additiveMask(f.in("key_padding_mask")) : null;
        NDList r;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            r = TorchMha.forward(q, k, v, TorchMha.Inputs.DISTINCT, p, heads, attnMask, kpm);
            gc.backward(TorchOps.dot(r.get(0), f.in("g_out")));
        }
        f.compare("out", r.get(0));
        f.compare("attn_weights_per_head", r.get(1));
        f.compare("attn_weights", r.get(1).mean(new int[] {1}));
        f.compareGrads();
    }

    private static void sdpa(FixtureFile f) {
        NDArray q = f.leaf("q"), k = f.leaf("k"), v = f.leaf("v");
        boolean causal = f.config().path("is_causal").asBoolean();
        long tq = q.getShape().get(2), tk = k.getShape().get(2), d = q.getShape().get(3);
        NDArray out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(d));
            if (causal) {
                double[] above = new double[(int) (tq * tk)];
                for (int i = 0; i < tq; i++) for (int j = i + 1; j < tk; j++) above[(int) (i * tk + j)] = 1;
                NDArray isAbove = f.create(above, tq, tk).eq(1.0).broadcast(scores.getShape()); // DJL's where does not broadcast
                scores = NDArrays.where(isAbove, scores.zerosLike().add(Double.NEGATIVE_INFINITY), scores);
            }
            out = scores.softmax(-1).matMul(v);
            gc.backward(TorchOps.dot(out, f.in("g_out")));
        }
        f.compare("out", out);
        f.compareGrads();
    }
}
