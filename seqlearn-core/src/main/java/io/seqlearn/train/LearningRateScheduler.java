package io.seqlearn.train;

import io.seqlearn.optim.Optimizer;

/**
 * Sets the learning rate at the start of every epoch from {@code schedule(epoch, currentLr)}, as
 * {@code keras.callbacks.LearningRateScheduler} (epoch 0-based). Example, halve every 10 epochs:
 * {@code new LearningRateScheduler((epoch, lr) -> epoch > 0 && epoch % 10 == 0 ? lr / 2 : lr)}.
 * For per-step schedules (warm-up, cosine) use {@code io.seqlearn.optim.schedule} in a batch callback.
 */
public class LearningRateScheduler implements Callback {
    /** Keras' {@code schedule(epoch, lr)}. */
    @FunctionalInterface
    public interface Schedule {
        double learningRate(int epoch, double currentLr);
    }

    private final Schedule schedule;

    public LearningRateScheduler(Schedule schedule) { this.schedule = schedule; }

    @Override
    public void onEpochBegin(FitContext ctx, int epoch) {
        Optimizer opt = ctx.optimizer();
        double lr = schedule.learningRate(epoch, opt.learningRate());
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule gave learning rate " + lr + " for epoch " + epoch);
        }
        opt.setLearningRate(lr);
    }
}
