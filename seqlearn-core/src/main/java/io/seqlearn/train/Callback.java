package io.seqlearn.train;

import java.util.Map;

/**
 * Hooks into {@code fit}, as {@code keras.callbacks.Callback}. Epochs and steps are 0-based indices; logs map
 * keys such as "loss", "val_loss", "accuracy", "learning_rate" to values. Callbacks run in the order given,
 * after the History has recorded the epoch.
 *
 * <p>A callback with state that matters for resuming (counters, best value) returns it from
 * {@link #state()}; checkpoints store it and {@link #restoreState} gets it back when a resumed run's callback
 * list has a callback of the same type at the same position.
 */
public interface Callback {
    default void onTrainBegin(FitContext ctx) {}

    default void onEpochBegin(FitContext ctx, int epoch) {}

    /** After each optimizer step; logs hold running epoch averages. */
    default void onBatchEnd(FitContext ctx, int epoch, int step, Map<String, Double> logs) {}

    /** After the epoch's validation; logs hold the final epoch values. */
    default void onEpochEnd(FitContext ctx, int epoch, Map<String, Double> logs) {}

    default void onTrainEnd(FitContext ctx) {}

    /**
     * A training loss was NaN/Inf (no update was made). Return true to end training quietly
     * ({@link TerminateOnNaN}); if no callback does, {@code fit} throws {@code e}.
     */
    default boolean onNonFiniteLoss(FitContext ctx, NonFiniteLossException e) { return false; }

    /** JSON-ready state for checkpoints (numbers, strings, booleans, lists, maps); empty when stateless. */
    default Map<String, Object> state() { return Map.of(); }

    /** Restores what {@link #state()} returned. */
    default void restoreState(Map<String, Object> state) {}
}
