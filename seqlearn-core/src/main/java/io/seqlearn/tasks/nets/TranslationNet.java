package io.seqlearn.tasks.nets;

import io.seqlearn.decode.StepModel;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.Tensor;

/**
 * An encoder–decoder the translator recipe can train and decode: teacher-forced logits for training and a
 * {@link StepModel} with its start state for greedy and beam-search decoding. Ids are integer values in
 * float tensors; source padding is described by {@code srcLengths}.
 */
public abstract class TranslationNet extends Module {
    /** A decoder over N source rows: the step model and its state before the first target token. */
    public record Decoding<S>(StepModel<S> model, S state) {}

    /** Logits (B, T, V) of the next target token at every position of {@code tgtIn} (B, T), which starts with bos. */
    public abstract Tensor forward(Tensor src, int[] srcLengths, Tensor tgtIn);

    /** Encodes {@code src} (N, S) without gradients and returns a decoder for it. */
    public abstract Decoding<?> decoding(Tensor src, int[] srcLengths);

    /** Attention weights (B, T, S) of the decoder over the source while reading {@code tgtIn}, or null if the model has none to show. */
    public Tensor attention(Tensor src, int[] srcLengths, Tensor tgtIn) { return null; }
}
