package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * LSTM hidden and cell state. For a layer both are (L·D, B, ·) as PyTorch's {@code (h_0, c_0)}: h is
 * (L·D, B, Hr), c is (L·D, B, H); for an {@link LSTMCell} they are (B, H).
 */
public record LSTMState(Tensor h, Tensor c) {

    /** The same values cut from the autograd graph: carry state across batches (truncated BPTT). */
    public LSTMState detach() { return new LSTMState(h.detach(), c.detach()); }
}
