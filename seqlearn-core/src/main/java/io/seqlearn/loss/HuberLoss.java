package io.seqlearn.loss;

import io.seqlearn.tensor.Tensor;

/**
 * Huber loss, as {@code torch.nn.HuberLoss(delta)} and Keras {@code Huber}: with d = x − y,
 * {@code ℓ = 0.5 d²} if |d| &lt; δ, else {@code δ (|d| − 0.5 δ)}. Default δ = 1, reduction MEAN.
 * Gradient: d inside, δ·sign(d) outside.
 */
public final class HuberLoss implements Loss {
    private final double delta;
    private final Reduction reduction;

    public HuberLoss() { this(1.0, Reduction.MEAN); }

    public HuberLoss(double delta) { this(delta, Reduction.MEAN); }

    public HuberLoss(double delta, Reduction reduction) {
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss: delta expected > 0, got " + delta);
        this.delta = delta;
        this.reduction = reduction;
    }

    @Override
    public Tensor apply(Tensor prediction, Tensor target) {
        return reduction.apply(Pointwise.apply("huber_loss", prediction, target,
                d -> Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta),
                d -> Math.abs(d) < delta ? d : delta * Math.signum(d)));
    }

    @Override
    public String name() { return "HuberLoss"; }
}
