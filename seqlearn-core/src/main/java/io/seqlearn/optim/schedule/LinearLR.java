package io.seqlearn.optim.schedule;

/**
 * Linear warm-up (or decay) of the rate's factor, as {@code torch.optim.lr_scheduler.LinearLR}:
 * {@code lr(t) = base · (s + (e − s) · min(t, n) / n)} with start factor s, end factor e and n total
 * iterations; constant afterwards. PyTorch's defaults: s = 1/3, e = 1, n = 5.
 */
public record LinearLR(double startFactor, double endFactor, int totalIters) implements LRSchedule {
    public LinearLR {
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: start factor expected in (0, 1], got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: end factor expected in [0, 1], got " + endFactor);
        }
        if (totalIters < 1) throw new IllegalArgumentException("LinearLR: total iterations must be >= 1, got " + totalIters);
    }

    /** PyTorch's defaults: 1/3 → 1 over 5 steps. */
    public static LinearLR defaults() { return new LinearLR(1.0 / 3, 1.0, 5); }

    @Override
    public double lr(long t, double baseLr) {
        return baseLr * (startFactor + (endFactor - startFactor) * Math.min(t, totalIters) / totalIters);
    }
}
