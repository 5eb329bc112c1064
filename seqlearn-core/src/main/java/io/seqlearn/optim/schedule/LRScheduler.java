package io.seqlearn.optim.schedule;

import io.seqlearn.optim.Optimizer;

/**
 * Drives an optimizer's learning rate from an {@link LRSchedule}, as a {@code torch.optim.lr_scheduler}
 * object: construction records the optimizer's current rate as the base and sets the rate for t = 0;
 * every {@link #step()} advances t and sets the rate for the new t. The training loop calls
 * {@code step()} once per epoch ({@link Interval#EPOCH}, PyTorch's usual use) or once per batch
 * ({@link Interval#BATCH}, usual for warm-up), as {@link #interval()} says.
 *
 * <p>Example: {@code var s = new LRScheduler(opt, new StepLR(30, 0.1)); for (epoch…) { train…; s.step(); }}
 */
public final class LRScheduler {
    /** When the training loop should call {@link #step()}. */
    public enum Interval { EPOCH, BATCH }

    private final Optimizer optimizer;
    private final LRSchedule schedule;
    private final Interval interval;
    private final double baseLr;
    private long t;

    public LRScheduler(Optimizer optimizer, LRSchedule schedule) { this(optimizer, schedule, Interval.EPOCH); }

    public LRScheduler(Optimizer optimizer, LRSchedule schedule, Interval interval) {
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.interval = interval;
        this.baseLr = optimizer.learningRate();
        apply();
    }

    /** Advances one epoch (or batch) and sets the optimizer's rate. */
    public void step() {
        t++;
        apply();
    }

    private void apply() { optimizer.setLearningRate(schedule.lr(t, baseLr)); }

    /** Steps taken so far (PyTorch's {@code last_epoch}). */
    public long stepCount() { return t; }

    /** Restores the step count (for resuming from a checkpoint) and sets the matching rate. */
    public void setStepCount(long t) {
        if (t < 0) throw new IllegalArgumentException("LRScheduler: step count must be >= 0, got " + t);
        this.t = t;
        apply();
    }

    /** The rate the schedule gives now. */
    public double currentLr() { return schedule.lr(t, baseLr); }

    public double baseLr() { return baseLr; }

    public Interval interval() { return interval; }

    public LRSchedule schedule() { return schedule; }
}
