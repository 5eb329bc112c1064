package io.seqlearn.metrics;

import io.seqlearn.tensor.Tensor;

/**
 * A streaming evaluation metric, as Keras' stateful metrics: {@link #update} with each batch's
 * predictions and targets (no gradient is recorded), {@link #result} at any time for everything seen
 * since the last {@link #reset}. Results are weighted by element/token, not averaged per batch, so they
 * do not depend on how the data is batched.
 */
public interface Metric {
    /** Accumulates one batch. Shapes are documented by each metric; mismatches throw naming the metric. */
    void update(Tensor prediction, Tensor target);

    /** The metric over everything seen since the last reset (NaN before any contributing element). */
    double result();

    /** Forgets everything seen. */
    void reset();

    /** Key in logs and History, Keras style ("accuracy", "mae"). */
    String name();
}
