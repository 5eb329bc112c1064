package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * Result of {@link Bidirectional#forward(Tensor, Tensor)}: the merged output sequence, and each wrapped
 * layer's own result. {@code backward} ran on the per-sequence reversed input, so its {@code output()} is in
 * reversed time order (the merged output has it re-aligned) and its {@code h()} is the state after reading
 * each sequence back to t = 0.
 */
public record BidirectionalOutput(Tensor output, RecurrentOutput forward, RecurrentOutput backward) {}
