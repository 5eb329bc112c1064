package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * Mean squared error, as {@code torch.nn.MSELoss} and Keras {@code MeanSquaredError}:
 * {@code ℓ = (x − y)²}, reduced by {@link Reduction} (default MEAN over all elements). Prediction and
 * target must have the same shape and dtype. Gradient: 2(x − y).
 */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    public MSELoss() { this(Reduction.MEAN); }

    public MSELoss(Reduction reduction) { this.reduction = reduction; }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        return reduction.apply(Pointwise.apply("mse_loss", prediction, target, d -> d * d, d -> 2 * d));
    }

    @Override
    public String name() { return "MSELoss"; }
}
