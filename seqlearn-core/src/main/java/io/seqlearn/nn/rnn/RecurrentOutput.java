package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * What every recurrent layer returns: the output sequence of the top layer, (B, T, D·Hr) batch-first or
 * (T, B, D·Hr) time-major, zero past each sequence's length; and the final hidden state of every layer
 * direction, (L·D, B, Hr), taken at each sequence's last valid step (PyTorch {@code h_n}).
 */
public interface RecurrentOutput {
    Tensor output();

    Tensor h();
}
