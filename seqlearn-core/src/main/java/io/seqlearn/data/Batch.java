package io.seqlearn.data;

import io.seqlearn.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mini-batch: model inputs and targets by name, batch-first.
 *
 * @param inputs  tensors by model input name (a single-input model accepts any one name)
 * @param targets tensors by model output name (a single-output model accepts any one name); empty for predict
 * @param tokens  number of real (non-padding) tokens, for the tokens/s readout; 0 shows samples/s instead
 */
public record Batch(Map<String, Tensor> inputs, Map<String, Tensor> targets, long tokens) {
    public Batch {
        if (inputs.isEmpty()) throw new IllegalArgumentException("batch: no inputs");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    public Batch(Map<String, Tensor> inputs, Map<String, Tensor> targets) { this(inputs, targets, 0); }

    /** Batch size: the first dim of the first input. */
    public int size() { return inputs.values().iterator().next().size(0); }
}
