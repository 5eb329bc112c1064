package io.seqlearn.train;

/**
 * A training loss was NaN or ±Inf. Raised before the optimizer step, so the weights are those of the last
 * good step. The message names the epoch, the step within it, the global step and the batch's samples.
 */
public class NonFiniteLossException extends ArithmeticException {
    private final int epoch;
    private final int step;
    private final long globalStep;
    private final double loss;

    public NonFiniteLossException(String message, int epoch, int step, long globalStep, double loss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.globalStep = globalStep;
        this.loss = loss;
    }

    /** 0-based epoch index. */
    public int epoch() { return epoch; }

    /** 0-based step (batch) index within the epoch. */
    public int step() { return step; }

    /** 0-based step index over the whole run. */
    public long globalStep() { return globalStep; }

    /** The offending value. */
    public double loss() { return loss; }
}
