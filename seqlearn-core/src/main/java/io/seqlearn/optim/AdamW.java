package io.seqlearn.optim;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), as {@code torch.optim.AdamW}: each step
 * first shrinks θ ← θ (1 − lr·λ), then applies the {@link Adam} update without adding λθ to the
 * gradient. Defaults as Adam except λ = 0.01 (PyTorch's AdamW default).
 */
public final class AdamW extends Adam {
    public AdamW(List<Tensor> params, double lr) { this(params, lr, defaults()); }

    public AdamW(List<Tensor> params, double lr, Options options) { super(params, lr, options, true); }

    /** Adam's defaults with weight decay 0.01. */
    public static Options defaults() { return Options.defaults().withWeightDecay(0.01); }
}
