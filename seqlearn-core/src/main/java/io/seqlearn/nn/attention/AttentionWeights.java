package io.seqlearn.nn.attention;

/**
 * Which attention weights a multi-head layer returns, as PyTorch's {@code need_weights} and
 * {@code average_attn_weights}.
 */
public enum AttentionWeights {
    /** No weights (lets inference use the tiled, memory-efficient path). */
    NONE,
    /** (B, Tq, Tk), the mean over heads (PyTorch's default). */
    AVERAGED,
    /** (B, H, Tq, Tk). */
    PER_HEAD
}
