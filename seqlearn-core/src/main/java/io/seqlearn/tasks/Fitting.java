package io.seqlearn.tasks;

import io.seqlearn.nn.Module;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Map;

/**
 * What the {@link Trainer} needs from a recipe: the model, the batches of an epoch, the loss of one batch
 * and a validation pass. The trainer owns the optimizer, the schedule, the clock, the progress bar and the
 * best checkpoint; a recipe only knows its data and its network.
 */
public interface Fitting {
    /** The network being trained. */
    Module model();

    /** Prepares epoch {@code epoch} (0-based): shuffles with {@code rng}, resets carried states. Returns the number of batches. */
    int beginEpoch(int epoch, Rng rng);

    /** The training loss of batch {@code index} of the current epoch, with its autograd graph (model in training mode). */
    Step step(int index);

    /** Validation metrics after an epoch, keys starting with {@code val_} (model in eval mode, no gradients). */
    Map<String, Double> validate();

    /**
     * How long {@link #validate} should take, in training steps (a forward pass costs about a third of a
     * step): the time budget's estimate until the first validation has been timed.
     */
    double validationCost();

    /** The validation key that decides the best checkpoint, e.g. {@code val_loss}. */
    String monitor();

    /** Whether a larger monitored value is better (accuracy, BLEU) rather than smaller (loss). */
    default boolean monitorMaximises() { return false; }

    /** Training logs derived from the epoch's mean loss (e.g. perplexity), added beside "loss". */
    default Map<String, Double> trainLogs(double meanLoss) { return Map.of(); }

    /**
     * One batch's loss.
     *
     * @param loss    scalar loss with its graph
     * @param samples samples in the batch (weights the running mean)
     * @param tokens  real tokens in the batch for the tokens/s readout, 0 to show samples/s
     */
    record Step(Tensor loss, int samples, long tokens) {}
}
