package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * Per-token accuracy for sequence tagging: tag scores (B, T, K) (class axis last) or predicted tags
 * (B, T) (e.g. Viterbi-decoded) against gold tags (B, T); positions whose gold tag equals the padding
 * index are skipped, so padding never inflates the score. Log name "token_accuracy".
 */
public final class TokenAccuracy implements Metric {
    private final Accuracy inner;

    /** @param padIndex the tag value used for padding positions */
    public TokenAccuracy(int padIndex) { this.inner = Accuracy.sparse(padIndex).named("token_accuracy"); }

    @Override
    public void update(Tensor prediction, Tensor target) { inner.update(prediction, target); }

    @Override
    public double result() { return inner.result(); }

    @Override
    public void reset() { inner.reset(); }

    @Override
    public String name() { return inner.name(); }

    /** Non-padding tokens counted so far. */
    public long tokens() { return inner.count(); }
}
