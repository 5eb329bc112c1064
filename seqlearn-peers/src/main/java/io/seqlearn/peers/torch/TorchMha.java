package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * torch.nn.functional.multi_head_attention_forward composed from libtorch ops, batch-first, dropout 0, float64
 * (PyTorch 2.7.1 {@code torch/nn/functional.py}, the need_weights=True path; the need_weights=False path that
 * Transformer layers take calls scaled_dot_product_attention, which is the same formula):
 *
 * <pre>
 *   q, k, v = in-projection (packed weight: one linear when query is key is value, q + one kv linear when key
 *             is value, three chunks otherwise; or q/k/v_proj_weight when kdim/vdim ≠ E)
 *   per head (row b·heads + h):  w = softmax(q·√(1/dh) kᵀ + mask),  ctx = w v
 *   out = out_proj(concat_h ctx);  weights (B, heads, Tq, Tk)
 * </pre>
 *
 * mask = attn_mask (as (1, Tq, Tk) or (B·heads, Tq, Tk)) + key_padding_mask (as (B·heads, 1, Tk)), both
 * additive (bool masks turned into −inf by {@link TorchOps#additiveMask}), as PyTorch merges them.
 */
final class TorchMha {
    private TorchMha() {}

    /** How query, key and value relate, which picks PyTorch's in-projection route. */
    enum Inputs { SELF, KEY_IS_VALUE, DISTINCT }

    /** The module's parameters; bInProj, bOut may be null (bias=False); wq/wk/wv only when kdim/vdim ≠ E. */
    record Params(NDArray wInProj, NDArray bInProj, NDArray wq, NDArray wk, NDArray wv, NDArray wOut, NDArray bOut) {}

    /** Returns {out (B, Tq, E), weights (B, heads, Tq, Tk)}. */
    static NDList forward(NDArray q, NDArray k, NDArray v, Inputs inputs, Params p, int heads, NDArray attnMask,
                          NDArray keyPaddingMask) {
        long b = q.getShape().get(0), tq = q.getShape().get(1), e = p.wOut().getShape().get(0), tk = k.getShape().get(1);
        long dh = e / heads;
        NDList qkv = project(q, k, v, inputs, p, e);
        NDArray qh = heads(qkv.get(0), heads, dh), kh = heads(qkv.get(1), heads, dh), vh = heads(qkv.get(2), heads, dh);
        NDArray mask = null;
        if (attnMask != null) mask = attnMask.getShape().dimension() == 2 ? attnMask.expandDims(0) : attnMask;
        if (keyPaddingMask != null) {
            NDArray kpm = keyPaddingMask.reshape(b, 1, 1, tk).broadcast(new Shape(b, heads, 1, tk)).reshape(b * heads, 1, tk);
            mask = mask == null ? kpm : mask.add(kpm);
        }
        NDArray scores = qh.mul(Math.sqrt(1.0 / dh)).matMul(kh.transpose(0, 2, 1));
        if (mask != null) scores = scores.add(mask);
        NDArray weights = scores.softmax(-1);
        NDArray ctx = weights.matMul(vh).reshape(b, heads, tq, dh).transpose(0, 2, 1, 3).reshape(b, tq, e);
        NDArray out = TorchOps.linear(ctx, p.wOut(), p.bOut());
        return new NDList(out, weights.reshape(b, heads, tq, tk));
    }

    /** (B, T, E) → (B·heads, T, dh), row b·heads + h, as PyTorch's view(T, B·heads, dh).transpose(0, 1). */
    private static NDArray heads(NDArray x, int heads, long dh) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        return x.reshape(b, t, heads, dh).transpose(0, 2, 1, 3).reshape(b * heads, t, dh);
    }

    private static NDList project(NDArray q, NDArray k, NDArray v, Inputs inputs, Params p, long e) {
        if (p.wInProj() == null) { // _in_projection: separate q/k/v weights, in_proj_bias still packed
            return new NDList(TorchOps.linear(q, p.wq(), bias(p, 0, e)), TorchOps.linear(k, p.wk(), bias(p, 1, e)),
                    TorchOps.linear(v, p.wv(), bias(p, 2, e)));
        }
        NDArray w = p.wInProj(), bias = p.bInProj();
        return switch (inputs) {
            case SELF -> TorchOps.linear(q, w, bias).split(3, 2);
            case KEY_IS_VALUE -> {
                NDArray kv = TorchOps.linear(k, rows(w, e, 3 * e), bias == null ? null : rows(bias, e, 3 * e));
                NDList kvs = kv.split(2, 2);
                yield new NDList(TorchOps.linear(q, rows(w, 0, e), bias(p, 0, e)), kvs.get(0), kvs.get(1));
            }
            case DISTINCT -> new NDList(TorchOps.linear(q, rows(w, 0, e), bias(p, 0, e)),
                    TorchOps.linear(k, rows(w, e, 2 * e), bias(p, 1, e)), TorchOps.linear(v, rows(w, 2 * e, 3 * e), bias(p, 2, e)));
        };
    }

    private static NDArray bias(Params p, int chunk, long e) {
        return p.bInProj() == null ? null : rows(p.bInProj(), chunk * e, (chunk + 1) * e);
    }

    private static NDArray rows(NDArray a, long from, long to) { return a.get(new NDIndex(from + ":" + to)); }
}
