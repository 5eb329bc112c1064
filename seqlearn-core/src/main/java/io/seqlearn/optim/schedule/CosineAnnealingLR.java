package io.seqlearn.optim.schedule;

/**
 * {@code lr(t) = η_min + (base − η_min)(1 + cos(π t / T_max)) / 2}, as
 * {@code torch.optim.lr_scheduler.CosineAnnealingLR} (SGDR without restarts). Past T_max the cosine
 * continues, so the rate rises again, exactly as PyTorch does; use {@link WarmupCosineLR} for a rate
 * that stays at η_min. Default η_min = 0.
 */
public record CosineAnnealingLR(int tMax, double etaMin) implements LRSchedule {
    public CosineAnnealingLR {
        if (tMax < 1) throw new IllegalArgumentException("CosineAnnealingLR: T_max must be >= 1, got " + tMax);
        if (!(etaMin >= 0)) throw new IllegalArgumentException("CosineAnnealingLR: eta_min must be >= 0, got " + etaMin);
    }

    public CosineAnnealingLR(int tMax) { this(tMax, 0); }

    @Override
    public double lr(long t, double baseLr) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }
}
