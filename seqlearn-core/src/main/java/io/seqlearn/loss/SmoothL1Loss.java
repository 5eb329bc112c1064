package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * Smooth L1 loss, as {@code torch.nn.SmoothL1Loss(beta)}: with d = x − y, {@code ℓ = 0.5 d² / β} if
 * |d| &lt; β, else {@code |d| − 0.5 β}; β = 0 gives L1. Default β = 1, reduction MEAN. Equals
 * Huber(δ = β) / β.
 */
public final class SmoothL1Loss implements Loss {
    private final double beta;
    private final Reduction reduction;

    public SmoothL1Loss() { this(1.0, Reduction.MEAN); }

    public SmoothL1Loss(double beta) { this(beta, Reduction.MEAN); }

    public SmoothL1Loss(double beta, Reduction reduction) {
        if (!(beta >= 0)) throw new IllegalArgumentException("smooth_l1_loss: beta expected >= 0, got " + beta);
        this.beta = beta;
        this.reduction = reduction;
    }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        return reduction.apply(Pointwise.apply("smooth_l1_loss", prediction, target,
                d -> Math.abs(d) < beta ? 0.5 * d * d / beta : Math.abs(d) - 0.5 * beta,
                d -> Math.abs(d) < beta ? d / beta : Math.signum(d)));
    }

    @Override
    public String name() { return "SmoothL1Loss"; }
}
