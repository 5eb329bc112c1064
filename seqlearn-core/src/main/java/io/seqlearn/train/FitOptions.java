package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code fit}, Keras' keyword arguments as a record with withers:
 * {@code FitOptions.defaults().withEpochs(10).withBatchSize(64).withValidationSplit(0.1).withCallbacks(cb)}.
 *
 * @param epochs          epochs to train in this call (default 1); counting continues from the model's
 *                        completed epochs, so data order and dropout continue too
 * @param untilEpoch      if ≥ 0, train until this many epochs are complete in total instead (what a resumed
 *                        script wants: the same call trains the remaining epochs); -1 = unused
 * @param batchSize       samples per step (default 32)
 * @param validationData  evaluated after each epoch into "val_*" logs, or null
 * @param validationSplit fraction of the samples, taken from the end before shuffling, held out for
 *                        validation (Keras {@code validation_split}); 0 = none
 * @param callbacks       called in order
 * @param shuffle         reshuffle the training samples every epoch (seeded by the run seed and the epoch)
 * @param verbosity       progress display (default a progress bar)
 * @param seed            run seed for data order and dropout; null = the model's seed
 * @param out             where progress goes (default {@code System.err}, keeping stdout for results)
 * @param clipNorm        if > 0, gradients are scaled so their global L2 norm is at most this before each step
 *                        ({@code torch.nn.utils.clip_grad_norm_}; Keras {@code global_clipnorm}); 0 = off
 */
public record FitOptions(int epochs, int untilEpoch, int batchSize, TrainingData validationData,
                         double validationSplit, List<Callback> callbacks, boolean shuffle, Verbosity verbosity,
                         Long seed, PrintStream out, double clipNorm) {
    public FitOptions {
        if (epochs < 0) throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("fit: batch size must be >= 1, got " + batchSize);
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("fit: validation split must be in [0, 1), got " + validationSplit);
        }
        if (validationSplit > 0 && validationData != null) {
            throw new IllegalArgumentException("fit: give validation data or a validation split, not both");
        }
        if (!(clipNorm >= 0)) throw new IllegalArgumentException("fit: clip norm must be >= 0, got " + clipNorm);
        callbacks = List.copyOf(callbacks);
    }

    public static FitOptions defaults() {
        return new FitOptions(1, -1, 32, null, 0, List.of(), true, Verbosity.PROGRESS_BAR, null, System.err, 0);
    }

    public FitOptions withEpochs(int n) {
        return new FitOptions(n, -1, batchSize, validationData, validationSplit, callbacks, shuffle, verbosity, seed, out, clipNorm);
    }

    public FitOptions withUntilEpoch(int n) {
        return new FitOptions(epochs, n, batchSize, validationData, validationSplit, callbacks, shuffle, verbosity, seed, out, clipNorm);
    }

    public FitOptions withBatchSize(int n) {
        return new FitOptions(epochs, untilEpoch, n, validationData, validationSplit, callbacks, shuffle, verbosity, seed, out, clipNorm);
    }

    public FitOptions withValidationData(TrainingData v) {
        return new FitOptions(epochs, untilEpoch, batchSize, v, validationSplit, callbacks, shuffle, verbosity, seed, out, clipNorm);
    }

    public FitOptions withValidationSplit(double f) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, f, callbacks, shuffle, verbosity, seed, out, clipNorm);
    }

    public FitOptions withCallbacks(Callback... cbs) {
        List<Callback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(cbs));
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, all, shuffle, verbosity, seed, out, clipNorm);
    }

    /** Appends {@code cbs} to the callbacks. */
    public FitOptions withCallbacks(List<Callback> cbs) { return withCallbacks(cbs.toArray(new Callback[0])); }

    public FitOptions withShuffle(boolean s) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, callbacks, s, verbosity, seed, out, clipNorm);
    }

    public FitOptions withVerbosity(Verbosity v) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, callbacks, shuffle, v, seed, out, clipNorm);
    }

    /** Quiet: no progress output (Keras {@code verbose=0}). */
    public FitOptions quiet() { return withVerbosity(Verbosity.SILENT); }

    public FitOptions withSeed(long s) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, callbacks, shuffle, verbosity, s, out, clipNorm);
    }

    /** Clips gradients to a global L2 norm of at most {@code maxNorm} before every step (0 = off). */
    public FitOptions withClipNorm(double maxNorm) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, callbacks, shuffle, verbosity, seed, out, maxNorm);
    }

    public FitOptions withOut(PrintStream o) {
        return new FitOptions(epochs, untilEpoch, batchSize, validationData, validationSplit, callbacks, shuffle, verbosity, seed, o, clipNorm);
    }
}
