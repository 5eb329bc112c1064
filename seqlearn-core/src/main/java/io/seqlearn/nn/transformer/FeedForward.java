package io.seqlearn.nn.transformer;

import io.seqlearn.nn.Dropout;
import io.seqlearn.nn.Linear;
import io.seqlearn.tensor.Tensor;

/** The position-wise feed-forward block shared by both layers: linear2(dropout(act(linear1(x)))). */
final class FeedForward {
    private FeedForward() {}

    static Tensor apply(Tensor x, Linear linear1, Dropout dropout, Linear linear2, TransformerOptions.Activation act) {
        Tensor h = linear1.forward(x);
        h = act == TransformerOptions.Activation.RELU ? h.relu() : h.gelu();
        return linear2.forward(dropout.forward(h));
    }
}
