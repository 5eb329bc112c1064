package io.seqlearn.train;

import io.seqlearn.layers.Layer;
import io.seqlearn.layers.LayerOutput;
import io.seqlearn.layers.SymbolicShapes;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain stack of layers, each feeding the next, as {@code keras.Sequential}: one input named "input", one
 * output named after the last layer. Masks flow along the stack ({@code Embedding(maskZero)} → LSTM).
 * The model is built when the input shape is first known: {@link #input(int...)} (Keras
 * {@code Input(shape=...)}), {@link #build(int...)}, or the first batch it sees.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new Dense(16, "relu"), new Dropout(0.1), new Dense(1)).input(8);
 * System.out.println(m.summary());
 * }</pre>
 */
public class Sequential extends Model {
    /** Name of the only input. */
    public static final String INPUT = "input";

    private final List<Layer> layers = new ArrayList<>();
    private final List<int[]> outputShapes = new ArrayList<>();
    private int[] inputShape;
    private boolean built;

    public Sequential(Layer... layers) {
        this("sequential", layers);
    }

    public Sequential(String name, Layer... layers) {
        super(name);
        for (Layer l : layers) add(l);
    }

    /** Appends a layer, naming it uniquely ("dense", "dense_1", …) if it has no name. */
    public Sequential add(Layer layer) {
        LayerNames.assign(layer, layers);
        registerModule(layer.name(), layer);
        layers.add(layer);
        if (built) {
            seedLayers();
            int[] in = outputShapes.get(outputShapes.size() - 1);
            layer.build(in);
            outputShapes.add(layer.outputShapes(Map.of(Layer.X, in)).get(0));
        }
        return this;
    }

    /** Declares the per-sample input shape (no batch dim; -1 for unknown sizes), as {@code Input(shape=...)}. */
    public Sequential input(int... perSampleShape) {
        int[] full = new int[perSampleShape.length + 1];
        full[0] = -1;
        System.arraycopy(perSampleShape, 0, full, 1, perSampleShape.length);
        return build(full);
    }

    /** Builds every layer for inputs of {@code shape} (batch first, -1 for unknown), as Keras {@code build}. */
    public Sequential build(int... shape) {
        if (built) {
            layers.get(0).build(shape);
            return this;
        }
        if (layers.isEmpty()) throw new IllegalStateException(name() + ": add layers before building");
        seedLayers();
        int[] s = shape.clone();
        List<int[]> outs = new ArrayList<>();
        for (Layer l : layers) {
            l.build(s);
            s = l.outputShapes(Map.of(Layer.X, s)).get(0);
            outs.add(s);
        }
        inputShape = shape.clone();
        outputShapes.clear();
        outputShapes.addAll(outs);
        built = true;
        return this;
    }

    @Override
    public List<String> inputNames() { return List.of(INPUT); }

    @Override
    public List<String> outputNames() {
        if (layers.isEmpty()) throw new IllegalStateException(name() + ": no layers");
        return List.of(layers.get(layers.size() - 1).name());
    }

    @Override
    public List<Layer> layers() { return List.copyOf(layers); }

    @Override
    public boolean isBuilt() { return built; }

    @Override
    protected boolean tryBuild() { return built; }

    /** Input shape the model was built for (batch -1), or null. */
    public int[] inputShape() { return inputShape == null ? null : inputShape.clone(); }

    @Override
    protected void buildFor(Map<String, int[]> inputShapes) {
        if (built) return;
        build(layers.isEmpty() ? inputShapes.get(INPUT) : layers.get(0).symbolicInputShape(inputShapes.get(INPUT)));
    }

    @Override
    protected Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Tensor x = inputs.get(INPUT);
        buildFor(Map.of(INPUT, x.shapeRef()));
        Tensor mask = null;
        for (Layer l : layers) {
            LayerOutput o = l.call(Map.of(Layer.X, x), mask);
            x = o.output();
            mask = o.mask();
        }
        return Map.of(outputNames().get(0), x);
    }

    @Override
    public String summary() {
        if (!built) {
            throw new IllegalStateException(name() + ": the model is not built yet; call input(shape) or build(shape), "
                    + "or run it on data first (Keras: \"This model has not yet been built\")");
        }
        SummaryTable t = SummaryTable.sequential(name());
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            t.row(l.name() + " (" + l.typeName() + ")", SymbolicShapes.str(outputShapes.get(i)), String.valueOf(l.parameterCount()));
        }
        return t.render(parameterCount(), bufferCount(this), bytesPerParam(this));
    }

    static long bufferCount(Model m) {
        long all = 0;
        for (Tensor t : m.stateDict().values()) all += t.numel();
        return all - m.parameterCount();
    }

    static int bytesPerParam(Model m) {
        for (Tensor t : m.stateDict().values()) return t.dtype() == io.seqlearn.tensor.DType.F64 ? 8 : 4;
        return 4;
    }

    @Override
    public Map<String, Object> architecture() {
        if (!built) throw new IllegalStateException(name() + ": build the model before saving it");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("class", "Sequential");
        a.put("name", name());
        a.put("seed", seed());
        a.put("input_shape", inputShape);
        List<Object> ls = new ArrayList<>();
        for (Layer l : layers) ls.add(LayerNames.describe(l));
        a.put("layers", ls);
        return a;
    }
}
