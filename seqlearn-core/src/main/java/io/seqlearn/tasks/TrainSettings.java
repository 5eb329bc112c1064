package io.seqlearn.tasks;

import io.seqlearn.optim.Adam;
import io.seqlearn.optim.AdamW;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.optim.SGD;
import io.seqlearn.tensor.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * How a recipe trains: the optimizer, the schedule and the stopping rules. Each recipe has its own
 * defaults ({@code LanguageModel.defaultTraining(...)}, …); the CLI overrides single fields. Saved in the
 * run directory's {@code config.json} and in the model file's {@code training} blob.
 *
 * @param epochs        most epochs to train (the run may stop earlier on {@code timeLimitSeconds} or
 *                      {@code patience})
 * @param timeLimitSeconds wall-clock budget for training and validation, 0 = none. Training stops early
 *                      enough that the last validation still fits
 * @param batchSize     samples (or, for language models, parallel streams) per step
 * @param optimizer     "adam", "adamw" or "sgd"
 * @param learningRate  initial learning rate
 * @param weightDecay   L2 (Adam, SGD) or decoupled (AdamW) weight decay
 * @param momentum      SGD momentum
 * @param clipNorm      clip the global gradient norm to this (Pascanu et al. 2013), 0 = off
 * @param lrDecay       multiply the learning rate by this after every epoch past {@code decayAfter}
 *                      (Zaremba et al. 2014: 0.5 after 4 epochs), 1 = off
 * @param decayAfter    epochs at the initial rate before {@code lrDecay} applies
 * @param plateauFactor multiply the learning rate by this when the monitored validation metric did not
 *                      improve in an epoch (Keras {@code ReduceLROnPlateau} with patience 1), 1 = off
 * @param patience      stop after this many epochs without improvement (Keras {@code EarlyStopping}), 0 = off
 * @param seed          seeds weights, data order and dropout
 */
public record TrainSettings(int epochs, double timeLimitSeconds, int batchSize, String optimizer, double learningRate,
                            double weightDecay, double momentum, double clipNorm, double lrDecay, int decayAfter,
                            double plateauFactor, int patience, long seed) {
    public TrainSettings {
        if (epochs < 1) throw new IllegalArgumentException("training: epochs must be >= 1, got " + epochs);
        if (!(timeLimitSeconds >= 0)) throw new IllegalArgumentException("training: time limit must be >= 0 s, got " + timeLimitSeconds);
        if (batchSize < 1) throw new IllegalArgumentException("training: batch size must be >= 1, got " + batchSize);
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        if (!List.of("adam", "adamw", "sgd").contains(optimizer)) {
            throw new IllegalArgumentException("training: optimizer must be adam, adamw or sgd, got '" + optimizer + "'");
        }
        if (!(learningRate > 0)) throw new IllegalArgumentException("training: learning rate must be > 0, got " + learningRate);
        if (!(lrDecay > 0 && lrDecay <= 1)) throw new IllegalArgumentException("training: lr decay must be in (0, 1], got " + lrDecay);
        if (!(plateauFactor > 0 && plateauFactor <= 1)) {
            throw new IllegalArgumentException("training: plateau factor must be in (0, 1], got " + plateauFactor);
        }
        if (clipNorm < 0 || weightDecay < 0 || momentum < 0 || patience < 0 || decayAfter < 0) {
            throw new IllegalArgumentException("training: clip norm, weight decay, momentum, patience and decay-after must be >= 0");
        }
    }

    /** Adam at {@code lr}, batch 32, 10 epochs, gradient norm clipped at 5, no schedule, no early stop. */
    public static TrainSettings adam(double lr) {
        return new TrainSettings(10, 0, 32, "adam", lr, 0, 0, 5.0, 1.0, 0, 1.0, 0, 0);
    }

    public TrainSettings withEpochs(int v) { return new TrainSettings(v, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withTimeLimitSeconds(double v) { return new TrainSettings(epochs, v, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withBatchSize(int v) { return new TrainSettings(epochs, timeLimitSeconds, v, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withOptimizer(String v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, v, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withLearningRate(double v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, v, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withWeightDecay(double v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, v, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withMomentum(double v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, v, clipNorm, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withClipNorm(double v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, v, lrDecay, decayAfter, plateauFactor, patience, seed); }
    public TrainSettings withLrDecay(double factor, int after) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, factor, after, plateauFactor, patience, seed); }
    public TrainSettings withPlateauFactor(double v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, v, patience, seed); }
    public TrainSettings withPatience(int v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, v, seed); }
    public TrainSettings withSeed(long v) { return new TrainSettings(epochs, timeLimitSeconds, batchSize, optimizer, learningRate, weightDecay, momentum, clipNorm, lrDecay, decayAfter, plateauFactor, patience, v); }

    /** The optimizer over {@code params}. */
    public Optimizer newOptimizer(List<Tensor> params) {
        return switch (optimizer) {
            case "adam" -> new Adam(params, learningRate, Adam.Options.defaults().withWeightDecay(weightDecay));
            case "adamw" -> new AdamW(params, learningRate, Adam.Options.defaults().withWeightDecay(weightDecay));
            default -> new SGD(params, learningRate, SGD.Options.defaults().withMomentum(momentum).withWeightDecay(weightDecay));
        };
    }

    /**
     * The scheduled rate of epoch {@code epoch} (0-based) before any plateau reductions:
     * {@code lr · lrDecay^max(0, epoch + 1 − decayAfter)}, as the TensorFlow PTB tutorial of Zaremba et al.
     */
    public double scheduledRate(int epoch) {
        return learningRate * Math.pow(lrDecay, Math.max(0, epoch + 1 - decayAfter));
    }
}
