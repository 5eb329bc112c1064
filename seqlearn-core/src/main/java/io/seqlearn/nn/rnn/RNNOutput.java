package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * Result of {@link RNN#forward(Tensor, Tensor, Tensor)}: {@code output} (B, T, D·H) and {@code h}
 * (L·D, B, H) — PyTorch's {@code output, h_n}.
 */
public record RNNOutput(Tensor output, Tensor h) implements RecurrentOutput {}
