package io.seqlearn.layers;

import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a recurrent layer over the sequence in both directions, as {@code keras.layers.Bidirectional(layer,
 * merge_mode)}, and merges the two outputs: "concat" (default, width 2·units), "sum", "mul" or "ave"
 * (width units). The backward direction starts at each sequence's own end (lengths or mask). Parameters are
 * PyTorch's bidirectional names ({@code weight_ih_l0}, {@code weight_ih_l0_reverse}, …); with
 * {@code returnState} the states come forward first, then backward (Keras' order).
 *
 * <pre>{@code new Bidirectional(new LSTM(64, true, false), "concat")   // (B, T, I) → (B, T, 128)}</pre>
 */
public class Bidirectional extends Layer {
    private static final Set<String> MODES = Set.of("concat", "sum", "mul", "ave");
    private final Recurrent layer;
    private final String mergeMode;

    public Bidirectional(Recurrent layer, String mergeMode) {
        if (!MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("bidirectional: merge mode must be one of concat, sum, mul, ave; got '" + mergeMode + "'");
        }
        this.layer = layer;
        this.mergeMode = mergeMode;
        layer.makeBidirectional(mergeMode);
    }

    public Bidirectional(Recurrent layer) { this(layer, "concat"); }

    @Override
    protected void onBuild(int[] inputShape, Rng rng) {
        layer.dtype(dtype()).seed(rng.nextLong());
        layer.named(label());
        layer.build(inputShape);
        adopt(layer);
    }

    @Override
    public long plannedWeightCount(int[] inputShape) { return layer.plannedWeightCount(inputShape); }

    @Override
    protected void checkInputShape(int[] shape) { layer.build(shape); }

    @Override
    public Set<String> inputRoles() { return layer.inputRoles(); }

    @Override
    public List<int[]> outputShapes(Map<String, int[]> inputShapes) { return layer.outputShapes(inputShapes); }

    @Override
    protected List<Tensor> compute(Map<String, Tensor> inputs, Tensor mask) { return layer.call(inputs, mask).outputs(); }

    @Override
    protected Tensor computeMask(Map<String, Tensor> inputs, Tensor mask) { return layer.computeMask(inputs, mask); }

    @Override
    public void setStepSeed(long stepSeed) {
        super.setStepSeed(stepSeed);
        layer.setStepSeed(stepSeed);
    }

    /** The wrapped layer (configured bidirectional). */
    public Recurrent layer() { return layer; }

    public String mergeMode() { return mergeMode; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("type", layer.typeName());
        inner.put("config", layer.config());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layer", inner);
        c.put("merge_mode", mergeMode);
        return c;
    }

    static Bidirectional fromConfig(LayerConfig c, LayerRegistry registry) {
        LayerConfig inner = new LayerConfig("Bidirectional.layer", c.mapValue("layer"));
        String type = inner.stringValue("type", null);
        if (type == null) throw new IllegalArgumentException("Bidirectional config: 'layer.type' is missing");
        Layer l = registry.create(type, inner.mapValue("config"));
        if (!(l instanceof Recurrent r)) {
            throw new IllegalArgumentException("Bidirectional config: wraps a recurrent layer, got '" + type + "'");
        }
        return new Bidirectional(r, c.stringValue("merge_mode", "concat"));
    }
}
