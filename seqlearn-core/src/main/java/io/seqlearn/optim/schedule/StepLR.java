package io.seqlearn.optim.schedule;

/**
 * {@code lr(t) = base · γ^⌊t / stepSize⌋}, as {@code torch.optim.lr_scheduler.StepLR}: decays by γ every
 * {@code stepSize} steps. PyTorch's default γ is 0.1.
 */
public record StepLR(int stepSize, double gamma) implements LRSchedule {
    public StepLR {
        if (stepSize < 1) throw new IllegalArgumentException("StepLR: step size must be >= 1, got " + stepSize);
        if (!(gamma > 0)) throw new IllegalArgumentException("StepLR: gamma must be > 0, got " + gamma);
    }

    @Override
    public double lr(long t, double baseLr) { return baseLr * Math.pow(gamma, t / stepSize); }
}
