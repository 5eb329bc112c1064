package io.seqlearn.nn.transformer;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.LayerNorm;
import io.seqlearn.nn.Module;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack of {@link TransformerDecoderLayer}s, as {@code torch.nn.TransformerDecoder} ({@code layers.{i}.…},
 * optional final {@code norm}), plus incremental decoding with a {@link KVCache}:
 * <pre>  KVCache c = decoder.newCache();
 *  for each step: Tensor h = decoder.forwardStep(embed(lastToken), memory, memoryArgs, c);   // (B, 1, D)</pre>
 * which gives the same result as {@link #forward} on the whole prefix with a causal self-attention mask.
 */
public class TransformerDecoder extends Module {
    private final LayerList<TransformerDecoderLayer> layers;
    private final LayerNorm norm;
    private final boolean batchFirst;
    private final int dModel;

    public TransformerDecoder(int dModel, int nhead, int numLayers, TransformerOptions o, boolean finalNorm, Rng rng) {
        List<TransformerDecoderLayer> ls = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) ls.add(new TransformerDecoderLayer(dModel, nhead, o, rng));
        this.layers = registerModule("layers", new LayerList<>(ls));
        this.norm = finalNorm ? registerModule("norm", new LayerNorm(dModel, o.layerNormEps(), o.dtype())) : null;
        this.batchFirst = o.batchFirst();
        this.dModel = dModel;
    }

    /** tgt (B, T, D), memory (B, S, D) (or sequence-first) → (B, T, D). */
    public Tensor forward(Tensor tgt, Tensor memory, MultiHeadAttention.Args selfArgs, MultiHeadAttention.Args memoryArgs) {
        Shapes.check("transformer_decoder", "tgt", tgt.shapeRef(), -1, -1, dModel);
        Shapes.check("transformer_decoder", "memory", memory.shapeRef(), -1, -1, dModel);
        Tensor x = batchFirst ? tgt : tgt.transpose(0, 1), mem = batchFirst ? memory : memory.transpose(0, 1);
        for (TransformerDecoderLayer l : layers.items()) x = l.forwardBatchFirst(x, mem, selfArgs, memoryArgs);
        if (norm != null) x = norm.forward(x);
        return batchFirst ? x : x.transpose(0, 1);
    }

    /** An empty cache for {@link #forwardStep}. */
    public KVCache newCache() { return new KVCache(layers.items().size()); }

    /**
     * Feeds the next target positions tgt (B, t, D) — usually t = 1 — after the {@code cache.length()} already
     * fed, and returns their outputs (B, t, D). Inference only: runs with gradient recording off (the
     * cache is written in place). Layout follows the options (batch-first by default).
     */
    public Tensor forwardStep(Tensor tgt, Tensor memory, MultiHeadAttention.Args memoryArgs, KVCache cache) {
        Shapes.check("transformer_decoder", "tgt", tgt.shapeRef(), -1, -1, dModel);
        try (var g = GradMode.disabled()) {
            Tensor x = batchFirst ? tgt : tgt.transpose(0, 1), mem = batchFirst ? memory : memory.transpose(0, 1);
            List<TransformerDecoderLayer> ls = layers.items();
            for (int i = 0; i < ls.size(); i++) x = ls.get(i).forwardCached(x, mem, memoryArgs, cache.layers[i]);
            if (norm != null) x = norm.forward(x);
            return batchFirst ? x : x.transpose(0, 1);
        }
    }

    public List<TransformerDecoderLayer> layers() { return layers.items(); }
}
