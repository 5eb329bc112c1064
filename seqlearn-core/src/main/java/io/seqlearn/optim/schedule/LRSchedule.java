package io.seqlearn.optim.schedule;

/**
 * A learning rate as a pure function of the scheduler step count t (0 before the first {@code step()},
 * as PyTorch's {@code last_epoch}) and the base rate. Implementations are immutable records; bind one
 * to an optimizer with {@link LRScheduler}.
 */
@FunctionalInterface
public interface LRSchedule {
    /** The learning rate after {@code t} scheduler steps, given the optimizer's initial rate. */
    double lr(long t, double baseLr);
}
