package io.seqlearn.optim.schedule;

import io.seqlearn.optim.Optimizer;

/**
 * Lowers the learning rate when a monitored metric stops improving, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Call {@link #step(double)} once per epoch with the
 * metric (e.g. validation loss):
 * <ul>
 *   <li>improvement (mode MIN, threshold mode REL): {@code m < best · (1 − threshold)}; MAX:
 *       {@code m > best · (1 + threshold)}; ABS: {@code m < best − threshold} / {@code m > best + threshold};</li>
 *   <li>an improvement resets the count of bad epochs, otherwise it grows; during cooldown it stays 0;</li>
 *   <li>when bad epochs exceed {@code patience}: {@code lr ← max(lr · factor, minLr)} (skipped if the change
 *       is ≤ eps), then cooldown starts and the bad count resets.</li>
 * </ul>
 * Defaults (PyTorch's): MIN, factor 0.1, patience 10, threshold 1e-4 REL, cooldown 0, minLr 0, eps 1e-8.
 */
public final class ReduceLROnPlateau {
    public enum Mode { MIN, MAX }

    public enum ThresholdMode { REL, ABS }

    public record Options(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                          int cooldown, double minLr, double eps) {
        public Options {
            if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("ReduceLROnPlateau: factor expected in (0, 1), got " + factor);
            if (patience < 0) throw new IllegalArgumentException("ReduceLROnPlateau: patience must be >= 0, got " + patience);
            if (cooldown < 0) throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be >= 0, got " + cooldown);
            if (!(minLr >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: min lr must be >= 0, got " + minLr);
            if (mode == null || thresholdMode == null) throw new IllegalArgumentException("ReduceLROnPlateau: modes must not be null");
        }

        public static Options defaults() { return new Options(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8); }

        public Options withMode(Mode m) { return new Options(m, factor, patience, threshold, thresholdMode, cooldown, minLr, eps); }

        public Options withFactor(double f) { return new Options(mode, f, patience, threshold, thresholdMode, cooldown, minLr, eps); }

        public Options withPatience(int p) { return new Options(mode, factor, p, threshold, thresholdMode, cooldown, minLr, eps); }

        public Options withThreshold(double t, ThresholdMode tm) { return new Options(mode, factor, patience, t, tm, cooldown, minLr, eps); }

        public Options withCooldown(int c) { return new Options(mode, factor, patience, threshold, thresholdMode, c, minLr, eps); }

        public Options withMinLr(double m) { return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, m, eps); }
    }

    private final Optimizer optimizer;
    private final Options o;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    public ReduceLROnPlateau(Optimizer optimizer) { this(optimizer, Options.defaults()); }

    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        this.optimizer = optimizer;
        this.o = options;
        this.best = options.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records one epoch's metric and lowers the rate if it has plateaued. */
    public void step(double metric) {
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > o.patience()) {
            reduce();
            cooldownLeft = o.cooldown();
            badEpochs = 0;
        }
    }

    private boolean isBetter(double m) {
        boolean rel = o.thresholdMode() == ThresholdMode.REL;
        if (o.mode() == Mode.MIN) return rel ? m < best * (1 - o.threshold()) : m < best - o.threshold();
        return rel ? m > best * (1 + o.threshold()) : m > best + o.threshold();
    }

    private void reduce() {
        double old = optimizer.learningRate();
        double next = Math.max(old * o.factor(), o.minLr());
        if (old - next > o.eps()) optimizer.setLearningRate(next);
    }

    /** The best metric seen so far. */
    public double best() { return best; }

    /** Epochs since the last improvement (0 during cooldown). */
    public int badEpochs() { return badEpochs; }

    public Options options() { return o; }

    /** Everything a checkpoint needs to resume this scheduler (the rate itself lives in the optimizer). */
    public record State(double best, int badEpochs, int cooldownLeft) {}

    public State state() { return new State(best, badEpochs, cooldownLeft); }

    public void restore(State s) {
        best = s.best();
        badEpochs = s.badEpochs();
        cooldownLeft = s.cooldownLeft();
    }
}
