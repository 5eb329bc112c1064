package io.seqlearn.train;

import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Counters of a model's training that outlive one {@code fit} call and travel in checkpoints: completed
 * epochs and steps (which, with the seed, fix data order and dropout masks of what comes next), the
 * history, and restored state waiting for its owner (the optimizer is created lazily, callbacks arrive
 * with the next {@code fit}).
 */
final class TrainingState {
    int epoch;
    long globalStep;
    History history = new History();
    Map<String, Tensor> pendingOptimizerState;
    List<SavedCallbackState> pendingCallbackStates;
    /** Backend threads recorded in the checkpoint restored last (0 = none or unknown), checked by the next fit. */
    int checkpointThreads;

    /** One callback's saved state, matched on resume by position and type. */
    record SavedCallbackState(String type, Map<String, Object> state) {}
}
