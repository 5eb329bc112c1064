package io.seqlearn.tasks;

/**
 * A language model's score on a text.
 *
 * @param tokens       predicted tokens
 * @param loss         mean cross-entropy in nats per token
 * @param perplexity   e^loss
 * @param bitsPerToken loss / ln 2 (at character level: bits per character)
 */
public record LanguageModelEval(long tokens, double loss, double perplexity, double bitsPerToken) {
    static LanguageModelEval of(double lossSum, long tokens) {
        double loss = lossSum / tokens;
        return new LanguageModelEval(tokens, loss, Math.exp(loss), loss / Math.log(2));
    }
}
