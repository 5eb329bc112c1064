package io.seqlearn.decode;

import io.seqlearn.tensor.Tensor;

/**
 * What the decoders need from a model: given a batch of N partial sequences, represented by the model's own
 * state {@code S} (hidden states, a KV cache, or simply the prefixes) and each row's last token, the scores
 * of the next token. Language models and encoder–decoder models both implement it; {@link Greedy},
 * {@link BeamSearch} and {@link Sampler} never look inside the state.
 *
 * @param <S> the model's decoding state for N rows
 */
public interface StepModel<S> {
    /**
     * Scores of the next token for each row: logits or log-probabilities (N, V) — the decoders apply a
     * log-softmax, which leaves log-probabilities unchanged — and the state after consuming {@code lastTokens}.
     */
    Step<S> step(S state, int[] lastTokens);

    /** The state whose row i is row {@code rows[i]} of {@code state} (rows may repeat): beam reordering. */
    S select(S state, int[] rows);

    /** One step's result. */
    record Step<S>(Tensor scores, S state) {}
}
