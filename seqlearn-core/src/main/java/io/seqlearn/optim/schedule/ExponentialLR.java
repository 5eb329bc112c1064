package io.seqlearn.optim.schedule;

/** {@code lr(t) = base · γ^t}, as {@code torch.optim.lr_scheduler.ExponentialLR}. */
public record ExponentialLR(double gamma) implements LRSchedule {
    public ExponentialLR {
        if (!(gamma > 0)) throw new IllegalArgumentException("ExponentialLR: gamma must be > 0, got " + gamma);
    }

    @Override
    public double lr(long t, double baseLr) { return baseLr * Math.pow(gamma, t); }
}
