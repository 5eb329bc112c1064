package io.seqlearn.train;

import io.seqlearn.tensor.Tensor;

/**
 * A metric accumulated over an epoch (Keras' stateful metrics): reset at the start of each epoch and of each
 * evaluation, updated with every batch's predictions (detached) and targets, read at the end.
 */
public interface EpochMetric {
    /** Key in logs and History ("accuracy"; validation adds "val_"). */
    String name();

    void reset();

    void update(Tensor prediction, Tensor target);

    double result();
}
