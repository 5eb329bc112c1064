package io.seqlearn.metrics;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.loss.CrossEntropyLoss;
import io.seqlearn.loss.Reduction;
import io.seqlearn.tensor.Tensor;

/**
 * Accumulated cross-entropy in nats, weighted by token: Σ over tokens of −log p(target) and the number
 * of tokens. Feeds {@link Perplexity} and {@link BitsPerCharacter}. Logits (…, V) have the vocabulary axis
 * last (language-model output (B, T, V)); targets (…) hold token ids; targets equal to the ignore index
 * (padding) are not counted.
 */
final class TokenCrossEntropy {
    private final CrossEntropyLoss perToken;
    private final int ignoreIndex;
    private double nats;
    private long tokens;

    TokenCrossEntropy(int ignoreIndex) {
        this.ignoreIndex = ignoreIndex;
        this.perToken = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withChannelsLast(true)
                .withIgnoreIndex(ignoreIndex).withReduction(Reduction.NONE));
    }

    void update(Tensor logits, Tensor target) {
        try (var g = GradMode.disabled()) {
            Tensor l = perToken.apply(logits, target);
            Tensor t = target.contiguousNoGrad();
            for (int i = 0, n = t.numel(); i < n; i++) {
                if ((int) t.at(t.offset() + i) == ignoreIndex) continue;
                nats += l.at(l.offset() + i);
                tokens++;
            }
        }
    }

    /** Adds a batch whose mean cross-entropy (nats per token) over {@code count} tokens is already known. */
    void add(double meanNats, long count) {
        if (count < 0) throw new IllegalArgumentException("token count must be >= 0, got " + count);
        nats += meanNats * count;
        tokens += count;
    }

    /** Mean nats per token (NaN before any token). */
    double mean() { return tokens == 0 ? Double.NaN : nats / tokens; }

    long tokens() { return tokens; }

    void reset() {
        nats = 0;
        tokens = 0;
    }
}
