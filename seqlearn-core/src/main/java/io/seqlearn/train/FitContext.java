package io.seqlearn.train;

import io.seqlearn.optim.Optimizer;

import java.io.PrintStream;

/**
 * What callbacks may see and steer during {@code fit}: the model, its optimizer, the run's history, and a
 * stop request (Keras {@code model.stop_training = True}).
 */
public final class FitContext {
    private final Model model;
    private final FitOptions options;
    private final int firstEpoch;
    private final int endEpoch;
    private boolean stopRequested;

    FitContext(Model model, FitOptions options, int firstEpoch, int endEpoch) {
        this.model = model;
        this.options = options;
        this.firstEpoch = firstEpoch;
        this.endEpoch = endEpoch;
    }

    public Model model() { return model; }

    /** The optimizer (created by then: callbacks run after the first step or at epoch ends). */
    public Optimizer optimizer() { return model.optimizer(); }

    public History history() { return model.history(); }

    public FitOptions options() { return options; }

    /** Index of the first epoch this {@code fit} call trains. */
    public int firstEpoch() { return firstEpoch; }

    /** One past the last epoch index this call trains. */
    public int endEpoch() { return endEpoch; }

    /** Ends training after the current epoch (or at once, between epochs). */
    public void requestStop() { stopRequested = true; }

    public boolean stopRequested() { return stopRequested; }

    /** Where messages go: the progress stream, or null when silent. */
    public PrintStream out() { return options.verbosity() == Verbosity.SILENT ? null : options.out(); }
}
