package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Perplexity of a language model: {@code exp(Σ_tokens −log p(y) / N_tokens)}, the exponential of the mean
 * cross-entropy in nats, weighted by token across batches (not the mean of per-batch perplexities).
 * {@link #update} takes logits (…, V) (vocabulary axis last, e.g. (B, T, V)) and token-id targets (…);
 * targets equal to the ignore index (padding; default −100) are skipped. A training loop that already has
 * the mean loss of a batch can call {@link #addMeanLoss} instead.
 */
public final class Perplexity implements Metric {
    private final TokenCrossEntropy ce;

    public Perplexity() { this(-100); }

    public Perplexity(int ignoreIndex) { this.ce = new TokenCrossEntropy(ignoreIndex); }

    @Override
    public void update(Tensor logits, Tensor target) { ce.update(logits, target); }

    /** Adds a batch of {@code tokens} tokens with mean cross-entropy {@code meanNats}. */
    public void addMeanLoss(double meanNats, long tokens) { ce.add(meanNats, tokens); }

    @Override
    public double result() { return Math.exp(ce.mean()); }

    /** The mean cross-entropy in nats per token. */
    public double meanCrossEntropy() { return ce.mean(); }

    public long tokens() { return ce.tokens(); }

    @Override
    public void reset() { ce.reset(); }

    @Override
    public String name() { return "perplexity"; }
}
