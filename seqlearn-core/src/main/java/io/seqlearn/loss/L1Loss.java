package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * Mean absolute error, as {@code torch.nn.L1Loss} and Keras {@code MeanAbsoluteError}: {@code ℓ = |x − y|},
 * reduced by {@link Reduction} (default MEAN). Gradient: sign(x − y), 0 at 0 (as PyTorch).
 */
public final class L1Loss implements Loss {
    private final Reduction reduction;

    public L1Loss() { this(Reduction.MEAN); }

    public L1Loss(Reduction reduction) { this.reduction = reduction; }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        return reduction.apply(Pointwise.apply("l1_loss", prediction, target, Math::abs, Math::signum));
    }

    @Override
    public String name() { return "L1Loss"; }
}
