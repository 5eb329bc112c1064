package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * A training objective: prediction and target in, a differentiable scalar (or, for reduction "none", a
 * per-element tensor) out. Implementations check shapes and name themselves in errors.
 */
@FunctionalInterface
public interface Loss {
    Tensor apply(Tensor prediction, Tensor target);

    /** Name used in logs and History keys. */
    default String name() { return getClass().getSimpleName(); }
}
