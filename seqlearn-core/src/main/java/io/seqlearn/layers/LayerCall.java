package io.seqlearn.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application of a layer in a functional graph (a Keras "node"): the layer, its symbolic inputs by role,
 * and the symbolic outputs it produced. A layer called twice (shared weights) has two calls.
 */
public final class LayerCall {
    private final Layer layer;
    private final Map<String, SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;

    LayerCall(Layer layer, Map<String, SymbolicTensor> inputs, List<int[]> outputShapes) {
        this.layer = layer;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        List<SymbolicTensor> outs = new ArrayList<>();
        for (int i = 0; i < outputShapes.size(); i++) outs.add(new SymbolicTensor(outputShapes.get(i), null, this, i));
        this.outputs = List.copyOf(outs);
    }

    public Layer layer() { return layer; }

    /** Inputs by role ({@value Layer#X} first). */
    public Map<String, SymbolicTensor> inputs() { return inputs; }

    public List<SymbolicTensor> outputs() { return outputs; }
}
