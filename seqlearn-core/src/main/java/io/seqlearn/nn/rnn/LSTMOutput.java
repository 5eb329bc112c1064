package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * Result of {@link LSTM#forward(Tensor, Tensor, LSTMState)}: {@code output} (B, T, D·Hr) (time-major when
 * batchFirst is false), {@code h} (L·D, B, Hr) and {@code c} (L·D, B, H), the final states at each
 * sequence's last valid step — PyTorch's {@code output, (h_n, c_n)}.
 */
public record LSTMOutput(Tensor output, Tensor h, Tensor c) implements RecurrentOutput {

    /** (h, c) as a state to feed the next call. */
    public LSTMState state() { return new LSTMState(h, c); }
}
