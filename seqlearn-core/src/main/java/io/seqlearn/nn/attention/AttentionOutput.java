package io.seqlearn.nn.attention;

import io.seqlearn.tensor.Tensor;

/**
 * Result of an attention layer: the attended values and, when asked for, the attention weights.
 *
 * @param output  (B, Tq, Dv) for batch-first layers (the layer's documented layout otherwise)
 * @param weights (B, Tq, Tk) averaged over heads, (B, H, Tq, Tk) per head, or null when not requested
 */
public record AttentionOutput(Tensor output, Tensor weights) {}
