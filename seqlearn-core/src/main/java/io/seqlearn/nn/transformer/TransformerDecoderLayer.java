package io.seqlearn.nn.transformer;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.LayerNorm;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.AttentionWeights;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One Transformer decoder layer, as {@code torch.nn.TransformerDecoderLayer}:
 * <pre>  post-norm: x = norm1(x + SA(x));  x = norm2(x + CA(x, mem));  x = norm3(x + FF(x))
 *  pre-norm:  x = x + SA(norm1(x));  x = x + CA(norm2(x), mem);  x = x + FF(norm3(x))</pre>
 * with SA = dropout1 ∘ self_attn, CA = dropout2 ∘ multihead_attn, FF = dropout3 ∘ linear2 ∘ dropout ∘ act ∘
 * linear1. PyTorch parameter names ({@code self_attn.*}, {@code multihead_attn.*}, {@code linear1/2},
 * {@code norm1..3}). tgt (B, T, D), memory (B, S, D) batch-first, or sequence-first with
 * {@code withBatchFirst(false)}.
 */
public class TransformerDecoderLayer extends Module {
    private final int dModel;
    private final TransformerOptions o;
    private final MultiHeadAttention selfAttn, crossAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2, dropout3;
    private final LayerNorm norm1, norm2, norm3;

    public TransformerDecoderLayer(int dModel, int nhead, TransformerOptions o, Rng rng) {
        this.dModel = dModel;
        this.o = o;
        var mha = MultiHeadAttention.Options.defaults().withDropout(o.dropout()).withDtype(o.dtype());
        this.selfAttn = registerModule("self_attn", new MultiHeadAttention(dModel, nhead, mha, rng));
        this.crossAttn = registerModule("multihead_attn", new MultiHeadAttention(dModel, nhead, mha, rng));
        this.linear1 = registerModule("linear1", new Linear(dModel, o.dimFeedforward(), true, o.dtype(), rng));
        this.dropout = registerModule("dropout", new Dropout(o.dropout(), rng));
        this.linear2 = registerModule("linear2", new Linear(o.dimFeedforward(), dModel, true, o.dtype(), rng));
        this.norm1 = registerModule("norm1", new LayerNorm(dModel, o.layerNormEps(), o.dtype()));
        this.norm2 = registerModule("norm2", new LayerNorm(dModel, o.layerNormEps(), o.dtype()));
        this.norm3 = registerModule("norm3", new LayerNorm(dModel, o.layerNormEps(), o.dtype()));
        this.dropout1 = registerModule("dropout1", new Dropout(o.dropout(), rng));
        this.dropout2 = registerModule("dropout2", new Dropout(o.dropout(), rng));
        this.dropout3 = registerModule("dropout3", new Dropout(o.dropout(), rng));
    }

    /** Full-sequence forward; {@code selfArgs} masks the target (e.g. causal), {@code memoryArgs} the memory. */
    public Tensor forward(Tensor tgt, Tensor memory, MultiHeadAttention.Args selfArgs, MultiHeadAttention.Args memoryArgs) {
        Shapes.check("transformer_decoder_layer", "tgt", tgt.shapeRef(), -1, -1, dModel);
        Shapes.check("transformer_decoder_layer", "memory", memory.shapeRef(), -1, -1, dModel);
        boolean bf = o.batchFirst();
        Tensor x = forwardBatchFirst(bf ? tgt : tgt.transpose(0, 1), bf ? memory : memory.transpose(0, 1), selfArgs, memoryArgs);
        return bf ? x : x.transpose(0, 1);
    }

    Tensor forwardBatchFirst(Tensor x, Tensor mem, MultiHeadAttention.Args selfArgs, MultiHeadAttention.Args memArgs) {
        var sa = selfArgs.withWeights(AttentionWeights.NONE);
        var ca = memArgs.withWeights(AttentionWeights.NONE);
        if (o.normFirst()) {
            Tensor n1 = norm1.forward(x);
            x = x.add(dropout1.forward(selfAttn.forward(n1, n1, n1, sa).output()));
            x = x.add(dropout2.forward(crossAttn.forward(norm2.forward(x), mem, mem, ca).output()));
            return x.add(feedForward(norm3.forward(x)));
        }
        x = norm1.forward(x.add(dropout1.forward(selfAttn.forward(x, x, x, sa).output())));
        x = norm2.forward(x.add(dropout2.forward(crossAttn.forward(x, mem, mem, ca).output())));
        return norm3.forward(x.add(feedForward(x)));
    }

    /**
     * Incremental forward of new target positions x (B, t, D) (batch-first) given every earlier position's
     * keys/values in {@code cache}; the memory's key/value heads are projected on the first call only.
     */
    Tensor forwardCached(Tensor x, Tensor mem, MultiHeadAttention.Args memArgs, LayerCache cache) {
        if (o.normFirst()) {
            x = x.add(dropout1.forward(cachedSelf(norm1.forward(x), cache)));
            x = x.add(dropout2.forward(cachedCross(norm2.forward(x), mem, memArgs, cache)));
            return x.add(feedForward(norm3.forward(x)));
        }
        x = norm1.forward(x.add(dropout1.forward(cachedSelf(x, cache))));
        x = norm2.forward(x.add(dropout2.forward(cachedCross(x, mem, memArgs, cache))));
        return norm3.forward(x.add(feedForward(x)));
    }

    private Tensor cachedSelf(Tensor x, LayerCache cache) {
        Tensor[] kv = selfAttn.projectKeyValueHeads(x, x);
        cache.append(kv[0], kv[1]);
        // causal with offset: new query i sees every cached key and new keys up to itself
        return selfAttn.attendHeads(selfAttn.projectQueryHeads(x), cache.keys(), cache.values(), List.of(), true,
                AttentionWeights.NONE).output();
    }

    private Tensor cachedCross(Tensor x, Tensor mem, MultiHeadAttention.Args memArgs, LayerCache cache) {
        if (cache.memoryKeys == null) {
            Tensor[] kv = crossAttn.projectKeyValueHeads(mem, mem);
            cache.memoryKeys = kv[0];
            cache.memoryValues = kv[1];
        }
        int b = x.size(0), l = x.size(1), s = cache.memoryKeys.size(2);
        List<Tensor> masks = new ArrayList<>();
        if (memArgs.keyPaddingMask() != null) {
            masks.add(MultiHeadAttention.keyPaddingBias(memArgs.keyPaddingMask(), b, s, x.dtype()));
        }
        if (memArgs.attnMask() != null) {
            throw new IllegalArgumentException("transformer_decoder: a memory attn_mask is not supported in cached decoding");
        }
        return crossAttn.attendHeads(crossAttn.projectQueryHeads(x), cache.memoryKeys, cache.memoryValues, masks,
                memArgs.isCausal(), AttentionWeights.NONE).output();
    }

    private Tensor feedForward(Tensor x) {
        return dropout3.forward(FeedForward.apply(x, linear1, dropout, linear2, o.activation()));
    }

    public MultiHeadAttention selfAttn() { return selfAttn; }

    public MultiHeadAttention multiheadAttn() { return crossAttn; }

    public TransformerOptions options() { return o; }
}
