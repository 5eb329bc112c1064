package io.seqlearn.train;

/**
 * Ends training quietly when a loss turns NaN/Inf, as {@code keras.callbacks.TerminateOnNaN}: {@code fit}
 * returns the history instead of throwing, the bad step is not applied, and {@link #event()} keeps the
 * details (epoch, step, batch). Without this callback {@code fit} throws {@link NonFiniteLossException}.
 */
public class TerminateOnNaN implements Callback {
    private NonFiniteLossException event;

    @Override
    public boolean onNonFiniteLoss(FitContext ctx, NonFiniteLossException e) {
        event = e;
        if (ctx.out() != null) ctx.out().println("\nTerminateOnNaN: " + e.getMessage());
        return true;
    }

    /** What stopped training, or null if nothing did. */
    public NonFiniteLossException event() { return event; }
}
