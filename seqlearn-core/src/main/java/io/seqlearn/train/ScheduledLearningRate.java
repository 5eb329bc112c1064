package io.seqlearn.train;

import io.seqlearn.optim.schedule.LRSchedule;
import io.seqlearn.optim.schedule.LRScheduler;

import java.util.Map;

/**
 * Drives the learning rate from an {@code io.seqlearn.optim.schedule} schedule (StepLR, CosineAnnealingLR,
 * WarmupCosineLR, …) inside {@code fit}: per epoch (t = completed epochs, PyTorch's usual use) or per batch
 * (t = completed steps, for warm-up). t comes from the model's counters and the base rate is checkpointed, so
 * a resumed run continues the schedule where it stood.
 *
 * <pre>{@code new ScheduledLearningRate(new WarmupCosineLR(100, 5000, 0), LRScheduler.Interval.BATCH)}</pre>
 */
public class ScheduledLearningRate implements Callback {
    private final LRSchedule schedule;
    private final LRScheduler.Interval interval;
    private double baseLr = Double.NaN;

    public ScheduledLearningRate(LRSchedule schedule, LRScheduler.Interval interval) {
        this.schedule = schedule;
        this.interval = interval;
    }

    @Override
    public void onTrainBegin(FitContext ctx) {
        if (Double.isNaN(baseLr)) baseLr = ctx.optimizer().learningRate();
        if (interval == LRScheduler.Interval.BATCH) apply(ctx, ctx.model().stepsCompleted());
    }

    @Override
    public void onEpochBegin(FitContext ctx, int epoch) {
        if (interval == LRScheduler.Interval.EPOCH) apply(ctx, epoch);
    }

    @Override
    public void onBatchEnd(FitContext ctx, int epoch, int step, Map<String, Double> logs) {
        if (interval == LRScheduler.Interval.BATCH) apply(ctx, ctx.model().stepsCompleted());
    }

    private void apply(FitContext ctx, long t) { ctx.optimizer().setLearningRate(schedule.lr(t, baseLr)); }

    /** The rate the schedule started from (the optimizer's rate when training first began). */
    public double baseLr() { return baseLr; }

    @Override
    public Map<String, Object> state() { return Map.of("base_lr", baseLr); }

    @Override
    public void restoreState(Map<String, Object> s) { baseLr = JsonSafe.number(s.get("base_lr")); }
}
