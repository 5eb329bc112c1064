package io.seqlearn.train;

import io.seqlearn.layers.Layer;
import io.seqlearn.nn.transformer.TransformerEncoderLayer;
import io.seqlearn.nn.transformer.TransformerOptions;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Map;

/**
 * Test-only Keras-style wrapper of {@link TransformerEncoderLayer} (self-attention, GELU feed-forward, two
 * layer norms; input (B, T, D) → same shape), so a Transformer block can train under {@code fit}. Its
 * internal dropout is 0: {@code nn.Dropout} keeps a private RNG that a checkpoint cannot restore; put a
 * {@link io.seqlearn.layers.Dropout} layer (reseeded per step by the trainer) after it instead.
 */
final class EncoderBlock extends Layer {
    private final int heads;
    private final int feedForward;
    private TransformerEncoderLayer block;

    EncoderBlock(int heads, int feedForward) {
        this.heads = heads;
        this.feedForward = feedForward;
    }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        TransformerOptions o = TransformerOptions.defaults().withDimFeedforward(feedForward).withDropout(0)
                .withActivation(TransformerOptions.Activation.GELU).withDtype(dtype());
        block = adopt(new TransformerEncoderLayer(featureSize(inputShape), heads, o, rng));
    }

    @Override
    protected Tensor compute(Tensor x) { return block.forward(x); }

    @Override
    public Map<String, Object> config() { return Map.of("heads", heads, "feed_forward", feedForward); }
}
