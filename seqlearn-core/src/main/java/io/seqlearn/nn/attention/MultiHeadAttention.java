package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.nn.Init;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head attention with the semantics and parameter names of {@code torch.nn.MultiheadAttention}:
 * <pre>  head_h = Attention(Q W_qʰ, K W_kʰ, V W_vʰ),   out = concat(head_1..H) W_oᵀ + b_o</pre>
 * Parameters: {@code in_proj_weight} (3E, E) and {@code in_proj_bias} (3E) when kdim = vdim = E, else
 * {@code q_proj_weight} (E, E), {@code k_proj_weight} (E, kdim), {@code v_proj_weight} (E, vdim) and
 * {@code in_proj_bias}; {@code out_proj.weight} (E, E), {@code out_proj.bias} (E). Init as PyTorch:
 * Xavier-uniform projections, zero biases, {@code out_proj} weight U(−1/√E, 1/√E). A PyTorch state_dict
 * therefore loads unchanged. Not supported: {@code add_bias_kv}, {@code add_zero_attn}.
 *
 * <p>Shapes (batch-first, the default here; PyTorch's default is sequence-first, see
 * {@link Options#withBatchFirst}): query (B, L, E), key (B, S, kdim), value (B, S, vdim) → output
 * (B, L, E); weights (B, L, S) averaged or (B, H, L, S) per head. Masks: {@code keyPaddingMask} (B, S),
 * {@code attnMask} (L, S) or (B·H, L, S), boolean (non-zero = blocked) or additive; {@code isCausal}
 * applies the causal rule without a mask tensor. Dropout acts on the weights in training mode; the
 * returned weights are the post-dropout ones, as PyTorch's. A query whose keys are all masked gets a
 * zero attention output (PyTorch: NaN), see {@link MaskedSoftmax}.
 *
 * <p>Example: {@code new MultiHeadAttention(64, 4, Options.defaults(), new Rng(0)).forward(x, x, x, Args.none())}.
 */
public class MultiHeadAttention extends Module {
    /** Constructor options; defaults: dropout 0, bias on, kdim = vdim = E, batch-first, F32. */
    public record Options(double dropout, boolean bias, int kdim, int vdim, boolean batchFirst, DType dtype) {
        public static Options defaults() { return new Options(0.0, true, -1, -1, true, DType.F32); }
        public Options withDropout(double p) { return new Options(p, bias, kdim, vdim, batchFirst, dtype); }
        public Options withBias(boolean b) { return new Options(dropout, b, kdim, vdim, batchFirst, dtype); }
        public Options withKdim(int k) { return new Options(dropout, bias, k, vdim, batchFirst, dtype); }
        public Options withVdim(int v) { return new Options(dropout, bias, kdim, v, batchFirst, dtype); }
        public Options withBatchFirst(boolean bf) { return new Options(dropout, bias, kdim, vdim, bf, dtype); }
        public Options withDtype(DType d) { return new Options(dropout, bias, kdim, vdim, batchFirst, d); }
    }

    /** Per-call arguments; all optional. */
    public record Args(AttnMask keyPaddingMask, AttnMask attnMask, boolean isCausal, AttentionWeights weights) {
        public static Args none() { return new Args(null, null, false, AttentionWeights.NONE); }
        public Args withKeyPaddingMask(AttnMask m) { return new Args(m, attnMask, isCausal, weights); }
        public Args withAttnMask(AttnMask m) { return new Args(keyPaddingMask, m, isCausal, weights); }
        public Args withCausal(boolean c) { return new Args(keyPaddingMask, attnMask, c, weights); }
        public Args withWeights(AttentionWeights w) { return new Args(keyPaddingMask, attnMask, isCausal, w); }
    }

    private final int embedDim, numHeads, headDim, kdim, vdim;
    private final boolean batchFirst;
    private final double dropout;
    private final Rng dropoutRng;
    private final Tensor inProjWeight, qProjWeight, kProjWeight, vProjWeight, inProjBias;
    private final Linear outProj;

    public MultiHeadAttention(int embedDim, int numHeads, Options o, Rng rng) {
        if (numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("multi_head_attention: embed_dim " + embedDim + " must be divisible by num_heads " + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = embedDim / numHeads;
        this.kdim = o.kdim() < 0 ? embedDim : o.kdim();
        this.vdim = o.vdim() < 0 ? embedDim : o.vdim();
        this.batchFirst = o.batchFirst();
        this.dropout = o.dropout();
        boolean packed = kdim == embedDim && vdim == embedDim;
        DType dt = o.dtype();
        this.inProjWeight = packed ? registerParameter("in_proj_weight", xavier(dt, rng, 3 * embedDim, embedDim)) : null;
        this.qProjWeight = packed ? null : registerParameter("q_proj_weight", xavier(dt, rng, embedDim, embedDim));
        this.kProjWeight = packed ? null : registerParameter("k_proj_weight", xavier(dt, rng, embedDim, kdim));
        this.vProjWeight = packed ? null : registerParameter("v_proj_weight", xavier(dt, rng, embedDim, vdim));
        this.inProjBias = o.bias() ? registerParameter("in_proj_bias", Tensors.zeros(dt, 3 * embedDim)) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, o.bias(), dt, rng));
        if (o.bias()) outProj.bias().fill(0);
        this.dropoutRng = new Rng(rng.nextLong());
    }

    private static Tensor xavier(DType dt, Rng rng, int rows, int cols) {
        return Init.xavierUniform(Tensors.zeros(dt, rows, cols), rng, 1.0);
    }

    /** Self-attention of x with no mask. */
    @Override
    public Tensor forward(Tensor x) { return forward(x, x, x, Args.none()).output(); }

    /** Attention of {@code query} over {@code key}/{@code value}; see the class comment for shapes. */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Args args) {
        boolean self = query == key && key == value;
        Tensor q = batchFirst ? query : swap(query), k = self ? q : batchFirst ? key : swap(key);
        Tensor v = self ? q : batchFirst ? value : swap(value);
        checkInputs(q, k, v);
        if (self && inProjWeight != null) {
            AttentionOutput r = packedSelfAttention(q, args);
            if (r != null) return batchFirst ? r : new AttentionOutput(swap(r.output()), r.weights());
        }
        Tensor[] heads = self && inProjWeight != null ? projectPacked(q) : new Tensor[]{
                projectQueryHeads(q), projectHeads(k, 1), projectHeads(v, 2)};
        int b = q.size(0), l = q.size(1), s = k.size(1);
        List<Tensor> masks = new ArrayList<>();
        if (args.keyPaddingMask() != null) masks.add(keyPaddingBias(args.keyPaddingMask(), b, s, q.dtype()));
        if (args.attnMask() != null) masks.add(attnMaskBias(args.attnMask(), b, l, s, q.dtype()));
        AttentionOutput r = attendHeads(heads[0], heads[1], heads[2], masks, args.isCausal(), args.weights());
        return batchFirst ? r : new AttentionOutput(swap(r.output()), r.weights());
    }

    /**
     * Self-attention in training (or when weights are asked for) straight on the packed projection
     * ({@link PackedHeads}); null when the memory-efficient no-grad path applies instead.
     */
    private AttentionOutput packedSelfAttention(Tensor x, Args args) {
        boolean drop = isTraining() && dropout > 0;
        int b = x.size(0), l = x.size(1);
        List<Tensor> masks = new ArrayList<>();
        if (args.keyPaddingMask() != null) masks.add(keyPaddingBias(args.keyPaddingMask(), b, l, x.dtype()));
        if (args.attnMask() != null) masks.add(attnMaskBias(args.attnMask(), b, l, l, x.dtype()));
        Tensor[] biases = masks.toArray(new Tensor[0]);
        boolean plain = !drop && args.weights() == AttentionWeights.NONE;
        boolean biasGrad = Node.needsGrad(biases);
        if (plain && !biasGrad && !Node.needsGrad(x, inProjWeight, inProjBias)) return null;
        Tensor qkv = F.linear(x, inProjWeight, inProjBias);
        double scale = 1.0 / Math.sqrt(headDim);
        if (plain && !biasGrad) {
            Tensor mixed = FusedSelfAttention.apply(qkv, numHeads, scale, args.isCausal(), biases);
            return new AttentionOutput(outProj.forward(mixed), null);
        }
        Tensor w = MaskedSoftmax.apply(PackedHeads.scores(qkv, numHeads), scale, args.isCausal(), biases);
        if (drop) {
            Tensor keep = Tensors.bernoulli(w.dtype(), dropoutRng, 1 - dropout, w.shapeRef());
            w = w.mul(keep.mul(1.0 / (1 - dropout)));
        }
        Tensor out = outProj.forward(PackedHeads.mix(w, qkv, numHeads));
        Tensor weights = switch (args.weights()) {
            case NONE -> null;
            case AVERAGED -> w.mean(1, false);
            case PER_HEAD -> w;
        };
        return new AttentionOutput(out, weights);
    }

    private static Tensor swap(Tensor x) {
        if (x.rank() != 3) throw new ShapeException("multi_head_attention: input expected (T, B, E), got " + Shapes.str(x.shapeRef()));
        return x.transpose(0, 1);
    }

    private void checkInputs(Tensor q, Tensor k, Tensor v) {
        String l = batchFirst ? "(B, L, " : "(L, B, ";
        String s = batchFirst ? "(B, S, " : "(S, B, ";
        if (q.rank() != 3 || q.size(2) != embedDim) throw err("query", l + embedDim + ")", q);
        if (k.rank() != 3 || k.size(2) != kdim || k.size(0) != q.size(0)) throw err("key", s + kdim + ")", k);
        if (v.rank() != 3 || v.size(2) != vdim || v.size(0) != q.size(0) || v.size(1) != k.size(1)) {
            throw err("value", s + vdim + ")", v);
        }
    }

    private ShapeException err(String what, String expected, Tensor got) {
        int[] s = got.shapeRef();
        if (!batchFirst && s.length == 3) s = new int[]{s[1], s[0], s[2]};
        return new ShapeException("multi_head_attention: " + what + " expected " + expected + ", got " + Shapes.str(s));
    }

    /** One GEMM for Q, K and V of self-attention: (B, L, E) → three (B, H, L, Dh) views. */
    private Tensor[] projectPacked(Tensor x) {
        int b = x.size(0), l = x.size(1);
        Tensor qkv = F.linear(x, inProjWeight, inProjBias).reshape(b, l, 3, numHeads, headDim);
        return new Tensor[]{qkv.select(2, 0).transpose(1, 2), qkv.select(2, 1).transpose(1, 2),
                qkv.select(2, 2).transpose(1, 2)};
    }

    /** Query (B, L, E), batch-first → heads (B, H, L, Dh). */
    public Tensor projectQueryHeads(Tensor q) { return projectHeads(q, 0); }

    /** Key (B, S, kdim) and value (B, S, vdim), batch-first → heads (B, H, S, Dh) each (for caches). */
    public Tensor[] projectKeyValueHeads(Tensor k, Tensor v) {
        return new Tensor[]{projectHeads(k, 1), projectHeads(v, 2)};
    }

    private Tensor projectHeads(Tensor x, int which) {
        Tensor w = inProjWeight != null ? inProjWeight.narrow(0, which * embedDim, embedDim)
                : which == 0 ? qProjWeight : which == 1 ? kProjWeight : vProjWeight;
        Tensor bias = inProjBias == null ? null : inProjBias.narrow(0, which * embedDim, embedDim);
        return F.linear(x, w, bias).reshape(x.size(0), x.size(1), numHeads, headDim).transpose(1, 2);
    }

    /**
     * Attention over projected heads: qh (B, H, L, Dh), kh/vh (B, H, S, Dh), additive masks broadcasting to
     * (B, H, L, S) → batch-first output (B, L, E) after {@code out_proj}, and the requested weights.
     */
    public AttentionOutput attendHeads(Tensor qh, Tensor kh, Tensor vh, List<Tensor> masks, boolean causal,
                                       AttentionWeights weights) {
        boolean drop = isTraining() && dropout > 0;
        var args = ScaledDotProductAttention.Args.defaults().withMasks(masks.toArray(new Tensor[0]))
                .withCausal(causal).withDropout(drop ? dropout : 0, drop ? dropoutRng : null)
                .withNeedWeights(weights != AttentionWeights.NONE);
        AttentionOutput a = ScaledDotProductAttention.apply(qh, kh, vh, args);
        int b = qh.size(0), l = qh.size(2);
        Tensor out = outProj.forward(a.output().transpose(1, 2).reshape(b, l, embedDim));
        Tensor w = switch (weights) {
            case NONE -> null;
            case AVERAGED -> a.weights().mean(1, false);
            case PER_HEAD -> a.weights();
        };
        return new AttentionOutput(out, w);
    }

    /** A key-padding mask (B, S) as an additive bias (B, 1, 1, S). */
    public static Tensor keyPaddingBias(AttnMask m, int b, int s, DType dtype) {
        Shapes.check("multi_head_attention", "key_padding_mask", m.values().shapeRef(), b, s);
        return m.bias(dtype).reshape(b, 1, 1, s);
    }

    /** An attention mask (L, S) or (B·H, L, S) as an additive bias broadcasting to (B, H, L, S). */
    public Tensor attnMaskBias(AttnMask m, int b, int l, int s, DType dtype) {
        int[] sh = m.values().shapeRef();
        if (sh.length == 2) {
            Shapes.check("multi_head_attention", "attn_mask", sh, l, s);
            return m.bias(dtype);
        }
        Shapes.check("multi_head_attention", "attn_mask", sh, b * numHeads, l, s);
        return m.bias(dtype).reshape(b, numHeads, l, s);
    }

    public int embedDim() { return embedDim; }

    public int numHeads() { return numHeads; }

    public int headDim() { return headDim; }

    public boolean batchFirst() { return batchFirst; }

    public Linear outProj() { return outProj; }
}
