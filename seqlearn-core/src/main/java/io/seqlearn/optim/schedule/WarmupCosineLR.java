package io.seqlearn.optim.schedule;

/**
 * Linear warm-up followed by cosine decay, the usual Transformer schedule; usually stepped per batch.
 * <pre>
 *   t &lt; w:       lr = base · (s + (1 − s) · t / w)
 *   w ≤ t ≤ N:   lr = η_min + (base − η_min)(1 + cos(π (t − w) / (N − w))) / 2
 *   t &gt; N:       lr = η_min
 * </pre>
 * with w warm-up steps, N total steps, start factor s. For t ≤ N this equals PyTorch's
 * {@code SequentialLR([LinearLR(s, 1, w), CosineAnnealingLR(N − w, η_min)], milestones=[w])}; with
 * s = 0 and η_min = 0 it is Hugging Face's {@code get_cosine_schedule_with_warmup}.
 */
public record WarmupCosineLR(int warmupSteps, int totalSteps, double startFactor, double etaMin) implements LRSchedule {
    public WarmupCosineLR {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("WarmupCosineLR: expected 0 <= warm-up steps < total steps, got "
                    + warmupSteps + " and " + totalSteps);
        }
        if (!(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("WarmupCosineLR: start factor expected in [0, 1], got " + startFactor);
        }
        if (!(etaMin >= 0)) throw new IllegalArgumentException("WarmupCosineLR: eta_min must be >= 0, got " + etaMin);
    }

    /** Warm-up from 0, decay to 0. */
    public WarmupCosineLR(int warmupSteps, int totalSteps) { this(warmupSteps, totalSteps, 0, 0); }

    @Override
    public double lr(long t, double baseLr) {
        if (t < warmupSteps) return baseLr * (startFactor + (1 - startFactor) * t / warmupSteps);
        if (t >= totalSteps) return etaMin;
        double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
