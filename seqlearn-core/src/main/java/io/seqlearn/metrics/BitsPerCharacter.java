package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Bits per character of a character-level language model: the mean cross-entropy in nats per token
 * divided by ln 2, token-weighted across batches. Inputs as {@link Perplexity}: logits (…, V), targets (…),
 * ignore index (default −100) skipped, or {@link #addMeanLoss}.
 */
public final class BitsPerCharacter implements Metric {
    private static final double LN2 = Math.log(2);
    private final TokenCrossEntropy ce;

    public BitsPerCharacter() { this(-100); }

    public BitsPerCharacter(int ignoreIndex) { this.ce = new TokenCrossEntropy(ignoreIndex); }

    @Override
    public void update(Tensor logits, Tensor target) { ce.update(logits, target); }

    /** Adds a batch of {@code tokens} characters with mean cross-entropy {@code meanNats}. */
    public void addMeanLoss(double meanNats, long tokens) { ce.add(meanNats, tokens); }

    @Override
    public double result() { return ce.mean() / LN2; }

    public long tokens() { return ce.tokens(); }

    @Override
    public void reset() { ce.reset(); }

    @Override
    public String name() { return "bpc"; }
}
