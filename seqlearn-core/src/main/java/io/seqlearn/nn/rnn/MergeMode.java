package io.seqlearn.nn.rnn;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.Tensor;

import java.util.List;

/** How {@link Bidirectional} combines the two directions' outputs (Keras {@code merge_mode}). */
public enum MergeMode {
    /** [forward, backward] along the feature axis (width 2·Hr); Keras' default. */
    CONCAT,
    /** forward + backward. */
    SUM,
    /** forward ⊙ backward. */
    MUL,
    /** (forward + backward) / 2 (Keras "ave"). */
    AVERAGE;

    Tensor merge(Tensor forward, Tensor backward) {
        return switch (this) {
            case CONCAT -> F.concat(List.of(forward, backward), forward.rank() - 1);
            case SUM -> forward.add(backward);
            case MUL -> forward.mul(backward);
            case AVERAGE -> forward.add(backward).mul(0.5);
        };
    }
}
