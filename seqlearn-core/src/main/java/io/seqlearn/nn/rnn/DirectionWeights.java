package io.seqlearn.nn.rnn;

import io.seqlearn.tensor.Tensor;

/**
 * The parameters of one layer direction, PyTorch names: {@code weight_ih} (G·H, I_l), {@code weight_hh}
 * (G·H, Hr), {@code bias_ih}/{@code bias_hh} (G·H) or null without bias, {@code weight_hr} (Hr, H) or null
 * without projection.
 */
record DirectionWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, Tensor weightHr) {

    /** The non-null tensors in PyTorch's state_dict order. */
    Tensor[] all() {
        return java.util.stream.Stream.of(weightIh, weightHh, biasIh, biasHh, weightHr)
                .filter(java.util.Objects::nonNull).toArray(Tensor[]::new);
    }

    /** Fixed five slots (nulls kept) for the autograd node's input list. */
    Tensor[] slots() { return new Tensor[]{weightIh, weightHh, biasIh, biasHh, weightHr}; }

    /** Raw storage with offset 0 (a copy only for the rare offset or strided parameter). */
    static Buf raw(Tensor p) {
        if (p == null) return null;
        Tensor c = p.isContiguous() && p.offset() == 0 ? p : p.detach().copy();
        return Buf.of(c);
    }
}
