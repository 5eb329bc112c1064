package io.seqlearn.nn.transformer;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensors;

/**
 * Key/value cache of a {@link TransformerDecoder} for incremental decoding: one {@link LayerCache} per
 * layer. Feeding tokens one at a time through {@link TransformerDecoder#forwardStep} with a cache gives the
 * same outputs as recomputing the whole prefix with a causal mask, at O(t) instead of O(t²) work per step.
 * Create with {@link TransformerDecoder#newCache()}; reorder rows for beam search with {@link #select}.
 */
public final class KVCache {
    final LayerCache[] layers;

    KVCache(int numLayers) {
        layers = new LayerCache[numLayers];
        for (int i = 0; i < numLayers; i++) layers[i] = new LayerCache();
    }

    private KVCache(LayerCache[] layers) { this.layers = layers; }

    /** Number of target tokens already fed. */
    public int length() { return layers.length == 0 ? 0 : layers[0].length(); }

    /** A new cache whose batch row i is row {@code rows[i]} of this one (rows may repeat). */
    public KVCache select(int[] rows) {
        var idx = Tensors.indices(DType.F32, rows);
        LayerCache[] out = new LayerCache[layers.length];
        for (int i = 0; i < layers.length; i++) out[i] = layers[i].select(idx);
        return new KVCache(out);
    }
}
