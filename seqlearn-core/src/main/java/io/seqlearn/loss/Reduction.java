package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * How a loss turns its per-element values into the result, as PyTorch's {@code reduction} argument:
 * {@link #MEAN} (the default: average over contributing elements), {@link #SUM}, or {@link #NONE}
 * (per-element values with the target's shape).
 */
public enum Reduction {
    MEAN, SUM, NONE;

    /** Applies this reduction to per-element losses (differentiable). */
    public Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
