package io.seqlearn.layers;

import io.seqlearn.tensor.Tensor;

import java.util.List;

/**
 * What one call of a layer returns: its output tensors (one for most layers; LSTM with
 * {@code returnState} gives output, h, c) and the mask of the first output, or null.
 *
 * @param outputs the outputs in the layer's documented order
 * @param mask    (B, T) 1/0 mask of valid time steps for {@code outputs.get(0)}, or null when it has none
 */
public record LayerOutput(List<Tensor> outputs, Tensor mask) {
    public LayerOutput {
        outputs = List.copyOf(outputs);
    }

    /** The first (main) output. */
    public Tensor output() { return outputs.get(0); }
}
