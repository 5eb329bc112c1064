package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their {@code grad}, as {@code torch.optim.Optimizer}. Parameters without
 * a gradient are skipped. State (moments, step counts) is exposed for checkpoints so a resumed run
 * continues bit for bit.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;

    protected Optimizer(List<Tensor> params, double lr) {
        if (lr < 0) throw new IllegalArgumentException(getClass().getSimpleName() + ": lr must be >= 0, got " + lr);
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** One update of every parameter that has a gradient. */
    public abstract void step();

    /** Clears all gradients. */
    public void zeroGrad() { params.forEach(p -> p.setGrad(null)); }

    public double learningRate() { return lr; }

    public void setLearningRate(double lr) { this.lr = lr; }

    public List<Tensor> parameters() { return params; }

    /** Optimizer state tensors by name ("{paramIndex}.{slot}", plus scalars as 1-element tensors). */
    public abstract Map<String, Tensor> stateDict();

    /** Restores state saved by {@link #stateDict()}. */
    public abstract void loadStateDict(Map<String, Tensor> state);
}
