package io.seqlearn.tasks;

import io.seqlearn.train.History;

import java.util.Map;

/**
 * How a training run ended.
 *
 * @param history     per-epoch logs (loss, validation metrics, learning_rate, seconds)
 * @param bestEpoch   0-based epoch whose weights the model holds now (the best monitored value), -1 if none
 * @param bestMetrics the validation metrics of that epoch
 * @param epochs      epochs run (the last one may have been cut short by the time limit)
 * @param steps       optimizer steps taken
 * @param seconds     wall-clock seconds of training and validation
 * @param stoppedBy   "epochs", "time" or "patience"
 */
public record TrainResult(History history, int bestEpoch, Map<String, Double> bestMetrics, int epochs, long steps,
                          double seconds, String stoppedBy) {}
