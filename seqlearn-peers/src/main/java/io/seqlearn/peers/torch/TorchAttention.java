package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-head self-attention and a post-norm Transformer encoder layer from libtorch ops, the same
 * arithmetic as torch.nn.MultiheadAttention (need_weights=True path: in_proj linear, per-head
 * softmax(QKᵀ/√dh + mask)·V with batched matmuls, out_proj linear) and torch.nn.TransformerEncoderLayer
 * (norm_first=False, activation=relu, dropout 0): x1 = LN1(x + MHA(x)); y = LN2(x1 + W2·relu(W1·x1 + b1) + b2).
 *
 * <p>Parameter order in the lists: MHA = in_proj_weight [3D, D], in_proj_bias [3D], out_proj.weight [D, D],
 * out_proj.bias [D]; an encoder layer appends linear1 (W [F, D], b [F]), linear2 (W [D, F], b [D]),
 * norm1 (γ, β), norm2 (γ, β).
 */
final class TorchAttention {
    private TorchAttention() {}

    static NDList mhaParams(NDManager root, int d) {
        NDList p = new NDList();
        float bound = (float) Math.sqrt(6.0 / (d + 3 * d)); // xavier_uniform_ as PyTorch's in_proj_weight
        p.add(root.randomUniform(-bound, bound, new Shape(3L * d, d)));
        p.add(root.zeros(new Shape(3L * d)));
        float ob = (float) (1 / Math.sqrt(d));
        p.add(root.randomUniform(-ob, ob, new Shape(d, d)));
        p.add(root.zeros(new Shape(d)));
        return p;
    }

    static NDList encoderParams(NDManager root, int d, int ff) {
        NDList p = mhaParams(root, d);
        float b1 = (float) (1 / Math.sqrt(d)), b2 = (float) (1 / Math.sqrt(ff));
        p.add(root.randomUniform(-b1, b1, new Shape(ff, d)));
        p.add(root.randomUniform(-b1, b1, new Shape(ff)));
        p.add(root.randomUniform(-b2, b2, new Shape(d, ff)));
        p.add(root.randomUniform(-b2, b2, new Shape(d)));
        for (int i = 0; i < 2; i++) {
            p.add(root.ones(new Shape(d)));
            p.add(root.zeros(new Shape(d)));
        }
        return p;
    }

    /** Self-attention over x [B, T, D]; mask is an additive [T, T] mask or null. Uses p[off .. off+3]. */
    static NDArray mha(NDArray x, NDList p, int off, int heads, NDArray mask) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2), dh = d / heads;
        NDList qkv = linear(x, p.get(off), p.get(off + 1)).split(3, 2);
        NDArray q = qkv.get(0).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = qkv.get(1).reshape(b, t, heads, dh).transpose(0, 2, 3, 1);
        NDArray v = qkv.get(2).reshape(b, t, heads, dh).transpose(0, 2, 1, 3);
        NDArray scores = q.mul((float) (1 / Math.sqrt(dh))).matMul(k);
        if (mask != null) scores = scores.add(mask);
        NDArray ctx = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
        return linear(ctx, p.get(off + 2), p.get(off + 3));
    }

    /** A post-norm ReLU encoder layer over x [B, T, D]; uses p[off .. off+11]. */
    static NDArray encoderLayer(NDArray x, NDList p, int off, int heads, NDArray mask) {
        long d = x.getShape().get(2);
        NDArray x1 = layerNorm(x.add(mha(x, p, off, heads, mask)), p.get(off + 8), p.get(off + 9), d);
        NDArray ff = linear(linear(x1, p.get(off + 4), p.get(off + 5)).getNDArrayInternal().relu(),
                p.get(off + 6), p.get(off + 7));
        return layerNorm(x1.add(ff), p.get(off + 10), p.get(off + 11), d);
    }

    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).get(0);
    }

    static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, long d) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(d), gamma, beta, 1e-5f).get(0);
    }

    /** The additive causal mask [T, T]: 0 on and below the diagonal, -inf above (no peeking ahead). */
    static NDArray causalMask(NDManager root, int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) m[i * t + j] = Float.NEGATIVE_INFINITY;
        return root.create(m, new Shape(t, t));
    }
}
