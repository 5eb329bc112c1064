package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Scaled dot-product attention (Vaswani et al. 2017, eq. 1), as {@code torch.nn.functional
 * .scaled_dot_product_attention}:
 * <pre>  A = softmax(scale · Q Kᵀ + mask),  out = dropout(A) · V,  scale = 1/√E by default</pre>
 * Shapes: q (…, Tq, E), k (…, Tk, E), v (…, Tk, Ev) → out (…, Tq, Ev), weights (…, Tq, Tk); batch dims
 * broadcast. QKᵀ and AV are batched GEMMs ({@link Tensor#matmul}, transposed views passed as GEMM flags);
 * scale, masks and softmax are one fused node ({@link MaskedSoftmax}). A row whose keys are all masked
 * yields zeros (PyTorch yields NaN).
 *
 * <p>Path choice: when no gradient is recorded, dropout is off and weights are not requested, F32 inputs
 * go through {@link TiledAttention} (online softmax over key blocks) so memory stays O(T·E) rather than
 * O(T²) per head; otherwise the plain path above runs.
 */
public final class ScaledDotProductAttention {
    private ScaledDotProductAttention() {}

    /**
     * Options for one call.
     *
     * @param masks       additive or boolean masks, each broadcasting to (…, Tq, Tk); key-padding masks (B, Tk)
     *                    are the caller's to reshape to (B, 1, …, 1, Tk)
     * @param causal      block key j for query i when j &gt; i + (Tk − Tq)
     * @param dropout     dropout probability on the weights (applied only when {@code rng} is non-null)
     * @param rng         source of dropout masks; null = no dropout (evaluation)
     * @param scale       multiplier of QKᵀ; NaN means 1/√E
     * @param needWeights return the (post-dropout) weights, forcing the plain path
     */
    public record Args(Tensor[] masks, boolean causal, double dropout, Rng rng, double scale, boolean needWeights) {
        public static Args defaults() { return new Args(new Tensor[0], false, 0, null, Double.NaN, false); }

        public Args withMasks(Tensor... m) { return new Args(m, causal, dropout, rng, scale, needWeights); }

        public Args withCausal(boolean c) { return new Args(masks, c, dropout, rng, scale, needWeights); }

        public Args withDropout(double p, Rng r) { return new Args(masks, causal, p, r, scale, needWeights); }

        public Args withScale(double s) { return new Args(masks, causal, dropout, rng, s, needWeights); }

        public Args withNeedWeights(boolean w) { return new Args(masks, causal, dropout, rng, scale, w); }
    }

    /** Attention with the given options; masks are additive biases (see {@link AttnMask#bias}). */
    public static AttentionOutput apply(Tensor q, Tensor k, Tensor v, Args args) {
        check(q, k, v);
        double scale = Double.isNaN(args.scale()) ? 1.0 / Math.sqrt(q.size(-1)) : args.scale();
        boolean dropout = args.rng() != null && args.dropout() > 0;
        Tensor[] all = concat(args.masks(), q, k, v);
        if (!args.needWeights() && !dropout && q.dtype() == DType.F32 && !Node.needsGrad(all)) {
            return new AttentionOutput(TiledAttention.apply(q, k, v, scale, args.causal(), args.masks()), null);
        }
        return plain(q, k, v, scale, args.causal(), dropout ? args.dropout() : 0, args.rng(), args.masks());
    }

    /** The plain (reference) path: GEMM, fused masked softmax, optional dropout, GEMM. */
    public static AttentionOutput plain(Tensor q, Tensor k, Tensor v, double scale, boolean causal,
                                        double dropout, Rng rng, Tensor... masks) {
        check(q, k, v);
        Tensor scores = q.matmul(k.transpose(-1, -2));
        Tensor w = MaskedSoftmax.apply(scores, scale, causal, masks);
        if (dropout > 0 && rng != null) {
            Tensor keep = Tensors.bernoulli(w.dtype(), rng, 1 - dropout, w.shapeRef());
            w = w.mul(keep.mul(1.0 / (1 - dropout)));
        }
        return new AttentionOutput(w.matmul(v), w);
    }

    private static Tensor[] concat(Tensor[] masks, Tensor... more) {
        Tensor[] all = java.util.Arrays.copyOf(masks, masks.length + more.length);
        System.arraycopy(more, 0, all, masks.length, more.length);
        return all;
    }

    static void check(Tensor q, Tensor k, Tensor v) {
        String op = "scaled_dot_product_attention";
        if (q.rank() < 2) throw new ShapeException(op + ": query expected (…, Tq, E), got " + Shapes.str(q.shapeRef()));
        if (k.rank() < 2 || k.size(-1) != q.size(-1)) {
            throw new ShapeException(op + ": key expected (…, Tk, " + q.size(-1) + "), got " + Shapes.str(k.shapeRef()));
        }
        if (v.rank() < 2 || v.size(-2) != k.size(-2)) {
            throw new ShapeException(op + ": value expected (…, " + k.size(-2) + ", Ev), got " + Shapes.str(v.shapeRef()));
        }
        if (q.dtype() != k.dtype() || q.dtype() != v.dtype()) {
            throw new ShapeException(op + ": dtypes differ: query " + q.dtype() + ", key " + k.dtype() + ", value " + v.dtype());
        }
    }
}
